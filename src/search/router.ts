import { Router } from 'express';
import type { SearchLog } from '../analytics/search-log.ts';
import type { Taxonomy } from '../content/topics.ts';
import { parseQuery } from '../http/validate.ts';
import { recordSearch } from './record-search.ts';
import { searchQuerySchema } from './search-query.ts';
import type { SearchResult } from './search-response.ts';
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
    recordSearch(deps, query, result);
    res.json(result satisfies SearchResult);
  });

  return router;
}
