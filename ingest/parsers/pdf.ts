import { humaniseFileName } from './metadata.ts';
import { extractPdf } from './pdf-extract.ts';
import type { PdfExtract } from './pdf-protocol.ts';
import {
  firstMeaningfulLine,
  meaningfulMetadataTitle,
  normalisePdfText,
  pageHeading,
  titleFromText,
} from './pdf-text.ts';
import {
  ParseError,
  type ParsedDocument,
  type ParsedSection,
  type ParseOptions,
  type SourceFile,
} from './types.ts';

/**
 * PDFs: one section per page that has text, `page` carrying its number and `heading` its
 * first meaningful line (else "Page N"). pdf.js blocks the thread it runs on: the ingester
 * calls this in its parse pool (`ingest/parse-pool.ts`), which also bounds its time.
 */

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
  });
  switch (reply.kind) {
    case 'extracted':
      return pdfDocument(reply, file.relativePath);
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

/** The document of an extracted PDF: titles and normalised text of each page. */
export function pdfDocument(extract: PdfExtract, relativePath: string): ParsedDocument {
  // A page with nothing but a page number or stray marks says nothing: it counts as blank.
  const pages = extract.pages.map((page) => {
    const text = normalisePdfText(page.text);
    return { page: page.page, text: firstMeaningfulLine(text) === undefined ? '' : text };
  });
  const withText = pages.filter((page) => page.text !== '');
  if (withText.length === 0) {
    throw new ParseError(
      'pdf_no_text',
      `PDF sans texte : aucune des ${extract.pageCount} pages de ${relativePath} n'a de texte extractible ; c'est sans doute une numérisation, à passer à l'OCR avant de l'indexer`,
    );
  }
  const firstPage = pages[0]?.text ?? '';
  const title =
    meaningfulMetadataTitle(extract.metadataTitle) ??
    titleFromText(firstPage) ??
    humaniseFileName(relativePath);
  const sections = withText.map((page): ParsedSection => {
    const heading = pageHeading(page.text, page.page);
    return {
      heading,
      hierarchy: heading === title ? [title] : [title, heading],
      page: page.page,
      text: page.text,
    };
  });
  const warnings = pages
    .filter((page) => page.text === '')
    .map((page) => ({
      reason: `page ${page.page} sans texte extractible (image, page blanche ou simple numéro)`,
    }));
  const document: ParsedDocument = {
    title,
    type: 'pdf',
    format: 'pdf',
    pageCount: extract.pageCount,
    sections,
    warnings,
  };
  if (extract.metadataAuthor !== undefined) document.author = extract.metadataAuthor;
  if (extract.createdAt !== undefined) document.date = extract.createdAt.slice(0, 10);
  return document;
}
