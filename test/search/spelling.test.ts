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
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
  });

  it('with a bound, gives the distance up to it and bound + 1 beyond, for any pair of words', () => {
    // The full table (no shortcut) on every pair of a set of close and distant words.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] as number[];
          const above = d[i - 1] as number[];
          row[j] = Math.min(
            (above[j] as number) + 1,
            (row[j - 1] as number) + 1,
            (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      return (d[a.length] as number[])[b.length] as number;
    };
    const words = [
      'securite',
      'sekurte',
      'hebergement',
      'hbergemnet',
      'licence',
      'lciense',
      'ab',
      'ba',
      'accessibilite',
      'a',
      '',
    ];
    for (const a of words)
      for (const b of words) {
        const exact = reference(a, b);
        assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
        for (const bound of [0, 1, 2, 3])
          assert.equal(
            editDistance(a, b, bound),
            Math.min(exact, bound + 1),
            `${a} / ${b} ≤ ${bound}`,
          );
      }
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
