import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
  type EmbeddedOptions,
} from './embedded-meilisearch.ts';

/**
 * Keeps the embedded Meilisearch running for the service: when its process exits without
 * being asked to (a crash, `kill -9`), it is started again on the same data folder, key and
 * port (so that the clients built on its URL keep working), with exponential backoff. The
 * log gets one line per state change: a warning when it is lost, an information when it
 * is back (and one warning when a restart fails, naming why).
 */

export type EngineState = 'up' | 'down';

export interface RestartPolicy {
  /** Wait before the first restart, in milliseconds; doubled after each failure. */
  initialDelayMs: number;
  /** Longest wait between two restarts, in milliseconds. */
  maxDelayMs: number;
  /** An engine that ran this long before it stopped restarts with the first wait again. */
  stableAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  stableAfterMs: 10_000,
};

export interface SupervisedMeilisearch {
  url: string;
  masterKey: string;
  /** The current engine process. */
  readonly pid: number;
  readonly state: EngineState;
  /** Stops supervising, then lets go of the engine (see `startEmbeddedMeilisearch`). */
  stop: () => Promise<void>;
}

/**
 * Starts (or shares) the embedded Meilisearch and restarts it whenever it stops unasked.
 * @param options as for `startEmbeddedMeilisearch`; `restart` overrides the backoff
 */
export async function superviseEmbeddedMeilisearch(
  options: EmbeddedOptions & { restart?: Partial<RestartPolicy> },
): Promise<SupervisedMeilisearch> {
  const policy = { ...defaultRestartPolicy, ...options.restart };
  const { logger } = options;
  let current: EmbeddedMeilisearch = await startEmbeddedMeilisearch(options);
  const { url } = current;
  const port = Number(new URL(url).port);
  let state: EngineState = 'up';
  const stopping = new AbortController();
  const stopRequested = once(stopping.signal, 'abort');

  const supervise = async (): Promise<void> => {
    let failures = 0;
    let upSince = performance.now();
    while (!stopping.signal.aborted) {
      const code = await Promise.race([current.exited, stopRequested.then(() => undefined)]);
      if (stopping.signal.aborted) return;
      state = 'down';
      const downSince = performance.now();
      if (downSince - upSince >= policy.stableAfterMs) failures = 0;
      logger?.warn(
        { pid: current.pid, code },
        'embedded Meilisearch stopped unexpectedly; restarting it (search answers 503 meanwhile)',
      );
      // Lets go of the dead one: its user entry and pid file.
      await current.stop().catch(() => undefined);
      let reported = false;
      for (;;) {
        const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** failures);
        failures++;
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
        if (stopping.signal.aborted) return;
        try {
          const next = await startEmbeddedMeilisearch({ ...options, port });
          if (next.url !== url) {
            // Another process (an ingestion) started one elsewhere meanwhile: the clients
            // know this URL only, so wait until that one is let go of.
            await next.stop();
            throw new Error(`Meilisearch runs on ${next.url} for another process`);
          }
          current = next;
          break;
        } catch (error) {
          const reason = (error as Error).message;
          if (!reported) logger?.warn({ reason }, 'embedded Meilisearch cannot restart yet');
          else logger?.debug({ reason }, 'embedded Meilisearch restart failed');
          reported = true;
        }
      }
      if (stopping.signal.aborted) return;
      state = 'up';
      upSince = performance.now();
      logger?.info(
        { pid: current.pid, downMs: Math.round(upSince - downSince) },
        'embedded Meilisearch restarted',
      );
    }
  };
  const supervising = supervise();

  return {
    url,
    masterKey: current.masterKey,
    get pid() {
      return current.pid;
    },
    get state() {
      return state;
    },
    async stop() {
      stopping.abort();
      await supervising;
      await current.stop();
    },
  };
}
