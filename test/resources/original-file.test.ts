import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import type { createApp } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { temporaryFolders } from '../helpers/process.ts';

/**
 * GET /api/resources/:id/file serves the version of the file that was indexed, read from
 * a regular file inside its content folder: never a link's target (the master key), never
 * a file changed since or larger than MAX_FILE_BYTES; a PDF opens in a sandbox.
 */

const { client } = testMeili();
const tempDir = temporaryFolders('original-file');
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const guide = '# Un guide\n\n## Partie\n\nTexte ordinaire du guide.\n';

/** A content folder indexed in fresh indexes, and the app serving it. */
async function servedFolder(
  files: Record<string, string | Buffer>,
  env: NodeJS.ProcessEnv = {},
): Promise<{ dir: string; app: ReturnType<typeof createApp>; prefix: string }> {
  const { prefix } = uniqueIndexes('file');
  prefixes.push(prefix);
  const dir = await contentFolder(files);
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir], env });
  return { dir, app, prefix };
}

describe('GET /api/resources/:id/file', () => {
  const pdf = buildPdf({ pages: [['Une page de PDF avec du texte.']], title: 'Le document' });

  it('serves a PDF inline in a sandbox (Content-Security-Policy: sandbox), never sniffed', async () => {
    const { app } = await servedFolder({ 'doc.pdf': pdf });
    const response = await request(app).get('/api/resources/contenu-doc/file').expect(200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(response.headers['content-disposition'] ?? '', /^inline; filename="?doc\.pdf"?/);
    const csp = (response.headers['content-security-policy'] ?? '')
      .split(';')
      .map((directive) => directive.trim());
    assert.ok(csp.includes('sandbox'), `sandboxed: ${csp.join('; ')}`);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(Buffer.from(response.body as Buffer), pdf);
  });

  it('serves Markdown as a download, sandboxed too', async () => {
    const { app } = await servedFolder({ 'guide.md': guide });
    const response = await request(app).get('/api/resources/contenu-guide/file').expect(200);
    assert.match(response.headers['content-type'] ?? '', /^text\/markdown; charset=utf-8/);
    assert.match(
      response.headers['content-disposition'] ?? '',
      /^attachment; filename="?guide\.md"?/,
    );
    assert.match(response.headers['content-security-policy'] ?? '', /(^|; )sandbox(;|$)/);
    assert.equal(response.text, guide);
  });

  it('names the indexed version in its ETag, and answers 304 to a browser that holds it', async () => {
    const { app } = await servedFolder({ 'guide.md': guide });
    const sha256 = createHash('sha256').update(guide).digest('hex');
    const first = await request(app).get('/api/resources/contenu-guide/file').expect(200);
    assert.equal(first.headers.etag, `"${sha256}"`);
    await request(app)
      .get('/api/resources/contenu-guide/file')
      .set('If-None-Match', `"${sha256}"`)
      .expect(304);
  });

  it('answers 404 when the file was replaced by a link to the master key, and never shows the key', async () => {
    const dataDir = await tempDir();
    const key = randomBytes(32).toString('base64url');
    const keyFile = path.join(dataDir, 'meili-master-key');
    await fs.writeFile(keyFile, `${key}\n`, { mode: 0o600 });
    const { dir, app } = await servedFolder({ 'x.md': guide });
    // ln -sf DATA_DIR/meili-master-key content/x.md
    await fs.rm(path.join(dir, 'x.md'));
    await fs.symlink(keyFile, path.join(dir, 'x.md'));

    const response = await request(app).get('/api/resources/contenu-x/file');
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'file_missing');
    assert.doesNotMatch(response.text, new RegExp(key));
  });

  it('answers 404 when the file was replaced by a link even to a file with the same bytes', async () => {
    // Same content, so only the link itself is refused (not the hash).
    const outside = await tempDir();
    await fs.writeFile(path.join(outside, 'copie.md'), guide);
    const { dir, app } = await servedFolder({ 'x.md': guide });
    await fs.rm(path.join(dir, 'x.md'));
    await fs.symlink(path.join(outside, 'copie.md'), path.join(dir, 'x.md'));

    const response = await request(app).get('/api/resources/contenu-x/file').expect(404);
    assert.equal(response.body.error.code, 'file_missing');
  });

  it('answers 409 file_changed once the file differs from the indexed version', async () => {
    const { dir, app } = await servedFolder({ 'guide.md': guide });
    // Same size, other bytes: only the hash tells.
    await writeContent(dir, 'guide.md', guide.replace('ordinaire', 'ORDINAIRE'));
    const response = await request(app).get('/api/resources/contenu-guide/file').expect(409);
    assert.equal(response.body.error.code, 'file_changed');
    assert.match(response.body.error.message, /a changé depuis son indexation/);
    assert.doesNotMatch(response.text, /ORDINAIRE/);
  });

  it('answers 409 file_too_large, without its bytes, for a file now over MAX_FILE_BYTES', async () => {
    const { dir, app } = await servedFolder({ 'guide.md': guide }, { MAX_FILE_BYTES: '4096' });
    await writeContent(dir, 'guide.md', `${guide}\n${'Ajout volumineux. '.repeat(400)}`);
    const response = await request(app).get('/api/resources/contenu-guide/file').expect(409);
    assert.equal(response.body.error.code, 'file_too_large');
    assert.doesNotMatch(response.text, /Ajout volumineux/);
  });

  it('serves a link that stays inside its folder when FOLLOW_SYMLINKS=inside-root', async () => {
    const { prefix } = uniqueIndexes('file');
    prefixes.push(prefix);
    const dir = await contentFolder({ 'vrai.md': guide });
    await fs.symlink(path.join(dir, 'vrai.md'), path.join(dir, 'alias.md'));
    const deps = { ...(await pipelineDeps(client, prefix)), symlinks: 'inside-root' as const };
    await sync(deps, [dir]);
    const { app } = await buildTestApp({
      meili: client,
      prefix,
      contentDirs: [dir],
      env: { FOLLOW_SYMLINKS: 'inside-root' },
    });
    const response = await request(app).get('/api/resources/contenu-alias/file').expect(200);
    assert.equal(response.text, guide);
  });
});
