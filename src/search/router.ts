import { Router } from 'express';
import type { SearchLog } from '../analytics/search-log.ts';
import type { Taxonomy } from '../content/topics.ts';
import { parseQuery } from '../http/validate.ts';
import { cachedDidYouMean } from './did-you-mean.ts';
import { recordSearch } from './record-search.ts';
import { searchQuerySchema } from './search-query.ts';
import type { SearchResult } from './search-response.ts';
import { searchSections, type SearchDeps } from './search-sections.ts';
import { taxonomyVocabulary } from './spelling.ts';

/** GET /api/search */
export function searchRouter(
  deps: SearchDeps & { taxonomy: Taxonomy; searchLog: SearchLog; now: () => Date },
): Router {
  const router = Router();
  const schema = searchQuerySchema(deps.taxonomy);
  const spelling = { ...deps, vocabulary: taxonomyVocabulary(deps.taxonomy) };

  router.get('/api/search', async (req, res) => {
    const query = parseQuery(schema, req);
    const result = await searchSections(deps, query);
    const queryId = recordSearch(deps, query, result);
    // Few or no results: close spellings that find more (one more round trip, only then).
    const suggestions = await cachedDidYouMean(spelling, query, result.total);
    res.json({
      ...result,
      queryId,
      ...(suggestions.length === 0 ? {} : { suggestions }),
    } satisfies SearchResult);
  });

  return router;
}
