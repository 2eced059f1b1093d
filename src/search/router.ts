import { Router } from 'express';
import type { SearchLog } from '../analytics/search-log.ts';
import type { Taxonomy } from '../content/topics.ts';
import { parseQuery } from '../http/validate.ts';
import { searchQuerySchema } from './search-query.ts';
import { searchSections, type SearchDeps } from './search-sections.ts';

/** GET /api/search */
export function searchRouter(
  deps: SearchDeps & { taxonomy: Taxonomy; searchLog: SearchLog; now: () => Date },
): Router {
  const router = Router();
  const schema = searchQuerySchema(deps.taxonomy);

  router.get('/api/search', async (req, res) => {
    const query = parseQuery(schema, req);
    const result = await searchSections(deps, query);
    deps.searchLog.record({
      at: deps.now().toISOString(),
      query: query.q,
      filters: {
        topic: query.topic,
        type: query.type,
        promotion: query.promotion,
        organisation: query.organisation,
      },
      hits: result.total,
      page: query.page,
      durationMs: result.processingTimeMs,
    });
    res.json(result);
  });

  return router;
}
