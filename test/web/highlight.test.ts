import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markSegments, prepareBodyHtml, queryTerms } from '../../src/web/highlight.ts';

describe('queryTerms', () => {
  it('folds accents and case, drops French stop words and single letters', () => {
    assert.deepEqual(queryTerms('La Réversibilité de l’hébergement à Paris'), [
      'reversibilite',
      'hebergement',
      'paris',
    ]);
  });

  it('keeps at most ten distinct words', () => {
    assert.equal(
      queryTerms('un deux trois quatre cinq six sept huit neuf dix onze douze').length,
      10,
    );
    assert.deepEqual(queryTerms('cloud Cloud CLOUD'), ['cloud']);
  });
});

describe('markSegments', () => {
  it('marks whole words that start with a term, whatever their accents', () => {
    assert.deepEqual(markSegments('Héberger et hébergement, pas shebang.', ['heberg']), [
      { text: 'Héberger', marked: true },
      { text: ' et ', marked: false },
      { text: 'hébergement', marked: true },
      { text: ', pas shebang.', marked: false },
    ]);
  });
});

/** The body as written, without the « Copier le lien » paragraphs added under headings. */
const withoutCopyLinks = (html: string) => html.replace(/<p class="rp-copy-link">.*?<\/p>/g, '');

describe('prepareBodyHtml', () => {
  it('removes a leading h1 that repeats the title, gives its id to the page, and moves the other headings down', () => {
    const prepared = prepareBodyHtml(
      '<h1 id="mon-guide">Mon guide</h1>\n<h2 id="partie">Partie</h2><h6 id="bas">Bas</h6>',
      {
        title: 'Mon Guide',
        terms: [],
      },
    );
    assert.equal(prepared.titleId, 'mon-guide');
    assert.equal(
      withoutCopyLinks(prepared.html),
      '\n<h2 id="partie">Partie</h2><h6 id="bas">Bas</h6>',
    );
  });

  it('moves every heading one level down when the body has another h1', () => {
    const prepared = prepareBodyHtml('<p>Intro</p><h1 id="a">A</h1><h2 id="b">B</h2>', {
      title: 'Titre',
      terms: [],
    });
    assert.equal(prepared.titleId, undefined);
    assert.equal(withoutCopyLinks(prepared.html), '<p>Intro</p><h2 id="a">A</h2><h3 id="b">B</h3>');
  });

  it('puts « Copier le lien » after each h2 and h3 with an id, outside the heading', () => {
    const prepared = prepareBodyHtml('<h2 id="a">A</h2><h3 id="b">B</h3><h4 id="c">C</h4>', {
      title: 'Titre',
      terms: [],
    });
    const links = [
      ...prepared.html.matchAll(/<\/(h\d)><p class="rp-copy-link"><a [^>]*href="#(\w)"/g),
    ];
    assert.deepEqual(
      links.map((match) => [match[1], match[2]]),
      [
        ['h2', 'a'],
        ['h3', 'b'],
      ],
    );
  });

  it('marks terms in text only: never inside attributes, and escaped text stays escaped', () => {
    const prepared = prepareBodyHtml(
      '<p><a href="/cloud" title="cloud">Le cloud</a> &lt;script&gt;cloud&lt;/script&gt;</p>',
      {
        title: 'T',
        terms: ['cloud'],
      },
    );
    assert.equal(
      prepared.html,
      '<p><a href="/cloud" title="cloud">Le <mark>cloud</mark></a> &#x3C;script><mark>cloud</mark>&#x3C;/script></p>',
    );
  });
});
