import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startEmbeddedMeilisearch } from '../../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { engineAnswers, watchEnginePids } from '../helpers/engine-pid-file.ts';
import { contentFolder } from '../helpers/ingest.ts';
import { spawnTracked, stopAfter, temporaryFolders, waitUntilGone } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const tempDir = temporaryFolders('sharing');
const { readyMs } = testTimeouts();

describe('npm run ingest with no service running (embedded Meilisearch)', () => {
  it('runs a second ingestion while the first one runs on the same data folder: both exit 0, they share one engine, the index is complete and no Meilisearch is left', async () => {
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
      CONTENT_DIRS: content,
      INDEX_PREFIX: 'partage',
      OCR: 'off',
      MEILI_START_TIMEOUT_MS: String(readyMs),
    };
    const ingest = () =>
      spawnTracked(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
        cwd: projectRoot,
        env,
      });
    // The second starts once the first one's engine answers: it finds that engine running,
    // and waits for the first to finish ingesting before its own sync.
    const first = await ingest();
    await engineAnswers(dataDir, readyMs);
    const runs = [first, await ingest()];
    const bothExited = Promise.all(runs.map((run) => run.exited));
    const enginePids = await watchEnginePids(dataDir, bothExited);
    const codes = await bothExited;
    assert.deepEqual(codes, [0, 0], runs.map((run) => run.output()).join('\n---\n'));
    assert.equal(enginePids.size, 1, `one engine for both runs, saw ${[...enginePids].join(', ')}`);
    for (const pid of enginePids)
      assert.equal(await waitUntilGone(pid), true, `Meilisearch ${pid} is left running`);

    const engine = await stopAfter(
      await startEmbeddedMeilisearch({ dataDir, startTimeoutMs: readyMs }),
    );
    const client = createMeiliClient({ url: engine.url, apiKey: engine.masterKey });
    const names = indexNames('partage');
    const stats = await client.index(names.resources).getStats();
    assert.equal(stats.numberOfDocuments, Object.keys(files).length);
    assert.ok((await client.index(names.sections).getStats()).numberOfDocuments >= 250);
    await engine.stop();
  });
});
