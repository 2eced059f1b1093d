import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadTaxonomy } from '../../src/content/topics.ts';
import {
  editDistance,
  spellingCandidates,
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
