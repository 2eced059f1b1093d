import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { spawnTracked, temporaryFolders } from '../helpers/process.ts';
import { projectRoot, spawnService, waitForStatus } from '../helpers/service.ts';

/**
 * The attack of issue 11, point 1, on the real service (`npm start`, embedded Meilisearch)
 * and the real ingestion command: `ln -sf DATA_DIR/meili-master-key content/x.md`, then
 * the file route, a single-file ingest and a folder ingest. The key never leaves the server.
 */

const tempDir = temporaryFolders('symlink-attack');

const guide = `---
title: Un guide ordinaire
---

## Partie

Texte ordinaire du guide, sur l'hébergement.
`;

describe('the symlink attack on the master key', () => {
  it('a link to DATA_DIR/meili-master-key is neither served nor indexed, before or after an ingest', async () => {
    const dataDir = await tempDir();
    const content = path.join(await tempDir(), 'contenu');
    await fs.mkdir(content);
    await fs.writeFile(path.join(content, 'x.md'), guide);
    await fs.writeFile(path.join(content, 'autre.md'), guide.replace('ordinaire', 'second'));
    const env = { DATA_DIR: dataDir, CONTENT_DIRS: content, OCR: 'off' };
    const service = await spawnService(env);
    await waitForStatus(`${service.url}/readyz`, 200);
    const key = (await fs.readFile(path.join(dataDir, 'meili-master-key'), 'utf8')).trim();
    assert.ok(key.length >= 16);
    const answers: string[] = [];
    const get = async (url: string): Promise<Response> => {
      const response = await fetch(`${service.url}${url}`);
      answers.push(await response.clone().text());
      return response;
    };
    assert.equal((await get('/api/resources/contenu-x/file')).status, 200);

    // ln -sf DATA_DIR/meili-master-key content/x.md; and a link to DATA_DIR itself.
    await fs.rm(path.join(content, 'x.md'));
    await fs.symlink(path.join(dataDir, 'meili-master-key'), path.join(content, 'x.md'));
    await fs.symlink(dataDir, path.join(content, 'donnees'));

    const served = await get('/api/resources/contenu-x/file');
    assert.equal(served.status, 404);
    assert.equal(((await served.json()) as { error: { code: string } }).error.code, 'file_missing');

    const ingest = async (...args: string[]) => {
      const run = await spawnTracked(
        process.execPath,
        ['--import', 'tsx', 'ingest/main.ts', ...args],
        { cwd: projectRoot, env: { PATH: process.env.PATH, ...env } },
      );
      return { code: await run.exited, output: run.output() };
    };
    // The single-file ingest that followed the link before.
    const single = await ingest(path.join(content, 'x.md'));
    assert.equal(single.code, 0, single.output);
    assert.match(single.output, /lien symbolique ignoré : x\.md/);
    const folder = await ingest(content);
    assert.equal(folder.code, 0, folder.output);
    assert.match(folder.output, /lien symbolique ignoré : x\.md/);
    assert.match(folder.output, /lien symbolique ignoré : donnees/);
    answers.push(single.output, folder.output);

    assert.equal((await get('/api/resources/contenu-x')).status, 404);
    assert.equal((await get('/ressources/contenu-x')).status, 404);
    assert.equal((await get('/api/resources/contenu-x/file')).status, 404);
    const search = await get(`/api/search?q=${encodeURIComponent(key)}`);
    assert.equal(((await search.json()) as { total: number }).total, 0);
    const list = (await (await get('/api/resources')).json()) as {
      resources: { id: string }[];
    };
    assert.deepEqual(
      list.resources.map((resource) => resource.id),
      ['contenu-autre'],
    );
    await get('/ressources?q=');
    await get('/recherche?q=guide');
    // The search answer repeats the query it was given: only that echo may hold the key.
    const leaks = answers
      .map((text) => text.replaceAll(`"query":"${key}"`, ''))
      .filter((text) => text.includes(key));
    assert.deepEqual(leaks, []);
  });
});
