/** Marks that Meilisearch puts around matches; control characters no document contains. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

/**
 * Turns highlighted text into safe HTML: escape everything first, then put `<mark>` where
 * the match markers were, so that a `<script>` in a document comes back inert.
 */
export function markedHtml(highlighted: string): string {
  return escapeHtml(highlighted)
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/<mark><\/mark>/g, '');
}

/** Removes the match markers, for plain text. */
export function stripMarks(highlighted: string): string {
  return highlighted.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}

/**
 * The first words of a text, "…" after them when it goes on: a snippet with no match to
 * centre on.
 * @param text plain text
 * @param count how many words at most
 */
export function leadingWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}
