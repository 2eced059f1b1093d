/**
 * Text of PDF pages made readable: hyphenated line breaks joined, lines of one paragraph
 * reflowed, whitespace collapsed; and the titles that can be read from it.
 */

/** Longest page heading (the page's first line), in characters. */
const headingMaxLength = 80;
/** Longest document title taken from the first line of page 1, in characters. */
const titleMaxLength = 120;

/**
 * Normalises the text of one page. A line that continues a sentence (the next line starts
 * in lower case) is joined to it, a word cut by a hyphen at the end of a line is rejoined;
 * other line breaks stay (list items, table rows, headings), blank lines become one.
 */
export function normalisePdfText(raw: string): string {
  const paragraphs = raw
    .replace(/\r\n?/g, '\n')
    // Soft hyphens and zero-width spaces (poppler keeps them; pdf.js drops them).
    .replace(/[\u00ad\u200b\ufeff]/g, '')
    .split(/\n[ \t\f\v\u00a0]*\n/)
    .map((paragraph) => reflow(paragraph.split('\n')))
    .filter(Boolean);
  return paragraphs.join('\n\n');
}

function reflow(rawLines: string[]): string {
  let text = '';
  for (const raw of rawLines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (text === '') {
      text = line;
    } else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(line)) {
      text = text.slice(0, -1) + line;
    } else {
      text += /^\p{Ll}/u.test(line) ? ` ${line}` : `\n${line}`;
    }
  }
  return text;
}

/** The first line of a text that says something (three letters at least), if any. */
export function firstMeaningfulLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => (line.match(/\p{L}/gu) ?? []).length >= 3);
}

/** The heading of a page: its first meaningful line, shortened; else `Page N`. */
export function pageHeading(text: string, page: number): string {
  const line = firstMeaningfulLine(text);
  return line === undefined ? `Page ${page}` : truncate(line, headingMaxLength);
}

/** A title from the first meaningful line of page 1; undefined when none, or when it is a whole paragraph. */
export function titleFromText(text: string): string | undefined {
  const line = firstMeaningfulLine(text);
  return line === undefined || line.length > titleMaxLength ? undefined : line;
}

/** Shortens a line at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
