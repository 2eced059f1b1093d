import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageAnchor } from '../../src/web/parcours/catalogue.ts';
import {
  parcoursUrl,
  progressLabel,
  readingTimeLabel,
  readSteps,
  stepUrl,
} from '../../src/web/parcours/progress.ts';

describe('Parcours progress in the address', () => {
  it('reads `?lu=3,1` as the steps 1 and 3, sorted', () => {
    assert.deepEqual(readSteps('3,1', 9), [1, 3]);
  });

  it('reads `?lu=1&lu=2` (what the form sends without JavaScript) as the steps 1 and 2', () => {
    assert.deepEqual(readSteps(['1', '2'], 9), [1, 2]);
  });

  it('drops steps out of the parcours, repeated ones and anything not a number', () => {
    assert.deepEqual(readSteps(['0', '2', '2', '10', 'x', '-1', '1.5'], 9), [2]);
  });

  it('reads no step from an absent or odd value', () => {
    assert.deepEqual(readSteps(undefined, 9), []);
    assert.deepEqual(readSteps({ a: '1' }, 9), []);
  });

  it('writes the steps read back as `?lu=1,3`, and nothing when none is read', () => {
    assert.equal(parcoursUrl('bien-demarrer', [1, 3]), '/parcours/bien-demarrer?lu=1,3');
    assert.equal(parcoursUrl('bien-demarrer'), '/parcours/bien-demarrer');
  });

  it('says "3 étapes sur 9", "1 étape sur 9" and "0 étape sur 9"', () => {
    assert.equal(progressLabel(3, 9), '3 étapes sur 9');
    assert.equal(progressLabel(1, 9), '1 étape sur 9');
    assert.equal(progressLabel(0, 9), '0 étape sur 9');
  });

  it('says reading times in minutes, then hours and minutes', () => {
    assert.equal(readingTimeLabel(0.4), '1 min');
    assert.equal(readingTimeLabel(45), '45 min');
    assert.equal(readingTimeLabel(60), '1 h');
    assert.equal(readingTimeLabel(80), '1 h 20 min');
  });
});

describe('Step links', () => {
  it('put the parcours and the step before the fragment of a resource page link', () => {
    assert.equal(
      stepUrl('/ressources/guides-x#rencontrer', 'bien-demarrer', 2),
      '/ressources/guides-x?parcours=bien-demarrer&etape=2#rencontrer',
    );
    assert.equal(
      stepUrl('/ressources/guides-x', 'bien-demarrer', 1),
      '/ressources/guides-x?parcours=bien-demarrer&etape=1',
    );
  });

  it('leave other links as they are', () => {
    assert.equal(stepUrl('/api/resources/x/file#page=2', 'p', 1), '/api/resources/x/file#page=2');
  });

  it('turn a PDF page fragment into the id of that page on the resource page', () => {
    assert.equal(pageAnchor('/ressources/guides-pdf-x#page=3'), '/ressources/guides-pdf-x#page-3');
    assert.equal(
      pageAnchor('/ressources/guides-x#page-de-garde'),
      '/ressources/guides-x#page-de-garde',
    );
  });
});
