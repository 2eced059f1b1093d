import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countLabels,
  firstRelevantRank,
  microCounts,
  precisionRecallF1,
  meanReciprocalRankAt,
  successAt,
} from '../../bench/relevance/metrics.ts';

describe('firstRelevantRank', () => {
  it('gives the 1-based rank of the first expected id', () => {
    assert.equal(firstRelevantRank(['a', 'b', 'c', 'd'], new Set(['d', 'c'])), 3);
  });

  it('gives 0 when no expected id is among the results', () => {
    assert.equal(firstRelevantRank(['a', 'b'], new Set(['z'])), 0);
  });
});

describe('successAt', () => {
  it('counts a first answer at rank k and not at rank k + 1 or absent', () => {
    assert.equal(successAt([1, 5, 6, 0], 5), 0.5);
  });
});

describe('meanReciprocalRankAt', () => {
  it('averages 1/rank over all queries, counting 0 beyond the cut-off or absent', () => {
    assert.equal(meanReciprocalRankAt([1, 2, 11, 0], 10), (1 + 0.5) / 4);
  });
});

describe('countLabels, precisionRecallF1 and microCounts', () => {
  const items = [
    { judged: ['a'], assigned: ['a', 'b'] },
    { judged: ['b'], assigned: [] },
    { judged: ['a', 'c'], assigned: ['a'] },
  ];

  it('counts true and false positives and false negatives per label', () => {
    const counts = countLabels(items, ['a', 'b', 'c', 'd']);
    assert.deepEqual(counts.get('a'), { truePositives: 2, falsePositives: 0, falseNegatives: 0 });
    assert.deepEqual(counts.get('b'), { truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    assert.deepEqual(counts.get('c'), { truePositives: 0, falsePositives: 0, falseNegatives: 1 });
    assert.deepEqual(counts.get('d'), { truePositives: 0, falsePositives: 0, falseNegatives: 0 });
  });

  it('micro-averages over every label: precision 2/3, recall 2/4', () => {
    const micro = precisionRecallF1(microCounts(countLabels(items, ['a', 'b', 'c']).values()));
    assert.equal(micro.precision, 2 / 3);
    assert.equal(micro.recall, 0.5);
    assert.equal(micro.f1, (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
  });

  it('gives 0, not NaN, when nothing was assigned nor judged', () => {
    assert.deepEqual(
      precisionRecallF1({ truePositives: 0, falsePositives: 0, falseNegatives: 0 }),
      { precision: 0, recall: 0, f1: 0 },
    );
  });
});
