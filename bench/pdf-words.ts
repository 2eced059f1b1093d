import { normalisePdfText } from '../ingest/parsers/pdf-text.ts';
import type { PdfExtract } from '../ingest/parsers/pdf-protocol.ts';

/**
 * How far two extractions of the same PDF agree, word by word and in order: the longest
 * common subsequence of each page's words (as the index sees them: normalised text).
 */

export interface WordAgreement {
  /** Words in the same order in both extractions. */
  same: number;
  /** Words of the longer extraction of each page, summed. */
  total: number;
  /** Up to `keep` words of either side that the other lacks, for the report. */
  differences: { page: number; left: string[]; right: string[] }[];
}

export function pageWords(text: string): string[] {
  return normalisePdfText(text).split(/\s+/u).filter(Boolean);
}

/** Compares two extractions page by page. */
export function wordAgreement(left: PdfExtract, right: PdfExtract, keep = 5): WordAgreement {
  const result: WordAgreement = { same: 0, total: 0, differences: [] };
  const pages = Math.max(left.pages.length, right.pages.length);
  for (let index = 0; index < pages; index++) {
    const a = pageWords(left.pages[index]?.text ?? '');
    const b = pageWords(right.pages[index]?.text ?? '');
    const common = commonSubsequence(a, b);
    result.same += common.length;
    result.total += Math.max(a.length, b.length);
    if (common.length < Math.max(a.length, b.length) && result.differences.length < keep) {
      result.differences.push({
        page: index + 1,
        left: missing(a, common).slice(0, keep),
        right: missing(b, common).slice(0, keep),
      });
    }
  }
  return result;
}

/** The longest common subsequence of two word lists (dynamic programming, one page at a time). */
function commonSubsequence(a: string[], b: string[]): string[] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const common: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      common.push(a[i] as string);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return common;
}

/** The words of `all` left out of its subsequence `common`. */
function missing(all: string[], common: string[]): string[] {
  const out: string[] = [];
  let k = 0;
  for (const word of all) {
    if (k < common.length && common[k] === word) k++;
    else out.push(word);
  }
  return out;
}
