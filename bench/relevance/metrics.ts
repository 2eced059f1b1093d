/** Ranking measures of a relevance evaluation. */

/**
 * The 1-based rank of the first expected id among the results, 0 when none is there.
 * @param results ids in the order the engine returned them
 * @param expected the ids that answer the query
 */
export function firstRelevantRank(
  results: readonly string[],
  expected: ReadonlySet<string>,
): number {
  return results.findIndex((id) => expected.has(id)) + 1;
}

/**
 * Share of queries answered within the first k results.
 * @param ranks one rank per query, 0 for not found
 * @param k the cut-off
 */
export function successAt(ranks: readonly number[], k: number): number {
  if (ranks.length === 0) return 0;
  return ranks.filter((rank) => rank > 0 && rank <= k).length / ranks.length;
}

/**
 * Mean reciprocal rank, counting only ranks within the first k.
 * @param ranks one rank per query, 0 for not found
 * @param k the cut-off
 */
export function meanReciprocalRankAt(ranks: readonly number[], k: number): number {
  if (ranks.length === 0) return 0;
  return (
    ranks.reduce((sum, rank) => sum + (rank > 0 && rank <= k ? 1 / rank : 0), 0) / ranks.length
  );
}
