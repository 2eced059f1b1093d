import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedMeilisearch } from '../../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { watchEnginePids } from '../helpers/engine-pid-file.ts';
import { contentFolder } from '../helpers/ingest.ts';
import { spawnTracked, stopAfter, temporaryFolders, waitUntilGone } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const tempDir = temporaryFolders('chaos-ingests');
const { readyMs } = testTimeouts();

describe('chaos: concurrent ingestions on one data folder, no service running', () => {
  it('three ingestions started at the same instant all exit 0, the index is complete and no Meilisearch is left', async () => {
    const dataDir = await tempDir();
    const files = Object.fromEntries(
      Array.from({ length: 60 }, (_, index) => [
        `dossier-${index % 4}/guide-${index}.md`,
        `# Guide ${index}\n\n## Partie\n\n${'Du texte utile. '.repeat(50)}${index}\n`,
      ]),
    );
    const content = await contentFolder(files);
    const env = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      CONTENT_DIRS: content,
      INDEX_PREFIX: 'concurrence',
      OCR: 'off',
      MEILI_START_TIMEOUT_MS: String(readyMs),
    };
    const runs = await Promise.all(
      [0, 1, 2].map(() =>
        spawnTracked(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
          cwd: projectRoot,
          env,
        }),
      ),
    );
    const allExited = Promise.all(runs.map((run) => run.exited));
    const enginePids = await watchEnginePids(dataDir, allExited);
    assert.deepEqual(await allExited, [0, 0, 0], runs.map((run) => run.output()).join('\n---\n'));
    assert.equal(enginePids.size, 1, `one engine for all runs, saw ${[...enginePids].join(', ')}`);
    for (const pid of enginePids)
      assert.equal(await waitUntilGone(pid), true, `Meilisearch ${pid} is left running`);
    assert.deepEqual(await fs.readdir(path.join(dataDir, 'meili/users')), []);

    const engine = await stopAfter(
      await startEmbeddedMeilisearch({ dataDir, startTimeoutMs: readyMs }),
    );
    const client = createMeiliClient({ url: engine.url, apiKey: engine.masterKey });
    const names = indexNames('concurrence');
    assert.equal(
      (await client.index(names.resources).getStats()).numberOfDocuments,
      Object.keys(files).length,
    );
    await engine.stop();
  });

  it('an ingestion that shares the service engine finishes when the service stops first, and then stops the engine', async () => {
    const dataDir = await tempDir();
    const files = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [
        `guide-${index}.md`,
        `# Guide ${index}\n\n## Partie\n\n${'Du texte utile. '.repeat(200)}${index}\n`,
      ]),
    );
    const content = await contentFolder(files);
    const env = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      OCR: 'off',
      INDEX_PREFIX: 'depart',
      MEILI_START_TIMEOUT_MS: String(readyMs),
    };
    const service = await spawnTracked(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: { ...env, PORT: '0', CONTENT_DIRS: 'guides' },
    });
    const deadline = Date.now() + readyMs;
    while (!service.output().includes('Repères est prêt')) {
      assert.ok(Date.now() < deadline, service.output());
      await sleep(100);
    }
    const { pid: engine } = JSON.parse(
      await fs.readFile(path.join(dataDir, 'meili/meilisearch.pid'), 'utf8'),
    ) as { pid: number };
    const ingest = await spawnTracked(
      process.execPath,
      ['--import', 'tsx', 'ingest/main.ts', content],
      { cwd: projectRoot, env },
    );
    while (!ingest.output().includes('50/250')) {
      assert.ok(Date.now() < deadline && ingest.child.exitCode === null, ingest.output());
      await sleep(50);
    }
    service.child.kill('SIGTERM');
    assert.equal(await service.exited, 0, service.output());
    assert.equal(await ingest.exited, 0, ingest.output());
    assert.equal(await waitUntilGone(engine), true, 'the last user stopped the engine');
  });
});
