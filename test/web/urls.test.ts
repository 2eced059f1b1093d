import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPastLastPage, pageCountOf, pageWindow } from '../../src/web/components/pagination.tsx';
import {
  internalHref,
  resultsReturnUrl,
  searchUrl,
  toggleFilter,
  withHighlight,
  type SearchState,
} from '../../src/web/urls.ts';

const state: SearchState = {
  q: 'cloud',
  topic: ['hebergement'],
  type: [],
  promotion: [],
  administration: [],
  competence: [],
  page: 3,
};

describe('searchUrl', () => {
  it('repeats filter values, leaves out empty values and page 1', () => {
    assert.equal(searchUrl(state), '/recherche?q=cloud&topic=hebergement&page=3');
    assert.equal(searchUrl({ q: '', topic: [], page: 1 }), '/recherche');
  });

  it('keeps the administration and compétence filters', () => {
    assert.equal(
      searchUrl({ q: '', administration: ['Haute Autorité de Santé'], competence: ['dev'] }),
      '/recherche?administration=Haute+Autorit%C3%A9+de+Sant%C3%A9&competence=dev',
    );
  });
});

describe('toggleFilter', () => {
  it('adds a value that is not there and removes one that is, back on page 1', () => {
    assert.deepEqual(toggleFilter(state, 'topic', 'securite').topic, ['hebergement', 'securite']);
    assert.deepEqual(toggleFilter(state, 'topic', 'hebergement').topic, []);
    assert.equal(toggleFilter(state, 'type', 'pdf').page, 1);
  });
});

describe('withHighlight', () => {
  it('puts the words before the fragment of a resource page link, and leaves other links alone', () => {
    assert.equal(
      withHighlight('/ressources/a#partie', 'cloud souverain'),
      '/ressources/a?q=cloud+souverain#partie',
    );
    assert.equal(
      withHighlight('/api/resources/a/file#page=2', 'cloud'),
      '/api/resources/a/file#page=2',
    );
    assert.equal(withHighlight('/ressources/a', ''), '/ressources/a');
  });

  it('adds the results page to return to, encoded, before the fragment', () => {
    assert.equal(
      withHighlight('/ressources/a#partie', 'cloud', '/recherche?q=cloud&topic=hebergement&page=2'),
      '/ressources/a?q=cloud&retour=%2Frecherche%3Fq%3Dcloud%26topic%3Dhebergement%26page%3D2#partie',
    );
    assert.equal(
      withHighlight('/ressources/a', '', '/recherche?topic=hebergement'),
      '/ressources/a?retour=%2Frecherche%3Ftopic%3Dhebergement',
    );
  });
});

describe('resultsReturnUrl', () => {
  it('keeps a results page of this site, with its query string', () => {
    assert.equal(
      resultsReturnUrl('/recherche?q=cloud&topic=hebergement&page=2'),
      '/recherche?q=cloud&topic=hebergement&page=2',
    );
    assert.equal(resultsReturnUrl('/recherche'), '/recherche');
  });

  it('refuses any other address: another site, another page, a trick path or no string', () => {
    for (const value of [
      'https://evil.example/recherche?q=x',
      '//evil.example/recherche',
      '/recherche/../coordination',
      '/recherches?q=x',
      '/recherche@evil.example',
      '/ressources/a',
      'javascript:alert(1)',
      `/recherche?q=${'x'.repeat(3000)}`,
      ['/recherche'],
      undefined,
    ]) {
      assert.equal(resultsReturnUrl(value), undefined, String(value));
    }
  });
});

describe('past the last page', () => {
  it('counts pages within the cap, and a page past them only when the list has some', () => {
    assert.equal(pageCountOf(45, 20), 3);
    assert.equal(pageCountOf(5000, 20, 1000), 50);
    assert.equal(isPastLastPage(4, 3), true);
    assert.equal(isPastLastPage(3, 3), false);
    assert.equal(isPastLastPage(2, 0), false);
  });
});

describe('internalHref', () => {
  it('keeps paths on this site and replaces anything else by the fallback', () => {
    assert.equal(internalHref('/ressources/a#b', '/x'), '/ressources/a#b');
    assert.equal(internalHref('javascript:alert(1)', '/x'), '/x');
    assert.equal(internalHref('//evil.example/a', '/x'), '/x');
    assert.equal(internalHref('https://evil.example/a', '/x'), '/x');
  });
});

describe('pageWindow', () => {
  it('shows the first and last pages and the neighbours of the current one', () => {
    assert.deepEqual(pageWindow(1, 1), [1]);
    assert.deepEqual(pageWindow(5, 20), [1, 'gap', 4, 5, 6, 'gap', 20]);
    assert.deepEqual(pageWindow(2, 4), [1, 2, 3, 4]);
  });
});
