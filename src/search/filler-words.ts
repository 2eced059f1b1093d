import { eng as englishStopWords } from 'stopword';

/**
 * Words that say how a question is asked, not what it is about: dropped from a query
 * before it is searched, so that "comment héberger mon service ?" ranks like "héberger
 * service". Data, kept here as lists; compared without accents and in lower case.
 */

/** French question words, modal verbs and first-person phrasing. */
export const frenchFillers = [
  // Interrogatives
  'comment',
  'combien',
  'pourquoi',
  'quand',
  'quoi',
  'lequel',
  'laquelle',
  'lesquels',
  'lesquelles',
  // "est-ce que", "qu'est-ce que", "c'est quoi", "y a-t-il", inverted verbs
  'est-ce',
  'qu',
  'c',
  'a-t-il',
  'a-t-elle',
  'peut-on',
  'puis-je',
  'dois-je',
  'doit-on',
  'faut-il',
  'existe-t-il',
  'sais-tu',
  // Asking, wanting, being able to
  'peut',
  'peux',
  'peuvent',
  'pouvons',
  'pourrais',
  'pourrait',
  'dois',
  'doit',
  'doivent',
  'faut',
  'cherche',
  'veux',
  'voudrais',
  'aimerais',
  'souhaite',
  'souhaiterais',
  'besoin',
  'trouver',
  'savoir',
  'svp',
  'merci',
  'bonjour',
] as const;

/**
 * English question words and helpers, besides the English stop words. The stop words that
 * are also French words with a meaning here ("but" as in "but du projet", "an" as in "un
 * an") are kept out of the list.
 */
export const englishFillers = [
  ...englishStopWords.filter((word) => !['but', 'an', 'as'].includes(word)),
  'does',
  'doing',
  'please',
  'need',
  'want',
  'find',
  'know',
  'tell',
  "what's",
  "where's",
  "how's",
  "i'm",
  "can't",
] as const;
