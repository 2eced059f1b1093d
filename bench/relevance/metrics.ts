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

/** Counts of one label over a set of judged items. */
export interface LabelCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Counts, per label, how the assigned labels agree with the judged ones.
 * @param items each item's judged and assigned labels
 * @param labels every label to count (those never seen count zero)
 */
export function countLabels(
  items: readonly { judged: readonly string[]; assigned: readonly string[] }[],
  labels: readonly string[],
): Map<string, LabelCounts> {
  const counts = new Map(
    labels.map((label) => [label, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]),
  );
  for (const { judged, assigned } of items) {
    for (const label of labels) {
      const count = counts.get(label);
      if (count === undefined) continue;
      const isJudged = judged.includes(label);
      const isAssigned = assigned.includes(label);
      if (isJudged && isAssigned) count.truePositives++;
      else if (isAssigned) count.falsePositives++;
      else if (isJudged) count.falseNegatives++;
    }
  }
  return counts;
}

/** Precision, recall and F1 of counts (0 when undefined, e.g. nothing assigned). */
export function precisionRecallF1(counts: LabelCounts): {
  precision: number;
  recall: number;
  f1: number;
} {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Micro-averaged counts: the sums over every label. */
export function microCounts(counts: Iterable<LabelCounts>): LabelCounts {
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const count of counts) {
    total.truePositives += count.truePositives;
    total.falsePositives += count.falsePositives;
    total.falseNegatives += count.falseNegatives;
  }
  return total;
}
