import { MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import type { Logger } from 'pino';

/**
 * Whether requests reach Meilisearch, logged once per change rather than once per failed
 * request: a warning (the engine's address and why, no stack) when it is lost, an
 * information when it answers again. While it is lost, a probe checks every `recheckMs`,
 * so that the recovery is logged even when no request comes.
 */
export interface EngineReachability {
  /** A request failed with this error (503): an unreachable engine is recorded as lost. */
  failed(error: unknown): void;
  /** The engine answered. */
  reachable(): void;
  readonly lost: boolean;
}

export function trackEngineReachability(deps: {
  logger: Logger;
  /** The engine's address, for the log only. */
  engine: string;
  /** Resolves when the engine answers. */
  probe: () => Promise<unknown>;
  recheckMs?: number;
}): EngineReachability {
  const recheckMs = deps.recheckMs ?? 1_000;
  let lostSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const reachable = (): void => {
    if (lostSince === undefined) return;
    clearInterval(timer);
    deps.logger.info(
      { engine: deps.engine, downMs: Math.round(performance.now() - lostSince) },
      'Meilisearch answers again',
    );
    lostSince = undefined;
  };

  return {
    failed(error) {
      const cause = requestFailure(error);
      if (cause === undefined) {
        // Meilisearch answered (an index missing while one is built): not an outage.
        deps.logger.debug({ reason: reasonOf(error) }, 'search unavailable');
        return;
      }
      if (lostSince !== undefined) return;
      lostSince = performance.now();
      deps.logger.warn(
        { engine: deps.engine, reason: reasonOf(cause) },
        'Meilisearch unreachable: search answers 503 until it is back',
      );
      timer = setInterval(() => {
        deps.probe().then(reachable, () => undefined);
      }, recheckMs);
      timer.unref();
    },
    reachable,
    get lost() {
      return lostSince !== undefined;
    },
  };
}

/** The request error in a chain of causes, when the engine could not be reached. */
function requestFailure(error: unknown): Error | undefined {
  for (let current = error, depth = 0; depth < 5; depth++) {
    if (
      current instanceof MeilisearchRequestError ||
      current instanceof MeilisearchRequestTimeOutError
    )
      return current;
    if (!(current instanceof Error)) return undefined;
    current = current.cause;
  }
  return undefined;
}

/** An error's message and those of its causes, in one line, without the stack. */
export function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(' ← ') : String(error);
}
