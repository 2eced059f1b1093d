import { setTimeout as sleep } from 'node:timers/promises';
import type { Meilisearch } from 'meilisearch';
import { IndexTaskError, settle } from '../src/engine/tasks.ts';
import { ReperesError } from '../src/errors.ts';

/**
 * One ingestion at a time per index prefix, across processes and replicas, held in
 * Meilisearch itself (the one thing every replica shares).
 *
 * - Acquire: create the lock index. Index creation is serialised by Meilisearch's task
 *   queue: one contender's task succeeds, the others fail with `index_already_exists`.
 *   The holder is known by the uid of its creation task.
 * - Heartbeat: every `heartbeatMs` the holder enqueues a tiny task on the lock index
 *   (`updateIndex`, which never creates an index, unlike a document write). A waiter
 *   watches the uid of the latest such task, which changes with every beat as soon as
 *   it is enqueued, even while the queue is busy with this ingestion's writes.
 * - Stale: a waiter that sees that uid NOT change for `staleMs`, measured on its own
 *   monotonic clock (no clock skew between machines), deletes the lock index and
 *   competes again to create it.
 * - Lost: before each beat the holder checks that no index creation or deletion on the
 *   lock index succeeded after its own creation; if one did, it was taken over (it had
 *   stalled for `staleMs`), and its `signal` aborts so that the sync stops.
 * - Release: delete the lock index.
 *
 * Remaining windows: two waiters that judge the lock stale within the same round trip
 * may both delete it, and the second deletion can land after the first one's creation:
 * both then believe they hold it until the first one's next beat (≤ `heartbeatMs`), when
 * it sees the later creation and aborts. A holder taken over between its check and its
 * beat enqueues one beat on the new holder's index (harmless: it only looks alive). Both
 * need a holder silent for `staleMs`, and two concurrent syncs of the same files write
 * the same records (ids are a function of the path), so the cost is work, not data.
 */

export interface IngestLockOptions {
  /** Interval between two heartbeats of the holder, in milliseconds. */
  heartbeatMs: number;
  /** Silence after which a waiter takes the lock over, in milliseconds. */
  staleMs: number;
  /** Interval between two looks of a waiter, in milliseconds. */
  pollMs: number;
  /** Longest wait for the lock before giving up, in milliseconds. */
  waitMs: number;
}

export const defaultLockOptions: IngestLockOptions = {
  heartbeatMs: 2_000,
  staleMs: 30_000,
  pollMs: 1_000,
  waitMs: 10 * 60_000,
};

/** The lock is held; `signal` aborts if another ingestion took it over. */
export interface HeldLock {
  readonly signal: AbortSignal;
  release(): Promise<void>;
}

/** Another ingestion held the lock for longer than the wait allows. */
export class IngestLockTimeoutError extends ReperesError {
  override name = 'IngestLockTimeoutError';
  constructor(lockUid: string, waitMs: number) {
    super(
      'ingest_locked',
      `Une autre ingestion est toujours en cours sur ces index après ${formatWait(waitMs)} d'attente (verrou « ${lockUid} ») : réessayez quand elle sera finie.`,
    );
  }
}

/** The lock was taken over while this ingestion held it (it had gone silent). */
export class IngestLockLostError extends ReperesError {
  override name = 'IngestLockLostError';
  constructor(lockUid: string) {
    super(
      'ingest_lock_lost',
      `Le verrou d'ingestion « ${lockUid} » a été repris par une autre ingestion (celle-ci ne donnait plus signe de vie) : cette ingestion s'arrête.`,
    );
  }
}

/**
 * Waits for the ingestion lock, then holds it until `release`.
 * @param meili a client with the master key
 * @param uid the lock index's uid
 * @param options timings (defaults in `defaultLockOptions`), `onWait`, called once when
 *   another ingestion holds the lock, and `signal`, which stops the wait
 */
export async function acquireIngestLock(
  meili: Meilisearch,
  uid: string,
  options: Partial<IngestLockOptions> & { onWait?: () => void; signal?: AbortSignal } = {},
): Promise<HeldLock> {
  const settings = { ...defaultLockOptions, ...options };
  const started = performance.now();
  let seen: number | undefined;
  let seenSince = started;
  let announced = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const creation = await tryCreate(meili, uid);
    if (creation !== undefined) return hold(meili, uid, creation, settings);

    const latest = await latestBeat(meili, uid);
    const now = performance.now();
    if (latest !== seen) {
      seen = latest;
      seenSince = now;
    } else if (now - seenSince >= settings.staleMs) {
      // Silent for staleMs on our own clock: its holder is gone. Delete, then compete.
      await settle(meili.deleteIndex(uid), `reprise du verrou ${uid}`).catch(ignoreNotFound);
      seen = undefined;
      continue;
    }
    if (!announced) {
      announced = true;
      options.onWait?.();
    }
    if (now - started >= settings.waitMs) throw new IngestLockTimeoutError(uid, settings.waitMs);
    await sleep(settings.pollMs, undefined, options.signal ? { signal: options.signal } : {});
  }
}

/** Creates the lock index; the uid of the creation task when this call won it. */
async function tryCreate(meili: Meilisearch, uid: string): Promise<number | undefined> {
  try {
    const task = await settle(meili.createIndex(uid, { primaryKey: 'id' }), `verrou ${uid}`);
    return task.uid;
  } catch (error) {
    if (error instanceof IndexTaskError && error.task.error?.code === 'index_already_exists')
      return undefined;
    throw error;
  }
}

/** The holder's latest beat (the waiters' own failed creations must not count). */
async function latestBeat(meili: Meilisearch, uid: string): Promise<number | undefined> {
  const { results } = await meili.tasks.getTasks({
    indexUids: [uid],
    types: ['indexUpdate'],
    limit: 1,
  });
  return results[0]?.uid;
}

/** True when an index creation or deletion on the lock succeeded after ours. */
async function takenOver(meili: Meilisearch, uid: string, creation: number): Promise<boolean> {
  const { results } = await meili.tasks.getTasks({
    indexUids: [uid],
    types: ['indexCreation', 'indexDeletion'],
    statuses: ['succeeded'],
    limit: 1,
  });
  return (results[0]?.uid ?? creation) !== creation;
}

function hold(
  meili: Meilisearch,
  uid: string,
  creation: number,
  settings: IngestLockOptions,
): HeldLock {
  const stop = new AbortController();
  const lost = new AbortController();
  const beating = (async () => {
    while (!stop.signal.aborted) {
      await sleep(settings.heartbeatMs, undefined, { signal: stop.signal }).catch(() => {});
      if (stop.signal.aborted) return;
      try {
        if (await takenOver(meili, uid, creation)) {
          lost.abort(new IngestLockLostError(uid));
          return;
        }
        // Enqueued is enough to look alive: not awaited, so that a busy queue (this
        // ingestion's own writes) cannot delay the next beat.
        await meili.updateIndex(uid, { primaryKey: 'id' });
      } catch {
        // Meilisearch briefly unreachable: beat again next time; waiters allow staleMs.
      }
    }
  })();
  return {
    signal: lost.signal,
    async release() {
      stop.abort();
      await beating;
      if (lost.signal.aborted) return;
      await settle(meili.deleteIndex(uid), `libération du verrou ${uid}`).catch(ignoreNotFound);
    },
  };
}

function ignoreNotFound(error: unknown): void {
  if (error instanceof IndexTaskError && error.task.error?.code === 'index_not_found') return;
  throw error;
}

function formatWait(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
