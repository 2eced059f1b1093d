import type { PromotionTable } from '../content/promotions.ts';
import { foldText } from '../text/fold-accents.ts';

/**
 * A promotion named in a query ("défis EIG 1", "EIG 2017", "la deuxième promotion",
 * "promo 5"), found through the promotions table: défi records carry its label, so that
 * the défis of that promotion can be ranked with the rest of the query.
 */

export interface PromotionMention {
  /** The promotion's label, as défi records hold it ("EIG 1"). */
  label: string;
  /** The query's other words, without those that only say "promotion" or "défi". */
  rest: string[];
}

/** Words that name the programme, a promotion or a défi, not a subject. */
const promotionWords = new Set(['eig', 'promo', 'promos', 'promotion', 'promotions']);
const defiWords = new Set(['defi', 'defis']);
const ordinals = new Map([
  ['premiere', 1],
  ['premier', 1],
  ['deuxieme', 2],
  ['seconde', 2],
  ['second', 2],
  ['troisieme', 3],
  ['quatrieme', 4],
  ['cinquieme', 5],
  ['sixieme', 6],
  ['septieme', 7],
  ['huitieme', 8],
  ['neuvieme', 9],
  ['dixieme', 10],
]);

/** "2", "2e", "2ème", "2eme", "deuxième" → 2. */
function numberOf(word: string): number | undefined {
  const digits = /^(\d{1,4})(?:e|eme|er|ere)?$/.exec(word);
  if (digits?.[1] !== undefined) return Number(digits[1]);
  return ordinals.get(word);
}

/**
 * The promotion a query names, if it names one next to a promotion word ("EIG", "promo",
 * "promotion"): by its number ("EIG 1", "7ème promotion") or by its year ("EIG 2017").
 * @param words the query's words (see prepare-query.ts)
 * @param promotions the year → label table
 */
export function promotionMention(
  words: readonly string[],
  promotions: PromotionTable,
): PromotionMention | undefined {
  const folded = words.map(foldText);
  // A label's number: "EIG 1" → 1.
  const byNumber = new Map<number, string>();
  for (const label of promotions.values()) {
    const number = /(\d+)$/.exec(label)?.[1];
    if (number !== undefined) byNumber.set(Number(number), label);
  }
  for (let i = 0; i < folded.length; i++) {
    const number = numberOf(folded[i] ?? '');
    if (number === undefined) continue;
    const before = folded[i - 1];
    const after = folded[i + 1];
    if (!promotionWords.has(before ?? '') && !promotionWords.has(after ?? '')) continue;
    const label = promotions.get(number) ?? byNumber.get(number);
    if (label === undefined) continue;
    const rest = words.filter((_, j) => {
      const word = folded[j] ?? '';
      return j !== i && !promotionWords.has(word) && !defiWords.has(word);
    });
    return { label, rest };
  }
  return undefined;
}
