import type { Taxonomy } from '../content/topics.ts';
import { foldText } from '../text/fold-accents.ts';

/**
 * Other spellings of a query that finds nothing: words of the topic taxonomy close to a
 * misspelt word, the query without accents, the query with one word dropped. Pure: the
 * index decides which of them find something (see did-you-mean.ts).
 */

/** Words of the taxonomy, folded → as written. */
export type Vocabulary = Map<string, string>;

/** Edit distance with transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row !== undefined) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Words of the taxonomy (labels, synonyms, signals), folded → as written. */
export function taxonomyVocabulary(taxonomy: Taxonomy): Vocabulary {
  const vocabulary: Vocabulary = new Map();
  const phrases = taxonomy.topics.flatMap((topic) => [
    topic.label,
    ...topic.signals,
    ...topic.synonyms.flat(),
  ]);
  for (const phrase of phrases) {
    for (const word of phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const folded = foldText(word);
      if (folded.length >= 4 && !vocabulary.has(folded)) vocabulary.set(folded, word);
    }
  }
  return vocabulary;
}

/** How many edits a word of this length may be away from a suggestion. */
function allowedEdits(length: number): number {
  if (length <= 5) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** A query with its misspelt words replaced, and the words it replaced. */
export interface SpellingCorrection {
  q: string;
  /** The query's words that were replaced, as typed (lower case). */
  replaced: string[];
}

/**
 * The query with each word that the taxonomy does not know replaced by its closest word
 * there, when one is close enough; undefined when no word changes.
 */
export function spellingCorrection(
  q: string,
  vocabulary: Vocabulary,
): SpellingCorrection | undefined {
  const words = q
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const replaced: string[] = [];
  const corrected = words.map((word) => {
    const folded = foldText(word);
    if (folded.length < 4 || vocabulary.has(folded)) return word;
    let best: { word: string; distance: number } | undefined;
    for (const [known, written] of vocabulary) {
      if (Math.abs(known.length - folded.length) > allowedEdits(folded.length)) continue;
      const distance = editDistance(folded, known);
      if (
        distance <= allowedEdits(folded.length) &&
        (best === undefined || distance < best.distance)
      ) {
        best = { word: written, distance };
      }
    }
    if (best === undefined) return word;
    replaced.push(word);
    return best.word;
  });
  return replaced.length === 0 ? undefined : { q: corrected.join(' '), replaced };
}

/** Candidate queries, most likely first, without the query itself. */
export function spellingCandidates(q: string, vocabulary: Vocabulary): string[] {
  const query = q.trim().toLowerCase();
  if (query === '') return [];
  const candidates: string[] = [];
  const words = query.split(/\s+/);

  const correction = spellingCorrection(query, vocabulary);
  if (correction !== undefined) candidates.push(correction.q);

  const unaccented = foldText(query);
  candidates.push(unaccented);

  if (words.length >= 2 && words.length <= 6) {
    for (let i = 0; i < words.length; i++)
      candidates.push(words.filter((_, j) => j !== i).join(' '));
  }
  return [...new Set(candidates)].filter((candidate) => candidate !== query && candidate !== '');
}
