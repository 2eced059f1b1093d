import { humaniseFileName } from './metadata.ts';
import { titleFromText } from './pdf-text.ts';

/**
 * The title of a PDF, and which rule chose it: the metadata title when it is plausible,
 * else the largest text of page 1, else its first line, else the file name made readable.
 * A metadata file beside the PDF (`pdf-metadata-file.ts`) wins over all of them.
 */

/** Which rule gave a PDF its title. */
export type PdfTitleSource =
  'metadata-file' | 'metadata' | 'largest-text' | 'first-line' | 'file-name';

/** Why a candidate title says nothing about the document. */
export type ImplausibleReason = 'empty' | 'template' | 'tool' | 'file-name' | 'generic';

/**
 * Titles written by a template or a tool, not by the author (seen in EIG files): matched
 * on the whole title, case and accents as written. Data, not logic: add a line per case.
 */
const implausibleTitles: readonly { pattern: RegExp; reason: ImplausibleReason }[] = [
  { pattern: /^titre du d[ée]fi\b/i, reason: 'template' },
  { pattern: /^(?:nom du d[ée]fi|le d[ée]fi|d[ée]fi alphabet)$/i, reason: 'template' },
  { pattern: /^templates?(?:\b|_)/i, reason: 'template' },
  { pattern: /^(?:mod[èe]le|gabarit)(?:\s+\S+)?$/i, reason: 'template' },
  {
    pattern: /^(?:pr[ée]sentation|presentation)(?:\s+powerpoint|\s+google)?(?:\s*\d+)?$/i,
    reason: 'tool',
  },
  { pattern: /^powerpoint presentation$/i, reason: 'tool' },
  { pattern: /^microsoft (?:word|powerpoint|excel)\b/i, reason: 'tool' },
  { pattern: /^(?:diapositive|slide|page)\s*\d*$/i, reason: 'tool' },
  {
    pattern: /^(?:untitled|sans titre|document\s*\d*|nouveau document|new document|titre|title)$/i,
    reason: 'generic',
  },
  {
    pattern: /\.(?:docx?|odt|pptx?|odp|key|xlsx?|ods|pdf|indd|ai|psd|rtf|txt|tex)$/i,
    reason: 'file-name',
  },
];

/** Longest title taken from the largest text of page 1, in characters. */
const largestTextMaxLength = 120;
/** The largest text must be this much bigger than the page's body text to be a title. */
const largerThanBody = 1.15;

/** Collapses whitespace; undefined for nothing. */
function clean(raw: string | undefined): string | undefined {
  const title = raw?.replace(/\s+/g, ' ').trim();
  return title === undefined || title === '' ? undefined : title;
}

/** Why a candidate title is not one (template, tool, file name, generic word), or undefined when it is plausible. */
export function implausibleTitleReason(raw: string | undefined): ImplausibleReason | undefined {
  const title = clean(raw);
  if (title === undefined || (title.match(/\p{L}/gu) ?? []).length < 3) return 'empty';
  const match = implausibleTitles.find(({ pattern }) => pattern.test(title));
  if (match !== undefined) return match.reason;
  // One token joined by underscores (`Templates_Vision_EIG4`, `note_v2`) is a file name.
  if (!title.includes(' ') && title.includes('_')) return 'file-name';
  return undefined;
}

/** A text run of page 1: its string, font size (PDF units) and whether a line ends after it. */
export interface TextRun {
  text: string;
  size: number;
  endsLine: boolean;
}

/**
 * The largest text of a page (its first block in the largest font size) when it stands out
 * from the body text and is short enough to be a title; undefined otherwise.
 */
export function largestText(runs: readonly TextRun[]): string | undefined {
  const written = runs.filter((run) => run.text.trim() !== '' && run.size > 0);
  if (written.length === 0) return undefined;
  const largest = Math.max(...written.map((run) => run.size));
  // The body size: the one carrying most characters.
  const weight = new Map<number, number>();
  for (const run of written) {
    const size = Math.round(run.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + run.text.length);
  }
  const body = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? largest;
  if (largest < body * largerThanBody) return undefined;
  const start = runs.findIndex((run) => run.text.trim() !== '' && run.size >= largest - 0.5);
  let text = '';
  for (const run of runs.slice(start)) {
    // Blank runs carry a line end or a space between words; a smaller run ends the block.
    if (run.text.trim() !== '' && run.size < largest - 0.5) break;
    text += run.text + (run.endsLine ? ' ' : '');
  }
  const title = clean(text);
  return title === undefined || title.length > largestTextMaxLength ? undefined : title;
}

/** What a PDF offers as a title. */
export interface TitleCandidates {
  metadataTitle?: string;
  /** The largest text of page 1 (`largestText`). */
  largestText?: string;
  /** The normalised text of page 1. */
  firstPageText: string;
  relativePath: string;
}

/** The chosen title and the rule that chose it. */
export interface TitleChoice {
  title: string;
  source: PdfTitleSource;
}

/** Whether the metadata title will be the title: then page 1's largest text is not needed. */
export function metadataTitleSuffices(metadataTitle: string | undefined): boolean {
  const metadata = clean(metadataTitle);
  return metadata !== undefined && implausibleTitleReason(metadata) === undefined;
}

/** Chooses a PDF's title: plausible metadata, else largest text, else first line, else file name. */
export function choosePdfTitle(candidates: TitleCandidates): TitleChoice {
  const metadata = clean(candidates.metadataTitle);
  if (metadata !== undefined && implausibleTitleReason(metadata) === undefined) {
    return { title: metadata, source: 'metadata' };
  }
  const largest = clean(candidates.largestText);
  if (largest !== undefined && implausibleTitleReason(largest) === undefined) {
    return { title: largest, source: 'largest-text' };
  }
  const firstLine = titleFromText(candidates.firstPageText);
  if (firstLine !== undefined && implausibleTitleReason(firstLine) === undefined) {
    return { title: firstLine, source: 'first-line' };
  }
  return { title: readableFileName(candidates.relativePath), source: 'file-name' };
}

/** A file name made readable: separators and camel case as spaces, first letter capital, no extension. */
export function readableFileName(relativePath: string): string {
  return humaniseFileName(relativePath)
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/\s+/g, ' ');
}
