import { foldText } from '../src/text/fold-accents.ts';

/**
 * MinHash signatures of word shingles (Broder 1997): two texts' signatures agree at a
 * position with probability equal to the Jaccard similarity of their shingle sets.
 *
 * Written here rather than taken from `bloom-filters`: its MinHashFactory draws its hash
 * coefficients at random per factory, so signatures stored by one process could not be
 * compared with those of the next. These hash functions are fixed by their seeds.
 */

/** Words per shingle: five keeps common phrases from making unrelated texts look alike. */
export const SHINGLE_WORDS = 5;
/** Signature length: the Jaccard estimate's standard error is at most 0.5/√128 ≈ 0.044. */
export const SIGNATURE_LENGTH = 128;

/** The seeds of the hash functions, from a fixed SplitMix32-style sequence. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_LENGTH);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_LENGTH; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = mix32(state);
  }
  return seeds;
})();

/** MurmurHash3's 32-bit finaliser: a bijection that spreads every input bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The words of a text, lower case and without accents, for comparison only. */
export function comparableWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The distinct shingles (runs of `size` words) of a text, hashed to 32 bits. */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  const words = comparableWords(text);
  const hashes = new Set<number>();
  for (let start = 0; start + size <= words.length; start++) {
    hashes.add(hashString(words.slice(start, start + size).join(' ')));
  }
  return hashes;
}

/**
 * The MinHash signature of a set of shingle hashes: for each seeded hash function, the
 * smallest value it takes over the set. Empty for an empty set.
 */
export function minhashSignature(shingles: ReadonlySet<number>): number[] {
  if (shingles.size === 0) return [];
  const mins = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      const value = mix32(shingle ^ (SEEDS[i] as number));
      if (value < (mins[i] as number)) mins[i] = value;
    }
  }
  return Array.from(mins);
}

/**
 * Estimated Jaccard similarity of the sets behind two signatures (share of equal
 * positions); 0 when either is empty or they differ in length.
 */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}
