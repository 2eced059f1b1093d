import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import {
  acquireIngestLock,
  IngestLockLostError,
  IngestLockTimeoutError,
  type HeldLock,
} from '../../ingest/ingest-lock.ts';
import { settle } from '../../src/engine/tasks.ts';
import { indexExists } from '../../src/engine/indexes.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const prefixes: string[] = [];
const held: HeldLock[] = [];
after(async () => {
  await Promise.all(held.map((lock) => lock.release().catch(() => undefined)));
  await Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix)));
});

function lockUid(): string {
  const { prefix, names } = uniqueIndexes('lock');
  prefixes.push(prefix);
  return names.lock;
}

/** Quick timings, so that a test does not wait for the production ones. */
const quick = { heartbeatMs: 100, pollMs: 50, staleMs: 1_500, waitMs: 30_000 };

async function hold(uid: string, options = quick): Promise<HeldLock> {
  const lock = await acquireIngestLock(client, uid, options);
  held.push(lock);
  return lock;
}

describe('acquireIngestLock', () => {
  it('holds the lock as an index, and releasing it deletes the index', async () => {
    const uid = lockUid();
    const lock = await hold(uid);
    assert.equal(await indexExists(client, uid), true);
    await lock.release();
    assert.equal(await indexExists(client, uid), false);
  });

  it('makes a second ingestion wait until the first releases, saying it waits', async () => {
    const uid = lockUid();
    const first = await hold(uid);
    let waited = false;
    let secondHolds = false;
    const second = acquireIngestLock(client, uid, { ...quick, onWait: () => (waited = true) }).then(
      (lock) => {
        held.push(lock);
        secondHolds = true;
        return lock;
      },
    );
    // Long enough for many looks and heartbeats: a live holder is never taken over.
    await new Promise((resolve) => setTimeout(resolve, 2 * quick.staleMs));
    assert.equal(secondHolds, false);
    assert.equal(waited, true);
    await first.release();
    const lock = await second;
    assert.equal(first.signal.aborted, false);
    await lock.release();
  });

  it('takes over a stale lock whose holder stopped beating', async () => {
    const uid = lockUid();
    // A holder that died right after taking the lock: the index is there, nothing beats.
    await settle(client.createIndex(uid, { primaryKey: 'id' }), 'dead holder');
    let waited = false;
    const lock = await acquireIngestLock(client, uid, { ...quick, onWait: () => (waited = true) });
    held.push(lock);
    assert.equal(waited, true);
    assert.equal(await indexExists(client, uid), true);
    await lock.release();
  });

  it('gives up after the longest wait, with a French message naming the lock', async () => {
    const uid = lockUid();
    await hold(uid);
    await assert.rejects(
      acquireIngestLock(client, uid, { ...quick, staleMs: 60_000, waitMs: 500 }),
      (error) =>
        error instanceof IngestLockTimeoutError &&
        error.message.includes('Une autre ingestion est toujours en cours') &&
        error.message.includes(uid),
    );
  });

  it('tells a holder, through its signal, that its lock was taken over', async () => {
    const uid = lockUid();
    const lock = await hold(uid);
    // What a waiter does after judging the lock stale.
    await settle(client.deleteIndex(uid), 'takeover');
    await settle(client.createIndex(uid, { primaryKey: 'id' }), 'takeover');
    if (!lock.signal.aborted) await once(lock.signal, 'abort');
    assert.ok(lock.signal.reason instanceof IngestLockLostError);
    // Releasing a lost lock leaves the new holder's index alone.
    await lock.release();
    assert.equal(await indexExists(client, uid), true);
  });
});
