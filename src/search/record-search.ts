import { randomUUID } from 'node:crypto';
import type { SearchLog } from '../analytics/search-log.ts';
import type { SearchQuery } from './search-query.ts';
import type { SearchResult } from './search-sections.ts';

/**
 * Records one search for the coordinators' analytics (see analytics/search-log.ts) and
 * returns its id: random, drawn for this search alone, so that clicks can name it.
 */
export function recordSearch(
  deps: { searchLog: SearchLog; now: () => Date },
  query: SearchQuery,
  result: SearchResult,
): string {
  const id = randomUUID();
  deps.searchLog.record({
    at: deps.now().toISOString(),
    id,
    query: query.q,
    filters: {
      topic: query.topic,
      type: query.type,
      promotion: query.promotion,
      organisation: query.organisation,
      administration: query.administration,
      competence: query.competence,
    },
    hits: result.total,
    page: query.page,
    durationMs: result.processingTimeMs,
  });
  return id;
}
