import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  firstRelevantRank,
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
