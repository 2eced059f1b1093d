import type { Resource, SourceFormat } from '../../src/content/model.ts';
import { ReperesError } from '../../src/errors.ts';

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
> {
  format: SourceFormat;
  /** Topic slugs named by the source itself (front matter), unchecked. */
  topics?: string[];
  /** Sanitised HTML of the page, from the same tree as the sections (absent for PDFs). */
  html?: string;
  sections: ParsedSection[];
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
