import type * as PdfParseModule from 'pdf-parse';
import { extractWithPoppler, popplerAvailable } from './pdf-poppler.ts';
import type { PdfJob, PdfReply } from './pdf-protocol.ts';
import { largestText, type TextRun } from './pdf-title.ts';

/**
 * pdf-parse (pdf.js) behind a small interface: the page count, metadata and text of each
 * page; `pdf.ts` interprets the answer. It blocks its thread for seconds on a large file,
 * which is why the ingester parses in a worker pool (`ingest/parse-pool.ts`).
 */

/**
 * pdf-parse, loaded at the first PDF: importing it costs a thread ~190 MB of memory, which
 * a worker that only ever parses Markdown should not pay.
 */
let pdfParse: Promise<typeof PdfParseModule> | undefined;

/** Whether pdf.js was loaded in this thread: it keeps caches from file to file once it read one. */
export function pdfjsLoaded(): boolean {
  return pdfParse !== undefined;
}

/**
 * Extracts a PDF's metadata and per-page text, refusing more than `maxPages` pages: with
 * poppler's pdftotext when installed (or asked for), else with pdf.js.
 */
export async function extractPdf(job: PdfJob): Promise<PdfReply> {
  const extractor = job.extractor ?? 'auto';
  if (extractor === 'pdftotext' || (extractor === 'auto' && (await popplerAvailable()))) {
    return extractWithPoppler(job);
  }
  return extractWithPdfjs(job);
}

/** Extracts a PDF's metadata and per-page text with pdf.js (pdf-parse), in this thread. */
export async function extractWithPdfjs(job: PdfJob): Promise<PdfReply> {
  pdfParse ??= import('pdf-parse');
  const { PasswordException, PDFParse, VerbosityLevel } = await pdfParse;
  // pdf.js may detach the buffer it is given: page 1 is read again from a copy.
  const copy = job.bytes.slice();
  const parser = new PDFParse({ data: job.bytes, verbosity: VerbosityLevel.ERRORS });
  try {
    const info = await parser.getInfo();
    if (info.total > job.maxPages) {
      return { kind: 'too_many_pages', pageCount: info.total, detail: `${info.total} pages` };
    }
    const text = await parser.getText({ pageJoiner: '' });
    const reply: PdfReply = {
      kind: 'extracted',
      pageCount: info.total,
      pages: text.pages.map((page) => ({ page: page.num, text: page.text })),
    };
    const metadata: unknown = info.info;
    const title = metadataString(metadata, 'Title');
    if (title !== undefined) reply.metadataTitle = title;
    const author = metadataString(metadata, 'Author');
    if (author !== undefined) reply.metadataAuthor = author;
    if (info.total > 0) {
      const largest = largestText(await firstPageRuns(copy));
      if (largest !== undefined) reply.largestText = largest;
    }
    const created = info.getDateNode().CreationDate;
    if (created instanceof Date && !Number.isNaN(created.getTime())) {
      reply.createdAt = created.toISOString();
    }
    return reply;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const encrypted =
      error instanceof PasswordException ||
      (error instanceof Error && error.name === 'PasswordException');
    return { kind: encrypted ? 'encrypted' : 'corrupt', detail };
  } finally {
    // A document that failed to load may fail to unload too: that must not hide the answer.
    await parser.destroy().catch(() => undefined);
  }
}

/**
 * The text runs of page 1 with their font size, for its largest text: pdf-parse gives
 * text only, so page 1 is read with pdf.js itself (the very module pdf-parse runs on).
 */
async function firstPageRuns(bytes: Uint8Array): Promise<TextRun[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, verbosity: 0 }).promise;
  try {
    const page = await document.getPage(1);
    const content = await page.getTextContent();
    return content.items.flatMap((item): TextRun[] =>
      'str' in item
        ? [
            {
              text: item.str,
              // The text matrix's vertical scale is the font size as drawn.
              size: Math.hypot(Number(item.transform[2]), Number(item.transform[3])),
              endsLine: item.hasEOL,
            },
          ]
        : [],
    );
  } finally {
    await document.destroy();
  }
}

function metadataString(metadata: unknown, key: string): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value: unknown = (metadata as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One page drawn as a PNG image, for text recognition. */
export interface RenderedPage {
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Draws the given pages of a PDF one at a time (pdf.js onto @napi-rs/canvas), at `dpi`
 * but never more than `maxPixels` per page: the image size bounds the memory its
 * recognition takes. A generator, so that one page image at a time is held.
 */
export async function* renderPdfPages(
  bytes: Uint8Array,
  pages: number[],
  settings: { dpi: number; maxPixels: number },
): AsyncGenerator<RenderedPage> {
  pdfParse ??= import('pdf-parse');
  const { PDFParse, VerbosityLevel } = await pdfParse;
  // pdf.js may detach the buffer it is given: the caller keeps its own.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS });
  try {
    for (const page of pages) {
      const info = await parser.getInfo({ parsePageInfo: true, partial: [page] });
      const size = info.pages[0];
      // PDF units are 1/72 inch.
      const width = size?.width ?? 595;
      const height = size?.height ?? 842;
      const scale = Math.min(settings.dpi / 72, Math.sqrt(settings.maxPixels / (width * height)));
      const shot = await parser.getScreenshot({
        partial: [page],
        desiredWidth: Math.max(1, Math.floor(width * scale)),
        imageDataUrl: false,
        imageBuffer: true,
      });
      const image = shot.pages[0];
      if (image !== undefined) {
        yield { page, png: image.data, width: image.width, height: image.height };
      }
    }
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
