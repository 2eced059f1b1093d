import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  EngineUnavailableError,
  resolveBinary,
  startEmbeddedMeilisearch,
} from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { isAlive, temporaryFolders } from '../helpers/process.ts';

const tempDir = temporaryFolders('embedded');

describe('embedded Meilisearch', () => {
  it('starts the shipped 1.21 binary on loopback, healthy, with a 0600 master key', async () => {
    const dataDir = await tempDir();
    const meili = await startEmbeddedMeilisearch({ dataDir });
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

  it('reuses the same data and key on a second start', async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedMeilisearch({ dataDir });
    await createMeiliClient({ url: first.url, apiKey: first.masterKey })
      .createIndex('kept')
      .waitTask();
    await first.stop();

    const second = await startEmbeddedMeilisearch({ dataDir });
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
    const owner = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const leftoverPid = await new Promise<number>((resolve, reject) => {
      owner.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      owner.once('exit', () => reject(new Error('owner exited early')));
    });
    owner.kill('SIGKILL');
    await new Promise((resolve) => owner.once('exit', resolve));
    assert.equal(isAlive(leftoverPid), true, 'the orphan Meilisearch still holds the database');

    const next = await startEmbeddedMeilisearch({ dataDir });
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

  it('explains what to do when MEILI_BIN names no executable', async () => {
    await assert.rejects(
      resolveBinary('/nonexistent/meilisearch'),
      (error: unknown) =>
        error instanceof EngineUnavailableError &&
        /MEILI_BIN.*\/nonexistent\/meilisearch/.test(error.message),
    );
  });
});
