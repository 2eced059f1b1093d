import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentRoots, withPublishRoot } from '../../src/content/roots.ts';

describe('withPublishRoot', () => {
  it('adds the published content under its own key, beside a folder that is also called contenu', () => {
    const roots = withPublishRoot(contentRoots(['/srv/contenu']), '/data/contenu');
    assert.deepEqual(roots, [
      { key: 'contenu', path: '/srv/contenu' },
      { key: 'publications', path: '/data/contenu' },
    ]);
  });

  it('refuses a content folder named like the published content, naming it', () => {
    assert.throws(
      () => withPublishRoot(contentRoots(['/srv/publications']), '/data/contenu'),
      /Le dossier de contenu \/srv\/publications porte le nom « publications », réservé aux contenus publiés \(PUBLISH_DIR\)/,
    );
  });

  it('takes PUBLISH_DIR once when it is also listed in CONTENT_DIRS', () => {
    const roots = withPublishRoot(contentRoots(['/srv/guides', '/data/contenu']), '/data/contenu');
    assert.deepEqual(
      roots.map((root) => root.key),
      ['guides', 'publications'],
    );
  });
});
