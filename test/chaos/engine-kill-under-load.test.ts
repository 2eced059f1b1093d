import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, temporaryFolders } from '../helpers/process.ts';
import { spawnService, waitForStatus } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const tempDir = temporaryFolders('chaos-engine');
const { readyMs } = testTimeouts();

async function enginePid(dataDir: string): Promise<number | undefined> {
  try {
    const file = await fs.readFile(path.join(dataDir, 'meili/meilisearch.pid'), 'utf8');
    return (JSON.parse(file) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

/** Requests from `connections` loops until `stop`; every status (or error) is counted. */
function load(base: string, connections: number, stop: AbortSignal) {
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const paths = ['/api/search?q=licence', '/recherche?q=h%C3%A9bergement', '/readyz'];
  const done = Promise.all(
    Array.from({ length: connections }, async (_, connection) => {
      for (let index = connection; !stop.aborted; index++) {
        const target = paths[index % paths.length] as string;
        try {
          const response = await fetch(`${base}${target}`, { signal: AbortSignal.timeout(30_000) });
          await response.arrayBuffer();
          count(String(response.status));
        } catch (error) {
          count(`error: ${(error as Error).message}`);
        }
      }
    }),
  );
  return { statuses, done };
}

describe('chaos: kill -9 of the embedded Meilisearch under load', () => {
  it('keeps answering (200 or 503, never 500 nor a dropped connection), recovers twice, then serves every new request', async (t) => {
    const dataDir = await tempDir();
    const service = await spawnService({
      DATA_DIR: dataDir,
      OCR: 'off',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await waitForStatus(`${service.url}/readyz`, 200);
    const stop = new AbortController();
    const during = load(service.url, 8, stop.signal);
    try {
      for (let round = 0; round < 2; round++) {
        await sleep(2_000);
        const killed = await enginePid(dataDir);
        assert.ok(killed !== undefined);
        process.kill(killed, 'SIGKILL');
        const deadline = Date.now() + readyMs;
        for (;;) {
          const pid = await enginePid(dataDir);
          const ready = await fetch(`${service.url}/readyz`);
          if (ready.status === 200 && pid !== undefined && pid !== killed && isAlive(pid)) break;
          assert.ok(Date.now() < deadline, `not ready again:\n${service.output()}`);
          await sleep(50);
        }
      }
    } finally {
      stop.abort();
      await during.done;
    }
    t.diagnostic(
      `answers during the kills: ${JSON.stringify(Object.fromEntries(during.statuses))}`,
    );
    const seen = [...during.statuses.keys()].sort();
    assert.ok(
      seen.every((status) => status === '200' || status === '503'),
      `answers under load: ${JSON.stringify(Object.fromEntries(during.statuses))}`,
    );

    const after = load(service.url, 8, AbortSignal.timeout(5_000));
    await after.done;
    t.diagnostic(`answers after recovery: ${JSON.stringify(Object.fromEntries(after.statuses))}`);
    assert.deepEqual([...after.statuses.keys()], ['200'], JSON.stringify([...after.statuses]));
    assert.doesNotMatch(service.stdout(), /"stack"/);
  });
});
