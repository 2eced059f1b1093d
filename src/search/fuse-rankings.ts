/**
 * Reciprocal rank fusion: several rankings of the same items → one. An item's score is
 * the sum, over the rankings that hold it, of `weight / (k + rank)`; a large `k` flattens
 * the advantage of the very first ranks.
 */

export interface Ranking {
  /** Item ids, best first; repeats after the first are ignored. */
  ids: readonly string[];
  /** How much this ranking counts (1 is the reference). */
  weight: number;
}

/**
 * The items of every ranking, best fused score first; ties keep the order of first sight.
 * @param rankings the rankings to fuse
 * @param k the rank offset (60 in the original method)
 */
export function fuseRankings(rankings: readonly Ranking[], k: number): string[] {
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + seen.size));
    }
  }
  // Map keeps insertion order and sort is stable: ties stay in order of first sight.
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
