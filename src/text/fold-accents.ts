/** Accent folding, the one copy: ids, slugs, topic matching and search comparisons use it. */

/** Removes diacritics (« é » → « e », « ç » → « c »), case kept. */
export function foldAccents(text: string): string {
  // NFD splits a letter from its combining marks, which are then dropped.
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lower case without accents, for comparisons only. */
export function foldText(text: string): string {
  return foldAccents(text).toLowerCase();
}

/** A name as written, for comparisons: accents folded, one apostrophe (`’` is `'`), single spaces; case kept. */
export function normaliseName(text: string): string {
  return foldAccents(text).replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}
