import { Router } from 'express';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { indexExists, type IndexNames } from '../engine/indexes.ts';
import {
  IndexMissingError,
  IndexSyncingError,
  isEngineUnreachable,
  SearchUnavailableError,
} from '../errors.ts';
import { errorResponse, toPublicError } from '../http/http-error.ts';
import type { ContentSync } from './content-sync.ts';
import { reasonOf, type EngineReachability } from './engine-reachability.ts';
import type { HealthOkResponse, NotReadyResponse } from './health-response.ts';

/**
 * Liveness and readiness probes, for people and for orchestrators. `/readyz` says what is
 * wrong without the engine's address or its raw error: those go to the log, once each
 * time the reason changes (probes come every few seconds).
 */
export function healthRouter(deps: {
  meili: Meilisearch;
  indexes: IndexNames;
  logger: Logger;
  reachability: EngineReachability;
  /** Absent: the indexes are taken to hold the content as soon as they exist. */
  contentSync?: ContentSync | undefined;
}): Router {
  const router = Router();
  let lastProblem: string | undefined;

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies HealthOkResponse);
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const problem = await readinessProblem(deps);
    if (problem === undefined) {
      if (lastProblem !== undefined) deps.logger.info('ready');
      lastProblem = undefined;
      res.json({ status: 'ok' } satisfies HealthOkResponse);
      return;
    }
    if (problem.code !== lastProblem) {
      deps.logger.info(
        {
          engine: deps.meili.config.host,
          code: problem.code,
          ...(problem.cause === undefined ? {} : { reason: reasonOf(problem.cause) }),
        },
        'not ready',
      );
    }
    lastProblem = problem.code;
    const publicError = toPublicError(problem);
    const progress = deps.contentSync?.progress();
    res.status(publicError.status).json({
      status: 'unavailable',
      ...errorResponse(publicError),
      ...(progress === undefined ? {} : { progress }),
    } satisfies NotReadyResponse);
  });

  return router;
}

async function readinessProblem(deps: {
  meili: Meilisearch;
  indexes: IndexNames;
  reachability: EngineReachability;
  contentSync?: ContentSync | undefined;
}): Promise<SearchUnavailableError | IndexMissingError | IndexSyncingError | undefined> {
  const unreachable = (cause: unknown) => {
    deps.reachability.failed(cause);
    return new SearchUnavailableError(
      { cause },
      'Meilisearch est injoignable : la recherche est momentanément indisponible.',
    );
  };
  try {
    await deps.meili.health();
  } catch (error) {
    return unreachable(error);
  }
  deps.reachability.reachable();
  const missing: string[] = [];
  for (const uid of [deps.indexes.sections, deps.indexes.resources]) {
    try {
      if (!(await indexExists(deps.meili, uid))) missing.push(uid);
    } catch (error) {
      // Anything else (a refused key…) is not "down": the error middleware reports it.
      if (isEngineUnreachable(error)) return unreachable(error);
      throw error;
    }
  }
  if (missing.length > 0) return new IndexMissingError(missing);
  try {
    if (deps.contentSync !== undefined && !(await deps.contentSync.isSynced()))
      return new IndexSyncingError();
  } catch (error) {
    if (isEngineUnreachable(error)) return unreachable(error);
    throw error;
  }
  return undefined;
}
