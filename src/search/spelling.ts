import type { Taxonomy } from '../content/topics.ts';
import { foldText } from '../text/fold-accents.ts';

/**
 * Other spellings of a query that finds nothing: words of the topic taxonomy close to a
 * misspelt word, the query without accents, the query with one word dropped. Pure: the
 * index decides which of them find something (see did-you-mean.ts).
 */

/** Words of the taxonomy, folded → as written. */
export type Vocabulary = Map<string, string>;

/**
 * Edit distance with transpositions (optimal string alignment), on three rolling rows:
 * it runs against every word of the taxonomy for each unknown word of a query that finds
 * few results, so it allocates nothing per cell. Beyond `bound`, returns `bound + 1` as
 * soon as no alignment can come back under it.
 */
export function editDistance(a: string, b: string, bound = Number.POSITIVE_INFINITY): number {
  const cols = b.length + 1;
  let beforePrevious = new Int32Array(cols);
  let previous = Int32Array.from({ length: cols }, (_, j) => j);
  let current = new Int32Array(cols);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    // Every cell of a later row is at least the smallest of this one, less one for a
    // transposition that would skip it: past the bound by two, nothing can come back.
    if (rowBest > bound + 1) return bound + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[b.length] as number;
  return distance > bound ? bound + 1 : distance;
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
      const distance = editDistance(folded, known, allowedEdits(folded.length));
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
