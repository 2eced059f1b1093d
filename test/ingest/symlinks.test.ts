import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';

/**
 * Content is read only from regular files inside their content folder: a symbolic link
 * (to the master key in DATA_DIR, say) is skipped with a warning naming it, at discovery
 * and at single-file sync; FOLLOW_SYMLINKS=inside-root follows only links that stay inside.
 */

const { client } = testMeili();
const tempDir = temporaryFolders('symlinks');
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

function freshIndexes(): string {
  const { prefix } = uniqueIndexes('links');
  prefixes.push(prefix);
  return prefix;
}

/** A secret outside the content folder, as DATA_DIR/meili-master-key is. */
async function secretFile(): Promise<{ file: string; secret: string; dir: string }> {
  const dir = await tempDir();
  const secret = randomBytes(24).toString('hex');
  const file = path.join(dir, 'meili-master-key');
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { file, secret, dir };
}

async function indexedIds(prefix: string): Promise<string[]> {
  const page = await client
    .index<ResourceRecord>(`${prefix}-resources`)
    .getDocuments({ limit: 1000 });
  return page.results.map((resource) => resource.id).sort();
}

async function hitsFor(prefix: string, text: string): Promise<number> {
  const result = await client.index(`${prefix}-sections`).search(text, { limit: 0 });
  return result.estimatedTotalHits ?? 0;
}

describe('symbolic links in a content folder', () => {
  it('a link to a file outside the folder is not indexed, and is named in one warning', async () => {
    const prefix = freshIndexes();
    const { file, secret } = await secretFile();
    const dir = await contentFolder({ 'guide.md': '# Le guide\n\n## Partie\n\nTexte.\n' });
    await fs.symlink(file, path.join(dir, 'x.md'));

    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(await indexedIds(prefix), ['contenu-guide']);
    assert.equal(await hitsFor(prefix, secret), 0);
    const warnings = summary.warnings.filter((warning) => warning.path === 'contenu/x.md');
    assert.equal(warnings.length, 1, JSON.stringify(summary.warnings));
    assert.match(warnings[0]?.message ?? '', /lien symbolique ignoré : x\.md/);
  });

  it('a link to a folder outside is not walked, and is named in one warning', async () => {
    const prefix = freshIndexes();
    const { dir: outside, secret } = await secretFile();
    await fs.writeFile(path.join(outside, 'fuite.md'), `# Fuite\n\n${secret}\n`);
    const dir = await contentFolder({ 'guide.md': '# Le guide\n\nTexte.\n' });
    await fs.symlink(outside, path.join(dir, 'ailleurs'));

    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(await indexedIds(prefix), ['contenu-guide']);
    assert.equal(await hitsFor(prefix, secret), 0);
    assert.deepEqual(
      summary.warnings.filter((warning) => warning.path === 'contenu/ailleurs').length,
      1,
    );
  });

  it('an indexed file replaced by a link leaves the index at the next single-file sync, with a warning', async () => {
    const prefix = freshIndexes();
    const { file, secret } = await secretFile();
    const dir = await contentFolder({ 'x.md': '# Un guide\n\n## Partie\n\nTexte ordinaire.\n' });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    assert.deepEqual(await indexedIds(prefix), ['contenu-x']);

    // ln -sf DATA_DIR/meili-master-key content/x.md
    await fs.rm(path.join(dir, 'x.md'));
    await fs.symlink(file, path.join(dir, 'x.md'));
    const summary = await sync(deps, [dir], { files: [path.join(dir, 'x.md')] });

    assert.equal(summary.parsed, 0);
    assert.deepEqual(await indexedIds(prefix), []);
    assert.equal(await hitsFor(prefix, secret), 0);
    assert.equal(summary.warnings.filter((w) => w.path === 'contenu/x.md').length, 1);
  });

  it('a link inside the folder is skipped by default', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'vrai.md': '# Le vrai\n\nTexte.\n' });
    await fs.symlink(path.join(dir, 'vrai.md'), path.join(dir, 'alias.md'));

    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(await indexedIds(prefix), ['contenu-vrai']);
    assert.equal(summary.warnings.filter((w) => w.path === 'contenu/alias.md').length, 1);
  });

  it('with FOLLOW_SYMLINKS=inside-root, links that stay inside are followed, others still skipped', async () => {
    const prefix = freshIndexes();
    const { file, secret } = await secretFile();
    const dir = await contentFolder({
      'reel/guide.md': '# Le guide réel\n\nTexte.\n',
      'vrai.md': '# Le vrai\n\nTexte.\n',
    });
    await fs.symlink(path.join(dir, 'vrai.md'), path.join(dir, 'alias.md'));
    await fs.symlink(path.join(dir, 'reel'), path.join(dir, 'lien'));
    // A link back up must not loop.
    await fs.symlink(dir, path.join(dir, 'reel', 'boucle'));
    await fs.symlink(file, path.join(dir, 'x.md'));

    const deps = { ...(await pipelineDeps(client, prefix)), symlinks: 'inside-root' as const };
    const summary = await sync(deps, [dir]);
    assert.deepEqual(await indexedIds(prefix), [
      'contenu-alias',
      'contenu-lien-guide',
      'contenu-reel-guide',
      'contenu-vrai',
    ]);
    assert.equal(await hitsFor(prefix, secret), 0);
    assert.deepEqual(
      summary.warnings.map((w) => w.path),
      ['contenu/x.md'],
    );
    assert.match(summary.warnings[0]?.message ?? '', /mène hors de son dossier de contenu/);
  });
});
