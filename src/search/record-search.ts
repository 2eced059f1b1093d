import type { SearchLog } from '../analytics/search-log.ts';
import type { SearchQuery } from './search-query.ts';
import type { SearchResult } from './search-sections.ts';

/** Records one search for the coordinators' analytics (see analytics/search-log.ts). */
export function recordSearch(
  deps: { searchLog: SearchLog; now: () => Date },
  query: SearchQuery,
  result: SearchResult,
): void {
  deps.searchLog.record({
    at: deps.now().toISOString(),
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
}
