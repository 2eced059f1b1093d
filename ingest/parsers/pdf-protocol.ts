/** What `pdf-extract.ts` is asked and answers, before `pdf.ts` interprets it. */

/** What the worker is given. */
export interface PdfJob {
  bytes: Uint8Array;
  maxPages: number;
  /** Which extractor reads the text (default `auto`). */
  extractor?: PdfExtractor;
}

/**
 * `pdftotext`: poppler's tools (fast, out of process); `pdfjs`: pdf-parse in this thread;
 * `auto`: poppler when installed, else pdf.js.
 */
export type PdfExtractor = 'auto' | 'pdftotext' | 'pdfjs';

/** The raw text and metadata of a PDF, before any interpretation. */
export interface PdfExtract {
  kind: 'extracted';
  pageCount: number;
  pages: { page: number; text: string }[];
  /** Metadata `Title`, `Author`, as written in the file. */
  metadataTitle?: string;
  metadataAuthor?: string;
  /** The largest text of page 1, when it stands out from the body text. */
  largestText?: string;
  /** ISO timestamp of the metadata's creation date. */
  createdAt?: string;
}

/** Why the worker could not extract the text. */
export interface PdfFailure {
  kind: 'too_many_pages' | 'encrypted' | 'corrupt';
  pageCount?: number;
  /** The PDF library's own words, for the message. */
  detail: string;
}

export type PdfReply = PdfExtract | PdfFailure;
