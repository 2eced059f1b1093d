import { extractPdf } from './pdf-extract.ts';
import { garbledReason, measureText } from './pdf-garbled.ts';
import type { OcrOutcome } from './pdf-ocr.ts';
import type { PdfExtract } from './pdf-protocol.ts';
import { firstMeaningfulLine, normalisePdfText, pageHeading } from './pdf-text.ts';
import { choosePdfTitle } from './pdf-title.ts';
import {
  ParseError,
  type ParsedDocument,
  type ParsedSection,
  type ParseOptions,
  type SourceFile,
} from './types.ts';

/**
 * PDFs: one section per page that has text, `page` carrying its number and `heading` its
 * first meaningful line (else "Page N"). Pages with (nearly) no text layer, or a garbled
 * one (`pdf-garbled.ts`), are read by OCR when `options.ocr` is set, and marked `ocr`. pdf.js and tesseract block the thread they
 * run on: the ingester calls this in its parse pool (`ingest/parse-pool.ts`), which also
 * bounds its time.
 */

/** Fewer letters than this in a page's text layer: a scan or an image, worth OCR. */
const nearlyEmptyLetters = 25;
/** Below this mean confidence (0–100), tesseract read a picture, not text: left out. */
const minOcrConfidence = 40;

/** Parses a PDF into one section per page, or throws a `pdf_*` ParseError. */
export async function parsePdf(file: SourceFile, options: ParseOptions): Promise<ParsedDocument> {
  if (file.bytes.length === 0) {
    throw new ParseError('empty', `fichier vide : ${file.relativePath} fait 0 octet`);
  }
  // pdf.js accepts junk before the header, as viewers do, but not a file without one.
  if (!file.bytes.subarray(0, 1024).includes('%PDF-')) {
    throw new ParseError(
      'pdf_corrupt',
      `PDF illisible : ${file.relativePath} n'est pas un PDF (l'en-tête %PDF- est absent)`,
    );
  }
  // A copy: pdf.js wants a plain Uint8Array and may detach it; the caller keeps its Buffer.
  const reply = await extractPdf({
    bytes: new Uint8Array(file.bytes),
    maxPages: options.pdfMaxPages,
    ...(options.pdfExtractor === undefined ? {} : { extractor: options.pdfExtractor }),
  });
  switch (reply.kind) {
    case 'extracted': {
      const unread = options.ocr === undefined ? [] : pagesWithoutText(reply);
      let ocr: OcrOutcome | undefined;
      if (options.ocr !== undefined && unread.length > 0) {
        // Loaded at the first page to read: most workers never meet a scan.
        const { recognisePdfPages } = await import('./pdf-ocr.ts');
        ocr = await recognisePdfPages(new Uint8Array(file.bytes), unread, options.ocr);
      }
      return pdfDocument(reply, file.relativePath, ocr);
    }
    case 'too_many_pages':
      throw new ParseError(
        'pdf_too_many_pages',
        `PDF trop long : ${file.relativePath} a ${reply.pageCount ?? '?'} pages, la limite est de ${options.pdfMaxPages} pages`,
      );
    case 'encrypted':
      throw new ParseError(
        'pdf_encrypted',
        `PDF protégé par un mot de passe : le texte de ${file.relativePath} ne peut pas être lu ; déposez une version sans mot de passe`,
      );
    case 'corrupt':
      throw new ParseError(
        'pdf_corrupt',
        `PDF illisible ou endommagé : ${file.relativePath} (${reply.detail})`,
      );
  }
}

/**
 * Pages whose text layer cannot be used: (nearly) no letters (scans, pages made of an
 * image) or garbled text (a font without a usable encoding).
 */
export function pagesWithoutText(extract: PdfExtract): number[] {
  return extract.pages
    .filter((page) => {
      const text = normalisePdfText(page.text);
      return (
        countLetters(text) < nearlyEmptyLetters || garbledReason(measureText(text)) !== undefined
      );
    })
    .map((page) => page.page);
}

/**
 * The document of an extracted PDF: titles and normalised text of each page; a page's
 * recognised text (`ocr`) stands in for its text layer when it says more.
 */
export function pdfDocument(
  extract: PdfExtract,
  relativePath: string,
  ocr?: OcrOutcome,
): ParsedDocument {
  // A page with nothing but a page number or stray marks says nothing: it counts as blank.
  const garbled = new Map<number, string>();
  const pages = extract.pages.map((page) => {
    let layer = normalisePdfText(page.text);
    const unreadable = garbledReason(measureText(layer));
    if (unreadable !== undefined) {
      // Garbled text is no text: never indexed, replaced by OCR when it reads the page.
      garbled.set(page.page, unreadable);
      layer = '';
    }
    const recognised = ocr?.texts.get(page.page);
    const read =
      recognised === undefined || recognised.confidence < minOcrConfidence
        ? ''
        : normalisePdfText(recognised.text);
    if (firstMeaningfulLine(read) !== undefined && countLetters(read) > countLetters(layer)) {
      return { page: page.page, text: read, ocr: true };
    }
    return { page: page.page, text: firstMeaningfulLine(layer) === undefined ? '' : layer };
  });
  const withText = pages.filter((page) => page.text !== '');
  if (withText.length === 0) {
    throw new ParseError(
      'pdf_no_text',
      ocr === undefined
        ? garbled.size > 0
          ? `PDF sans texte lisible : aucune des ${extract.pageCount} pages de ${relativePath} n'a de texte utilisable (${garbled.size} page${garbled.size > 1 ? 's' : ''} au texte illisible, police sans encodage utilisable) ; à passer à l'OCR avant de l'indexer`
          : `PDF sans texte : aucune des ${extract.pageCount} pages de ${relativePath} n'a de texte extractible ; c'est sans doute une numérisation, à passer à l'OCR avant de l'indexer`
        : `PDF sans texte : aucune des ${extract.pageCount} pages de ${relativePath} n'a de texte, ni extractible ni reconnu automatiquement (OCR)`,
    );
  }
  const { title, source: titleSource } = choosePdfTitle({
    ...(extract.metadataTitle === undefined ? {} : { metadataTitle: extract.metadataTitle }),
    // Garbled text names nothing: page 1's largest text is trusted only when page 1 reads.
    ...(extract.largestText === undefined || garbled.has(1)
      ? {}
      : { largestText: extract.largestText }),
    firstPageText: pages[0]?.text ?? '',
    relativePath,
  });
  const sections = withText.map((page): ParsedSection => {
    const heading = pageHeading(page.text, page.page);
    return {
      heading,
      hierarchy: heading === title ? [title] : [title, heading],
      page: page.page,
      text: page.text,
      ...(page.ocr === true ? { ocr: true } : {}),
    };
  });
  const skipped = new Map(ocr?.skipped.map(({ page, reason }) => [page, reason]));
  const warnings = pages
    .filter((page) => page.text === '')
    .map((page) => ({
      reason:
        skipped.get(page.page) ??
        garbledWarning(page.page, garbled.get(page.page), ocr) ??
        (ocr?.texts.has(page.page) === true
          ? `page ${page.page} sans texte, ni extractible ni reconnu automatiquement (image sans texte lisible ou page blanche)`
          : `page ${page.page} sans texte extractible (image, page blanche ou simple numéro)`),
    }));
  const document: ParsedDocument = {
    title,
    titleSource,
    type: 'pdf',
    format: 'pdf',
    pageCount: extract.pageCount,
    sections,
    warnings,
  };
  if (extract.metadataAuthor !== undefined) document.author = extract.metadataAuthor;
  if (extract.createdAt !== undefined) document.date = extract.createdAt.slice(0, 10);
  if (ocr !== undefined) document.ocr = ocr.stats;
  return document;
}

/** The warning of a garbled page left without text, or undefined when the page is not garbled. */
function garbledWarning(
  page: number,
  reason: string | undefined,
  ocr: OcrOutcome | undefined,
): string | undefined {
  if (reason === undefined) return undefined;
  const read =
    ocr?.texts.has(page) === true
      ? ", et la reconnaissance automatique (OCR) n'y a pas lu de texte"
      : " ; non indexée, à passer à l'OCR (OCR=on)";
  return `page ${page} au texte illisible (police sans encodage utilisable : ${reason})${read}`;
}

function countLetters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}
