import { stemmer } from '@orama/stemmers/french';
import { foldText } from './fold-accents.ts';

/**
 * French stems (Snowball, through @orama/stemmers), the one copy: ingestion builds the
 * sections' `stems` field with it and search stems the query the same way, so that
 * "interventions" meets "intervention" and "hébergées" meets "héberger".
 */

const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * The stem of one word, lower case and without accents.
 * @param word a single word, any case
 */
export function stemWord(word: string): string {
  // Snowball's French rules read accents ("-ée", "-ité"): stem first, then fold.
  return foldText(stemmer(word.toLowerCase()));
}

/**
 * The stems of a text's words, in order, separated by spaces.
 * @param text any text; apostrophes and punctuation separate words
 */
export function stemText(text: string): string {
  return (text.match(wordPattern) ?? []).map(stemWord).join(' ');
}
