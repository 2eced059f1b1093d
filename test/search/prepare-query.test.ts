import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareQuery, queryWords } from '../../src/search/prepare-query.ts';

describe('queryWords', () => {
  it('trims punctuation around words and splits French elisions', () => {
    assert.deepEqual(queryWords("qu'est-ce que l’AIPD ?"), ['qu', 'est-ce', 'que', 'l', 'AIPD']);
  });

  it('keeps dots and hyphens inside a word', () => {
    assert.deepEqual(queryWords('data.gouv.fr (sapeurs-pompiers)'), [
      'data.gouv.fr',
      'sapeurs-pompiers',
    ]);
  });
});

describe('prepareQuery', () => {
  it('drops French question words and phrasing', () => {
    assert.deepEqual(prepareQuery('comment héberger mon service ?').words, [
      'héberger',
      'mon',
      'service',
    ]);
    assert.deepEqual(prepareQuery('est-ce que je peux télétravailler').words, [
      'que',
      'je',
      'télétravailler',
    ]);
  });

  it('drops English question words and stop words', () => {
    assert.deepEqual(prepareQuery('how do I open-source my code?').words, ['open-source', 'code']);
  });

  it('keeps French words that are English stop words ("but", "an")', () => {
    assert.deepEqual(prepareQuery('but du projet').words, ['but', 'du', 'projet']);
  });

  it('leaves French stop words to the index, which keeps those of synonym phrases', () => {
    assert.deepEqual(prepareQuery('comment travailler à distance ?').words, [
      'travailler',
      'à',
      'distance',
    ]);
  });

  it('keeps the whole query when every word is a question word', () => {
    assert.deepEqual(prepareQuery('comment ?').words, ['comment']);
  });

  it('stems the words that carry meaning, folded and once each', () => {
    assert.deepEqual(prepareQuery('quelles démarches pour homologuer les démarches ?').stems, [
      'demarch',
      'homologu',
    ]);
  });

  it('does not stem acronyms, numbers or short words', () => {
    assert.deepEqual(prepareQuery('RGAA EIG 2017 data.gouv.fr api').stems, []);
  });

  it('tells a question (question words dropped, or a final "?") from keywords', () => {
    assert.equal(prepareQuery('comment réussir une démo').question, true);
    assert.equal(prepareQuery('homologation téléservice ?').question, true);
    assert.equal(prepareQuery('how to publish my code').question, true);
    assert.equal(prepareQuery('publier le code source').question, false);
  });
});
