import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireIngestLock } from '../../ingest/ingest-lock.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { applyIndexSettings } from '../../src/engine/indexes.ts';
import { contentFolder } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { spawnService, waitForStatus } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const { client, url, key } = testMeili();
const { prefix, names } = uniqueIndexes('ready');
after(() => dropIndexes(client, prefix));
const tempDir = temporaryFolders('readyz');
const { readyMs } = testTimeouts();

describe('GET /readyz with MEILI_URL', () => {
  it('answers 503 index_syncing while the index does not hold the content folders yet, then 200 once it does', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 6 }, (_, index) => [
        `guide-${index}.md`,
        `# Guide ${index}\n\nDu texte.\n`,
      ]),
    );
    const content = await contentFolder(files);
    // The indexes exist but hold nothing yet, and the first sync is held back: the window
    // in which a new deployment used to say ready with 0 resources.
    await applyIndexSettings(client, names, await loadTaxonomy('guides/topics.yml'));
    const lock = await acquireIngestLock(client, names.lock);
    let released = false;
    after(async () => {
      if (!released) await lock.release();
    });
    const service = await spawnService({
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_PREFIX: prefix,
      CONTENT_DIRS: content,
      DATA_DIR: await tempDir(),
      OCR: 'off',
    });
    const deadline = Date.now() + readyMs;
    while (!service.output().includes('another ingestion is running')) {
      assert.ok(Date.now() < deadline, `the sync never reached the lock:\n${service.output()}`);
      await sleep(100);
    }
    // The web app may still be loading when the sync reaches the lock: 503 once it listens.
    const waiting = await waitForStatus(`${service.url}/readyz`, 503);
    const body = waiting.body as { error?: { code: string; message: string } };
    assert.equal(body.error?.code, 'index_syncing', JSON.stringify(body));
    assert.match(body.error?.message ?? '', /synchronis/);

    await lock.release();
    released = true;
    await waitForStatus(`${service.url}/readyz`, 200);
    const stats = await client.index(names.resources).getStats();
    assert.equal(stats.numberOfDocuments, Object.keys(files).length);
    await fs.access(content);
  });
});
