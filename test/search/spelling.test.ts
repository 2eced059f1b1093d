import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadTaxonomy } from '../../src/content/topics.ts';
import {
  editDistance,
  spellingCandidates,
  spellingCorrection,
  taxonomyVocabulary,
  type Vocabulary,
} from '../../src/search/spelling.ts';
import { projectRoot } from '../helpers/service.ts';

let vocabulary: Vocabulary;
before(async () => {
  vocabulary = taxonomyVocabulary(await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')));
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('licence', 'licence'), 0);
    assert.equal(editDistance('licnce', 'licence'), 1);
    assert.equal(editDistance('lciense', 'license'), 1);
    assert.equal(editDistance('sekurte', 'securite'), 2);
  });
});

describe('spellingCandidates', () => {
  it('corrects a misspelt word to the closest word of the topic taxonomy, as written there', () => {
    assert.equal(spellingCandidates('sekurte', vocabulary)[0], 'sécurité');
  });

  it('proposes the query without accents and with each word dropped', () => {
    const candidates = spellingCandidates('hébergement souverain', vocabulary);
    assert.ok(candidates.includes('hebergement souverain'));
    assert.ok(candidates.includes('hébergement'));
    assert.ok(candidates.includes('souverain'));
    assert.equal(candidates.includes('hébergement souverain'), false);
  });

  it('proposes nothing for an empty query', () => {
    assert.deepEqual(spellingCandidates('  ', vocabulary), []);
  });
});

describe('spellingCorrection', () => {
  it('replaces only the words the taxonomy does not know, and names them', () => {
    assert.deepEqual(spellingCorrection('sekurte des données', vocabulary), {
      q: 'sécurité des données',
      replaced: ['sekurte'],
    });
  });

  it('gives nothing when every word is known or too far from any', () => {
    assert.equal(spellingCorrection('sécurité', vocabulary), undefined);
    assert.equal(spellingCorrection('orgues', vocabulary), undefined);
  });
});
