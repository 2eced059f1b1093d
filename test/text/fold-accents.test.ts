import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldAccents, foldText } from '../../src/text/fold-accents.ts';

describe('foldAccents', () => {
  it('removes the accents of French letters and keeps their case', () => {
    assert.equal(
      foldAccents('Élève à l’hôpital, ça marche où ?'),
      'Eleve a l’hopital, ca marche ou ?',
    );
  });

  it('removes combining marks written apart from their letter', () => {
    assert.equal(foldAccents('de\u0301fi'), 'defi');
  });
});

describe('foldText', () => {
  it('lowers the case as well, for comparisons', () => {
    assert.equal(foldText('Hébergement SÉCURISÉ'), 'hebergement securise');
  });
});
