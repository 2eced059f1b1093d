import type * as PdfParseModule from 'pdf-parse';
import type { PdfJob, PdfReply } from './pdf-protocol.ts';

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

/** Extracts a PDF's metadata and per-page text, refusing more than `maxPages` pages. */
export async function extractPdf(job: PdfJob): Promise<PdfReply> {
  pdfParse ??= import('pdf-parse');
  const { PasswordException, PDFParse, VerbosityLevel } = await pdfParse;
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

function metadataString(metadata: unknown, key: string): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value: unknown = (metadata as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
