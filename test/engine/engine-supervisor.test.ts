import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { superviseEmbeddedMeilisearch } from '../../src/engine/engine-supervisor.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { isAlive, stopAfter, temporaryFolders, waitUntilGone } from '../helpers/process.ts';
import { spawnService, waitForStatus } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const tempDir = temporaryFolders('supervisor');
const { readyMs } = testTimeouts();

async function enginePid(dataDir: string): Promise<number | undefined> {
  try {
    const file = await fs.readFile(path.join(dataDir, 'meili/meilisearch.pid'), 'utf8');
    return (JSON.parse(file) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

function logEntries(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the embedded Meilisearch supervisor', () => {
  it('starts it again on the same URL and data after kill -9, until it is stopped', async () => {
    const dataDir = await tempDir();
    const engine = await superviseEmbeddedMeilisearch({ dataDir, startTimeoutMs: readyMs });
    await stopAfter({ pid: engine.pid, stop: engine.stop });
    const client = createMeiliClient({ url: engine.url, apiKey: engine.masterKey });
    await client.createIndex('kept').waitTask();
    const killed = engine.pid;
    process.kill(killed, 'SIGKILL');
    const deadline = Date.now() + readyMs;
    while (engine.state !== 'up' || engine.pid === killed) {
      assert.ok(Date.now() < deadline, 'not restarted');
      await sleep(20);
    }
    assert.equal((await client.health()).status, 'available');
    assert.equal((await client.getIndex('kept')).uid, 'kept');
    const restarted = engine.pid;
    await engine.stop();
    assert.equal(await waitUntilGone(restarted), true, 'stopping it stops it for good');
  });
});

describe('the service supervises its embedded Meilisearch', () => {
  it('restarts it after kill -9 on the same data and key, ready and searching again, with one warning and one recovery line', async () => {
    const dataDir = await tempDir();
    const service = await spawnService({ DATA_DIR: dataDir, OCR: 'off' });
    await waitForStatus(`${service.url}/readyz`, 200);
    const killed = await enginePid(dataDir);
    assert.ok(killed !== undefined && isAlive(killed));

    process.kill(killed, 'SIGKILL');
    // Requests keep coming during the outage: each gets an answer, none a stack in the log.
    const deadline = Date.now() + readyMs;
    let restarted: number | undefined;
    for (;;) {
      const search = await fetch(`${service.url}/api/search?q=licence`);
      assert.ok([200, 503].includes(search.status), `search answered ${search.status}`);
      const pid = await enginePid(dataDir);
      const ready = await fetch(`${service.url}/readyz`);
      if (ready.status === 200 && pid !== undefined && pid !== killed) {
        restarted = pid;
        break;
      }
      assert.ok(Date.now() < deadline, `not ready again in ${readyMs} ms:\n${service.output()}`);
      await sleep(100);
    }
    assert.ok(isAlive(restarted));
    const search = await fetch(`${service.url}/api/search?q=licence`);
    assert.equal(search.status, 200);
    assert.ok(((await search.json()) as { total: number }).total > 0);

    // The supervisor logs once the restarted engine is registered, a moment after it answers.
    while (!service.stdout().includes('embedded Meilisearch restarted')) {
      assert.ok(Date.now() < deadline, service.stdout());
      await sleep(50);
    }
    const entries = logEntries(service.stdout());
    assert.deepEqual(
      entries.filter((entry) => JSON.stringify(entry).includes('"stack"')),
      [],
      'no stack in the log',
    );
    const lost = entries.filter((entry) => /stopped unexpectedly/.test(String(entry.msg)));
    const back = entries.filter((entry) => /restarted/.test(String(entry.msg)));
    assert.equal(lost.length, 1, service.stdout());
    assert.equal(lost[0]?.level, 40);
    assert.equal(back.length, 1, service.stdout());
    assert.equal(back[0]?.level, 30);
  });
});
