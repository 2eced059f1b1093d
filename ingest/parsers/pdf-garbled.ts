import { eng, fra } from 'stopword';

/**
 * Pages whose text layer is garbled: a font without a usable encoding gives text such as
 * "2PEHO,OOX3ODQ" or replacement characters, which reads as nothing and must not be
 * indexed. Such a page is treated like a scan (OCR reads it when enabled). The rule is
 * measured per page on shares of characters and words (`npm run pdf-titles -- --pages`
 * prints them for a folder).
 */

/** The most frequent French and English words (stop words): real text is full of them. */
const frequentWords = new Set([...fra, ...eng].map((word) => word.toLowerCase()));

/** A page with fewer words than this is too short to judge (a title, a page number). */
const minWords = 8;
/** Real French or English text: at least this share of its words are frequent words. */
const minFrequentShare = 0.08;
/**
 * Vowels among the letters of French or English text (35–49 % on the corpus); shifted or
 * remapped codes land outside (20 % for "0HPEUH GH…"). With few frequent words, this tells
 * a garbled page from a list of names or acronyms, which keeps normal vowels.
 */
const vowelRange = { min: 0.28, max: 0.62 };
/** A long text with almost no frequent word is not French nor English, whatever its vowels. */
const longText = { words: 40, maxFrequentShare: 0.03 };
/** Share of replacement, private-use or control characters, above which glyphs were lost. */
const maxBrokenShare = 0.05;

/** The measures of one page's text. */
export interface TextQuality {
  /** Words of two letters or more. */
  words: number;
  /** Share of those words found among the frequent words. */
  frequentShare: number;
  /** Share of letters among the visible characters (reported, not decisive: tables are digits). */
  letterShare: number;
  /** Share of vowels among the letters. */
  vowelShare: number;
  /** Share of U+FFFD, private-use and control characters among the visible characters. */
  brokenShare: number;
}

/** Measures a page's text. */
export function measureText(text: string): TextQuality {
  const visible = [...text.replace(/[\s\n]+/g, '')];
  const letterChars = visible.filter((char) => /\p{L}/u.test(char));
  const letters = letterChars.length;
  const vowels = letterChars.filter((char) => /[aeiouyàâäéèêëîïôöùûüÿœæ]/iu.test(char)).length;
  // U+FFFD replaces a glyph with no Unicode value; fonts without encoding map to private use.
  const broken = visible.filter((char) => /[\uFFFD\p{Co}\p{Cc}\u25A1\u25AF]/u.test(char)).length;
  const words = (text.toLowerCase().match(/\p{L}{2,}/gu) ?? []).filter(
    (word) => !/\p{Co}/u.test(word),
  );
  const frequent = words.filter((word) => frequentWords.has(word)).length;
  return {
    words: words.length,
    frequentShare: words.length === 0 ? 0 : frequent / words.length,
    letterShare: visible.length === 0 ? 0 : letters / visible.length,
    vowelShare: letters === 0 ? 0 : vowels / letters,
    brokenShare: visible.length === 0 ? 0 : broken / visible.length,
  };
}

/**
 * Why a page's text is garbled, in French (with the measures), or undefined when it reads
 * as text or is too short to judge.
 */
export function garbledReason(quality: TextQuality): string | undefined {
  const percent = (share: number): string => `${Math.round(share * 100)} %`;
  if (quality.brokenShare > maxBrokenShare) {
    return `${percent(quality.brokenShare)} de caractères de remplacement ou inconnus`;
  }
  if (quality.words < minWords) return undefined;
  const frequent = `${percent(quality.frequentShare)} de mots courants en français ou en anglais`;
  if (
    quality.frequentShare < minFrequentShare &&
    (quality.vowelShare < vowelRange.min || quality.vowelShare > vowelRange.max)
  ) {
    return `${frequent} et ${percent(quality.vowelShare)} de voyelles seulement`;
  }
  if (quality.words >= longText.words && quality.frequentShare < longText.maxFrequentShare) {
    return `${frequent} seulement sur ${quality.words} mots`;
  }
  return undefined;
}
