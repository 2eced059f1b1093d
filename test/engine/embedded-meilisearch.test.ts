import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  EngineUnavailableError,
  resolveBinary,
  startEmbeddedMeilisearch,
} from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import {
  isAlive,
  spawnTracked,
  stopAfter,
  temporaryFolders,
  waitUntilGone,
} from '../helpers/process.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

const tempDir = temporaryFolders('embedded');
const startTimeoutMs = testTimeouts().readyMs;

describe('embedded Meilisearch', () => {
  it('starts the shipped 1.21 binary on loopback, healthy, with a 0600 master key', async () => {
    const dataDir = await tempDir();
    const meili = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    try {
      assert.match(meili.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey });
      assert.equal((await client.health()).status, 'available');
      assert.match((await client.getVersion()).pkgVersion, /^1\.21\./);
      const keyStat = await fs.stat(path.join(dataDir, 'meili-master-key'));
      assert.equal(keyStat.mode & 0o777, 0o600);
      // The key is really enforced.
      await assert.rejects(createMeiliClient({ url: meili.url, apiKey: 'wrong' }).getIndexes());
    } finally {
      await meili.stop();
    }
    assert.equal(isAlive(meili.pid), false);
  });

  it('gives the engine the indexing memory it is told, and none by default', async () => {
    const bounded = await stopAfter(
      await startEmbeddedMeilisearch({
        dataDir: await tempDir(),
        startTimeoutMs,
        maxIndexingMemory: '256MiB',
      }),
    );
    const unbounded = await stopAfter(
      await startEmbeddedMeilisearch({ dataDir: await tempDir(), startTimeoutMs }),
    );
    try {
      const argumentsOf = async (pid: number) =>
        (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      const boundedArguments = await argumentsOf(bounded.pid);
      assert.equal(
        boundedArguments[boundedArguments.indexOf('--max-indexing-memory') + 1],
        '256MiB',
      );
      assert.equal((await argumentsOf(unbounded.pid)).includes('--max-indexing-memory'), false);
    } finally {
      await bounded.stop();
      await unbounded.stop();
    }
  });

  it('reuses the same data and key on a second start', async () => {
    const dataDir = await tempDir();
    const first = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    await createMeiliClient({ url: first.url, apiKey: first.masterKey })
      .createIndex('kept')
      .waitTask();
    await first.stop();

    const second = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    try {
      assert.equal(second.masterKey, first.masterKey);
      const client = createMeiliClient({ url: second.url, apiKey: second.masterKey });
      assert.equal((await client.getIndex('kept')).uid, 'kept');
    } finally {
      await second.stop();
    }
  });

  it('stops a Meilisearch left running by a process killed with SIGKILL, then starts', async () => {
    const dataDir = await tempDir();
    // A separate process starts Meilisearch, prints its pid, and is then killed hard.
    const script = `
      import { startEmbeddedMeilisearch } from './src/engine/embedded-meilisearch.ts';
      const meili = await startEmbeddedMeilisearch({ dataDir: ${JSON.stringify(dataDir)} });
      console.log(meili.pid);
      setInterval(() => {}, 1000);`;
    const owner = await spawnTracked(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    const leftoverPid = await new Promise<number>((resolve, reject) => {
      owner.child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      owner.child.once('exit', () => reject(new Error(`owner exited early: ${owner.stderr()}`)));
    });
    // Should the test fail from here, stopping the owner's group stops this leftover too.
    owner.child.kill('SIGKILL');
    await owner.exited;
    assert.equal(isAlive(leftoverPid), true, 'the orphan Meilisearch still holds the database');

    const next = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    try {
      assert.equal(isAlive(leftoverPid), false);
      assert.equal(
        (await createMeiliClient({ url: next.url, apiKey: next.masterKey }).health()).status,
        'available',
      );
    } finally {
      await next.stop();
    }
  });

  it('is shared by a second user of the same data folder, and stopped by the last one to let go', async () => {
    const dataDir = await tempDir();
    const first = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    const second = await stopAfter(await startEmbeddedMeilisearch({ dataDir, startTimeoutMs }));
    assert.equal(first.owned, true);
    assert.equal(second.owned, false);
    assert.equal(second.url, first.url);
    assert.equal(second.pid, first.pid);

    await first.stop();
    assert.equal(isAlive(first.pid), true, 'the one that started it leaves it to the other');
    const client = createMeiliClient({ url: second.url, apiKey: second.masterKey });
    assert.equal((await client.health()).status, 'available');
    await second.stop();
    assert.equal(await waitUntilGone(first.pid), true, 'the last user stopped it');
    await assert.rejects(fs.access(path.join(dataDir, 'meili/meilisearch.pid')));
  });

  it('explains what to do when MEILI_BIN names no executable', async () => {
    await assert.rejects(
      resolveBinary('/nonexistent/meilisearch'),
      (error: unknown) =>
        error instanceof EngineUnavailableError &&
        /MEILI_BIN.*\/nonexistent\/meilisearch/.test(error.message),
    );
  });
});
