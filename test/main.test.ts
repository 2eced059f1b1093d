import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findFreePort, startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { dropIndexes } from './helpers/meili.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { apiContract } from './helpers/api-contract.ts';
import { spawnService, waitForStatus } from './helpers/service.ts';
import { isAlive, stopAfter, temporaryFolders } from './helpers/process.ts';
import { testTimeouts } from './helpers/timeouts.ts';

const tempDir = temporaryFolders('main');
const { readyMs } = testTimeouts();

async function meiliPid(dataDir: string): Promise<number> {
  const pidFile = JSON.parse(
    await fs.readFile(path.join(dataDir, 'meili/meilisearch.pid'), 'utf8'),
  ) as { pid: number };
  return pidFile.pid;
}

/** Checks a probe's answer against the service's own /api/openapi.json. */
async function checkContract(
  serviceUrl: string,
  path: string,
  answer: Awaited<ReturnType<typeof waitForStatus>>,
): Promise<void> {
  const document: unknown = await (await fetch(`${serviceUrl}/api/openapi.json`)).json();
  apiContract(document).check({ method: 'GET', url: path, ...answer });
}

describe('the service process (npm start)', () => {
  it('serves /readyz 200 on an embedded Meilisearch, and SIGINT stops both processes', async () => {
    const dataDir = await tempDir();
    const service = await spawnService({ DATA_DIR: dataDir });
    const ready = await waitForStatus(`${service.url}/readyz`, 200);
    assert.deepEqual(ready.body, { status: 'ok' });
    await checkContract(service.url, '/readyz', ready);
    assert.match(service.output(), /Repères est prêt : http:\/\/127\.0\.0\.1:\d+\//);
    const pid = await meiliPid(dataDir);

    service.child.kill('SIGINT');
    assert.equal(await service.exited, 0);
    assert.equal(isAlive(pid), false, 'Meilisearch was stopped with the service');
    await assert.rejects(fs.access(path.join(dataDir, 'meili/meilisearch.pid')));
  });

  it('starts again on the same data and key after being killed with SIGKILL', async () => {
    const dataDir = await tempDir();
    const first = await spawnService({ DATA_DIR: dataDir });
    await waitForStatus(`${first.url}/readyz`, 200);
    const key = await fs.readFile(path.join(dataDir, 'meili-master-key'), 'utf8');
    const orphan = await meiliPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(isAlive(orphan), true, 'SIGKILL leaves Meilisearch behind');

    const second = await spawnService({ DATA_DIR: dataDir });
    try {
      await waitForStatus(`${second.url}/readyz`, 200);
      assert.equal(isAlive(orphan), false, 'the leftover Meilisearch was stopped');
      assert.equal(await fs.readFile(path.join(dataDir, 'meili-master-key'), 'utf8'), key);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0);
    }
  });

  it('answers 503 while MEILI_URL is unreachable, then recovers when Meilisearch comes up', async () => {
    const port = await findFreePort();
    const meiliUrl = `http://127.0.0.1:${port}`;
    const dataDir = await tempDir();
    const service = await spawnService({
      DATA_DIR: dataDir,
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: 'a-test-master-key-of-32-characters',
      INDEX_PREFIX: 'recovery',
    });
    const unavailable = await waitForStatus(`${service.url}/readyz`, 503);
    assert.deepEqual(unavailable.body, {
      status: 'unavailable',
      error: {
        code: 'search_unavailable',
        message: (unavailable.body as { error: { message: string } }).error.message,
      },
    });
    assert.match(JSON.stringify(unavailable.body), /Meilisearch est injoignable/);
    assert.doesNotMatch(JSON.stringify(unavailable.body), new RegExp(`127\\.0\\.0\\.1|${port}`));
    await checkContract(service.url, '/readyz', unavailable);

    // Meilisearch comes up at that address: the service notices on its own.
    const meiliDir = await tempDir();
    await fs.writeFile(
      path.join(meiliDir, 'meili-master-key'),
      'a-test-master-key-of-32-characters',
    );
    const meili = await stopAfter(
      await startEmbeddedMeilisearch({ dataDir: meiliDir, port, startTimeoutMs: readyMs }),
    );
    await waitForStatus(`${service.url}/readyz`, 200);
    const client = createMeiliClient({ url: meiliUrl, apiKey: meili.masterKey });
    assert.ok(await client.getIndex('recovery-sections'));
    await dropIndexes(client, 'recovery');
    // The service and Meilisearch are stopped after the test, even when it fails.
  });

  it('refuses to start on a bad environment value, naming it', async () => {
    const service = await spawnService({ PORT: 'abc', LOG_LEVEL: 'loud' });
    assert.equal(await service.exited, 2);
    assert.match(service.output(), /PORT : doit être un numéro de port/);
    assert.match(service.output(), /LOG_LEVEL : doit valoir/);
  });

  it('in production, refuses to start without CONTACT_EMAIL and HOSTING_INFO, naming them (exit 2)', async () => {
    const service = await spawnService({
      NODE_ENV: 'production',
      DATA_DIR: await tempDir(),
      CONTACT_EMAIL: '',
    });
    assert.equal(await service.exited, 2, service.output());
    assert.match(service.output(), /CONTACT_EMAIL : requis en production/);
    assert.match(service.output(), /HOSTING_INFO : requis en production/);
  });
});
