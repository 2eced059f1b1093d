import type { PdfTitleSource } from './pdf-title.ts';
import type { Resource, SourceFormat } from '../../src/content/model.ts';
import { ReperesError } from '../../src/errors.ts';
import type { PdfExtractor } from './pdf-protocol.ts';

/** What every parser receives: one file's bytes and where it was found. */
export interface SourceFile {
  /** Path relative to its content root, with forward slashes (e.g. `_defis/2018-x.md`). */
  relativePath: string;
  bytes: Buffer;
}

export interface ParseOptions {
  /** Largest number of pages a PDF may have. */
  pdfMaxPages: number;
  /** Promotion label of a défi from its year (2017 → "EIG 1"), from data. */
  promotionOfYear: (year: number) => string | undefined;
  /** Text recognition of PDF pages without text; absent: such pages are left out. */
  ocr?: OcrSettings;
  /** Which extractor reads PDF text (default `auto`: pdftotext when installed, else pdf.js). */
  pdfExtractor?: PdfExtractor;
}

/** How PDF pages without text are read by OCR (plain data: it crosses worker threads). */
export interface OcrSettings {
  /** Longest recognition of one page, in milliseconds; the page is then left out. */
  pageTimeoutMs: number;
  /** Most pages of one file recognised (the others are left out, with a warning). */
  maxPages: number;
  /** Folder of the recognised texts kept by file hash; absent: no cache. */
  cacheDir?: string;
}

/** What OCR cost one file: pages recognised now, pages taken from the cache, time spent. */
export interface OcrStats {
  recognised: number;
  cached: number;
  durationMs: number;
}

/** One heading and the text under it (Markdown), or one page (PDF). Not yet chunked. */
export interface ParsedSection {
  heading: string;
  /** Headings above and including this one, outermost first. */
  hierarchy: string[];
  /** github-slugger id of the heading, as the UI renders it; absent for an introduction. */
  anchor?: string;
  /** 1-based page number, PDFs only. */
  page?: number;
  text: string;
  /** The text was recognised in the page's image (OCR), not read from the PDF. */
  ocr?: boolean;
}

/**
 * A parser's output: the resource's metadata as the source states it (see Resource) and
 * its sections, in document order.
 */
export interface ParsedDocument extends Pick<
  Resource,
  | 'title'
  | 'type'
  | 'promotion'
  | 'organisation'
  | 'summary'
  | 'author'
  | 'date'
  | 'keywords'
  | 'fields'
  | 'pageCount'
  | 'owner'
  | 'reviewed'
  | 'defi'
  | 'person'
  | 'skills'
  | 'archive'
> {
  format: SourceFormat;
  /** PDFs: which rule chose the title (`pdf-title.ts`); not indexed, for the ingest report. */
  titleSource?: PdfTitleSource;
  /** A défi page's address on the programme's site (`permalink`), to match it to the data. */
  permalink?: string;
  /** Topic slugs named by the source itself (front matter), unchecked. */
  topics?: string[];
  /** Sanitised HTML of the page, from the same tree as the sections (absent for PDFs). */
  html?: string;
  sections: ParsedSection[];
  /** PDFs whose pages went through OCR: what it cost. */
  ocr?: OcrStats;
  /** Non-fatal problems, each naming what is wrong (e.g. an unreadable date) and where. */
  warnings: ParseWarning[];
}

/**
 * A non-fatal problem of a source file, at a 1-based line and column of the file when known.
 * A plain object (not a VFileMessage) so that a document crosses worker threads intact.
 */
export interface ParseWarning {
  reason: string;
  line?: number;
  column?: number;
}

/** Stable reasons a file cannot be indexed. */
export const parseFailureCodes = [
  'empty',
  'binary',
  'too_large',
  'invalid_front_matter',
  'unsafe_front_matter',
  'pdf_encrypted',
  'pdf_corrupt',
  'pdf_no_text',
  'pdf_too_many_pages',
  'unsupported',
  'invalid_parcours',
] as const;
export type ParseFailureCode = (typeof parseFailureCodes)[number];

/** A file that cannot be indexed, with a reason in French for the person who reads it. */
export class ParseError extends ReperesError {
  override name = 'ParseError';
  constructor(
    override readonly code: ParseFailureCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
