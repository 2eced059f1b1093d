import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourceIdOf } from '../../src/content/ids.ts';

describe('resourceIdOf', () => {
  it('keeps the plain slug for ordinary names, in folders or not, Markdown or PDF', () => {
    assert.equal(resourceIdOf('guides', 'heberger-un-service.md'), 'guides-heberger-un-service');
    assert.equal(
      resourceIdOf('contenu', 'pdf/mini-guide-logiciel-libre.pdf'),
      'contenu-pdf-mini-guide-logiciel-libre',
    );
    assert.equal(
      resourceIdOf('contenu', '_defis/2018-01-01-signaux.md'),
      'contenu-defis-2018-01-01-signaux',
    );
  });

  it('gives two paths that fold to the same slug (case, accents, punctuation) distinct ids', () => {
    const twins = [
      ['guide.md', 'Guide.md'],
      ['cafe.md', 'café.md'],
      ['q-a.md', 'q&a.md'],
      ['a-b.md', 'a--b.md'],
    ];
    for (const [plain, folded] of twins) {
      const plainId = resourceIdOf('contenu', plain as string);
      const foldedId = resourceIdOf('contenu', folded as string);
      assert.notEqual(plainId, foldedId, `${plain} / ${folded}`);
      assert.ok(foldedId.startsWith(`${plainId}-`), foldedId);
      assert.match(foldedId, /^[a-z0-9-]+$/);
    }
  });

  it('depends on the root and the path only: the same input always gives the same id', () => {
    assert.equal(resourceIdOf('contenu', 'Guide.md'), resourceIdOf('contenu', 'Guide.md'));
    assert.notEqual(resourceIdOf('contenu', 'Guide.md'), resourceIdOf('autre', 'Guide.md'));
  });

  it('keeps a very long path under 200 characters, still distinct', () => {
    const long = `${'dossier/'.repeat(40)}fin.md`;
    const id = resourceIdOf('contenu', long);
    assert.ok(id.length <= 200, String(id.length));
    assert.notEqual(id, resourceIdOf('contenu', long.replace('fin', 'autre')));
  });
});
