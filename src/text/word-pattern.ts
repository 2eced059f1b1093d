/** Whole-word matching, the one copy: organisation names and défi names use it. */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern finding a phrase as whole words: not preceded nor followed by a letter or a
 * digit (« Enki » is not in « Enkidu »).
 * @param phrase the words, as the text to search is written (fold both alike beforehand)
 * @param flags RegExp flags besides `u` (e.g. `i` to ignore case)
 */
export function wordPattern(phrase: string, flags = ''): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, `u${flags}`);
}
