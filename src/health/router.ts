import { Router } from 'express';
import type { Meilisearch } from 'meilisearch';
import { indexExists, type IndexNames } from '../engine/indexes.ts';

/** Liveness and readiness probes, for people and for orchestrators. */
export function healthRouter(deps: { meili: Meilisearch; indexes: IndexNames }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await deps.meili.health();
    } catch (error) {
      res.status(503).json({
        status: 'unavailable',
        error: {
          code: 'search_unavailable',
          message: `Meilisearch est injoignable (${deps.meili.config.host}) : ${describe(error)}`,
        },
      });
      return;
    }
    const missing: string[] = [];
    for (const uid of [deps.indexes.sections, deps.indexes.resources]) {
      if (!(await indexExists(deps.meili, uid))) missing.push(uid);
    }
    if (missing.length > 0) {
      res.status(503).json({
        status: 'unavailable',
        error: {
          code: 'index_missing',
          message: `Index absent(s) : ${missing.join(', ')}. L'ingestion n'a pas encore abouti.`,
        },
      });
      return;
    }
    res.json({ status: 'ok' });
  });

  return router;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
