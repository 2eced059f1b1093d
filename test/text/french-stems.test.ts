import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stemText, stemWord } from '../../src/text/french-stems.ts';

describe('stemWord', () => {
  it('gives a plural and its singular the same stem', () => {
    assert.equal(stemWord('interventions'), stemWord('intervention'));
    assert.equal(stemWord('canaux'), stemWord('canal'));
  });

  it('gives derived forms the same stem', () => {
    assert.equal(stemWord('hébergement'), stemWord('héberger'));
    assert.equal(stemWord('anonymisation'), stemWord('anonymiser'));
  });

  it('folds accents and case after stemming', () => {
    assert.equal(stemWord('Données'), 'don');
  });
});

describe('stemText', () => {
  it('stems every word in order, elisions and hyphens separating words', () => {
    assert.equal(
      stemText("Les interventions des sapeurs-pompiers d'Essonne"),
      'le intervent de sapeur pompi d esson',
    );
  });

  it('gives nothing for a text without words', () => {
    assert.equal(stemText(' — ? '), '');
  });
});
