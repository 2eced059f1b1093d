import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseRankings } from '../../src/search/fuse-rankings.ts';

describe('fuseRankings', () => {
  it('puts first an item that several rankings place well', () => {
    const fused = fuseRankings(
      [
        { ids: ['a', 'b', 'c'], weight: 1 },
        { ids: ['b', 'c', 'a'], weight: 1 },
        { ids: ['b'], weight: 1 },
      ],
      10,
    );
    assert.deepEqual(fused, ['b', 'a', 'c']);
  });

  it('lets a heavier ranking decide', () => {
    const rankings = (weight: number) => [
      { ids: ['a', 'b'], weight: 1 },
      { ids: ['b', 'a'], weight },
    ];
    assert.deepEqual(fuseRankings(rankings(0.5), 10), ['a', 'b']);
    assert.deepEqual(fuseRankings(rankings(2), 10), ['b', 'a']);
  });

  it('keeps every item once, ties in order of first sight', () => {
    assert.deepEqual(
      fuseRankings(
        [
          { ids: ['a', 'a', 'b'], weight: 1 },
          { ids: ['c'], weight: 1 },
        ],
        10,
      ),
      ['a', 'c', 'b'],
    );
  });
});
