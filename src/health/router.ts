import { Router } from 'express';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { indexExists, type IndexNames } from '../engine/indexes.ts';
import { IndexMissingError, isEngineUnreachable, SearchUnavailableError } from '../errors.ts';
import { errorResponse, toPublicError } from '../http/http-error.ts';
import type { HealthOkResponse } from './health-response.ts';

/**
 * Liveness and readiness probes, for people and for orchestrators. `/readyz` says what is
 * wrong without the engine's address or its raw error: those go to the log.
 */
export function healthRouter(deps: {
  meili: Meilisearch;
  indexes: IndexNames;
  logger: Logger;
}): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies HealthOkResponse);
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const problem = await readinessProblem(deps);
    if (problem === undefined) {
      res.json({ status: 'ok' } satisfies HealthOkResponse);
      return;
    }
    deps.logger.warn(
      { err: problem.cause ?? problem, engine: deps.meili.config.host, code: problem.code },
      'not ready',
    );
    const publicError = toPublicError(problem);
    res.status(publicError.status).json({ status: 'unavailable', ...errorResponse(publicError) });
  });

  return router;
}

async function readinessProblem(deps: {
  meili: Meilisearch;
  indexes: IndexNames;
}): Promise<SearchUnavailableError | IndexMissingError | undefined> {
  const unreachable = (cause: unknown) =>
    new SearchUnavailableError(
      { cause },
      'Meilisearch est injoignable : la recherche est momentanément indisponible.',
    );
  try {
    await deps.meili.health();
  } catch (error) {
    return unreachable(error);
  }
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
  return missing.length > 0 ? new IndexMissingError(missing) : undefined;
}
