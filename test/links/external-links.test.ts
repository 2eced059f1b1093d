import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { externalLinksOf } from '../../src/links/external-links.ts';

const resource = (html: string) => ({
  id: 'guide',
  title: 'Le guide',
  url: '/ressources/guide',
  html,
});

describe('externalLinksOf', () => {
  it('places each link in the section of the nearest heading above it', () => {
    const links = externalLinksOf(
      resource(
        '<p><a href="https://a.example/">avant</a></p>' +
          '<h2 id="installer">Installer</h2><p><a href="https://b.example/doc">doc</a></p>' +
          '<h5 id="detail">Détail</h5><p><a href="https://c.example/">c</a></p>' +
          '<h3 id="configurer">Configurer <code>env</code></h3><ul><li><a href="http://d.example/x?y=1">d</a></li></ul>',
      ),
    );
    assert.deepEqual(
      links.map(({ url, location }) => [url, location.anchor, location.heading]),
      [
        ['https://a.example/', undefined, undefined],
        ['https://b.example/doc', 'installer', 'Installer'],
        // h5 stays in the text of its section, as sections are cut.
        ['https://c.example/', 'installer', 'Installer'],
        ['http://d.example/x?y=1', 'configurer', 'Configurer env'],
      ],
    );
    assert.deepEqual(links[1]?.location, {
      resourceId: 'guide',
      title: 'Le guide',
      resourceUrl: '/ressources/guide',
      anchor: 'installer',
      heading: 'Installer',
    });
  });

  it('keeps external http(s) addresses only, without their fragment, once per section', () => {
    const links = externalLinksOf(
      resource(
        '<h2 id="liens">Liens</h2>' +
          '<a href="/ressources/autre">interne</a><a href="#liens">ancre</a>' +
          '<a href="mailto:equipe@example.fr">courriel</a><a href="ftp://f.example/">ftp</a>' +
          '<a href="https://e.example/page#partie">e</a><a href="https://e.example/page#autre">e bis</a>',
      ),
    );
    assert.deepEqual(
      links.map(({ url }) => url),
      ['https://e.example/page'],
    );
  });

  it('finds nothing in a resource without a page (a PDF)', () => {
    assert.deepEqual(externalLinksOf({ id: 'doc', title: 'Doc', url: '/ressources/doc' }), []);
  });
});
