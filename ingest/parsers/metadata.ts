/**
 * Reading loosely typed front matter values (Jekyll and VuePress pages are written by
 * hand: a list may be a comma string, a date a string or a Date, a title a number).
 */

/** A front matter value as one trimmed string, whitespace collapsed (numbers accepted). */
export function readString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** A front matter value as a list of strings: a YAML list, or a comma-separated string. */
export function readStringList(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map(readString)
    : typeof value === 'string'
      ? value.split(',').map(readString)
      : [readString(value)];
  return items.filter((item): item is string => item !== undefined);
}

/** One string from a string or a list of strings (joined with a comma), as for `who`. */
export function readJoined(value: unknown): string | undefined {
  const items = Array.isArray(value) ? readStringList(value) : [readString(value)];
  const present = items.filter((item): item is string => item !== undefined);
  return present.length === 0 ? undefined : present.join(', ');
}

/** An ISO date (YYYY-MM-DD) from a Date or a string starting with one; undefined otherwise. */
export function readDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(value);
  if (match === null) return undefined;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The date at the start of a file name: `2018-01-01-x.md`, or `18-11-14-x.md` (posts). */
export function dateFromFileName(relativePath: string): string | undefined {
  const name = baseName(relativePath);
  const long = /^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)/.exec(name);
  if (long !== null) return isoDate(Number(long[1]), Number(long[2]), Number(long[3]));
  const short = /^(\d{2})-(\d{2})-(\d{2})(?:[-_.]|$)/.exec(name);
  if (short !== null) return isoDate(2000 + Number(short[1]), Number(short[2]), Number(short[3]));
  return undefined;
}

/** The date of a page: front matter `date`, else its file name; `warn` when `date` is unreadable. */
export function pageDate(
  data: Record<string, unknown>,
  relativePath: string,
  warn: (reason: string) => void,
): string | undefined {
  const raw = data['date'];
  const fromData = readDate(raw);
  if (fromData !== undefined) return fromData;
  if (raw !== undefined && raw !== null && raw !== '') {
    warn(`date illisible dans le front matter : « ${shownValue(raw)} » (attendu AAAA-MM-JJ)`);
  }
  return dateFromFileName(relativePath);
}

/** A front matter value as written, to quote it in a warning. */
export function shownValue(raw: unknown): string {
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
}

/** The file name without folders nor extension. */
export function baseName(relativePath: string): string {
  const name = relativePath.split('/').pop() ?? relativePath;
  return name.replace(/\.[^.]+$/, '');
}

/** A readable title from a file name: no date prefix, separators as spaces, first letter capital. */
export function humaniseFileName(relativePath: string): string {
  const words = baseName(relativePath)
    .replace(/^(?:\d{4}|\d{2})-\d{2}-\d{2}[-_]/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  const text = words === '' ? baseName(relativePath) : words;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether a path has one of these folder names (e.g. `_defis`). */
export function hasPathSegment(relativePath: string, names: readonly string[]): boolean {
  return relativePath
    .split('/')
    .slice(0, -1)
    .some((segment) => names.includes(segment.toLowerCase()));
}

/** A summary is short, one paragraph: longer `description`s are the page's content, not its summary. */
const summaryMaxLength = 400;

/** The summary of a page: front matter `summary`, a short `description`, or `excerpt`. */
export function readSummary(data: Record<string, unknown>): string | undefined {
  for (const key of ['summary', 'description', 'excerpt']) {
    const raw = data[key];
    if (typeof raw !== 'string') continue;
    // A description with paragraphs or headings is a Markdown body (défi pages), not a summary.
    if (key === 'description' && (/\n\s*\n|^\s*#/m.test(raw) || raw.length > summaryMaxLength)) {
      continue;
    }
    const text = readString(raw);
    if (text !== undefined) return text;
  }
  return undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}
