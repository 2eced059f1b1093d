import { aggregateSearches } from '../../analytics/aggregate.ts';
import type { SearchAnalyticsSource } from '../routers/coordination-searches.ts';

/**
 * The analytics page's source: the streaming aggregation of the logs in `dir`, with the
 * « traité » marks; a mark is dated by the clock.
 * @param deps the analytics folder, its marks (`Analytics` of src/analytics) and the clock
 */
export function analyticsSource(deps: {
  analytics: {
    dir: string;
    handled: {
      read(): Promise<Map<string, string>>;
      mark(key: string, at: string | undefined): Promise<void>;
    };
  };
  now: () => Date;
}): SearchAnalyticsSource {
  const { analytics, now } = deps;
  return {
    report: async (days) =>
      aggregateSearches({
        dir: analytics.dir,
        days,
        now: now(),
        handled: await analytics.handled.read(),
      }),
    markHandled: (key) => analytics.handled.mark(key, now().toISOString()),
  };
}
