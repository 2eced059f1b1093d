import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promotionMention } from '../../src/search/promotion-mention.ts';

const promotions = new Map([
  [2017, 'EIG 1'],
  [2018, 'EIG 2'],
  [2023, 'EIG 7'],
]);

describe('promotionMention', () => {
  it('finds a promotion by its label and keeps the subject words', () => {
    assert.deepEqual(promotionMention(['défis', 'EIG', '1'], promotions), {
      label: 'EIG 1',
      rest: [],
    });
    assert.deepEqual(promotionMention(['défis', 'design', 'de', 'la', 'promo', '2'], promotions), {
      label: 'EIG 2',
      rest: ['design', 'de', 'la'],
    });
  });

  it('finds a promotion by its year', () => {
    assert.equal(promotionMention(['EIG', '2017'], promotions)?.label, 'EIG 1');
  });

  it('finds a promotion by an ordinal, in words or in digits', () => {
    assert.equal(
      promotionMention(['bootcamp', 'de', 'la', 'deuxième', 'promotion'], promotions)?.label,
      'EIG 2',
    );
    assert.equal(
      promotionMention(['7ème', 'promotion', 'candidature'], promotions)?.label,
      'EIG 7',
    );
  });

  it('ignores a number that no promotion word stands next to', () => {
    assert.equal(promotionMention(['article', '2', 'du', 'décret'], promotions), undefined);
    assert.equal(promotionMention(['rapport', '2017'], promotions), undefined);
  });

  it('ignores a promotion the table does not know', () => {
    assert.equal(promotionMention(['EIG', '12'], promotions), undefined);
  });
});
