import { fra as frenchStopWords } from 'stopword';
import { foldText } from '../text/fold-accents.ts';
import { stemWord } from '../text/french-stems.ts';
import { englishFillers, frenchFillers } from './filler-words.ts';

/**
 * A query as typed → what is searched: the words that carry its subject (question words
 * and filler dropped) and their French stems, for the sections' `stems` field.
 */

export interface PreparedQuery {
  /** The words searched, as typed, in order; the whole query when all of it is filler. */
  words: string[];
  /** Stems of the words that carry meaning (no stop word), folded, without repeats. */
  stems: string[];
  /** The query is worded as a question: question words or filler were dropped, or a "?" ends it. */
  question: boolean;
}

const stopWords = new Set(frenchStopWords.map(foldText));
// French stop words ("à", "on") are left to the index, whose stop words keep those inside a
// synonym phrase ("travail à distance").
const fillers = new Set(
  [...frenchFillers, ...englishFillers].map(foldText).filter((word) => !stopWords.has(word)),
);
// French elisions ("qu'est-ce", "d'impact", "l'État") split into two words.
const elision = /^(qu|[cdjlmnst])['’](.+)$/iu;
// Punctuation around a word, not inside it ("data.gouv.fr", "sapeurs-pompiers" stay whole).
const edges = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
// Only plain words have stems worth searching: not "RGS", "2017" or "publiccode.yml".
const stemmable = (word: string) => /^\p{L}{4,}$/u.test(word) && word !== word.toUpperCase();

/** The words of a query, punctuation trimmed and elisions split. */
export function queryWords(q: string): string[] {
  return q
    .split(/\s+/)
    .map((token) => token.replace(edges, ''))
    .flatMap((token) => {
      const elided = elision.exec(token);
      return elided === null ? [token] : [elided[1] ?? '', (elided[2] ?? '').replace(edges, '')];
    })
    .filter((word) => word !== '');
}

/**
 * Drops question words and filler, and stems what is left.
 * @param q the query as typed
 */
export function prepareQuery(q: string): PreparedQuery {
  const all = queryWords(q);
  const kept = all.filter((word) => !fillers.has(foldText(word)));
  const words = kept.length > 0 ? kept : all;
  const stems = new Set<string>();
  for (const word of words) {
    if (stopWords.has(foldText(word)) || !stemmable(word)) continue;
    stems.add(stemWord(word));
  }
  return {
    words,
    stems: [...stems],
    question: words.length < all.length || /\?\s*$/u.test(q),
  };
}
