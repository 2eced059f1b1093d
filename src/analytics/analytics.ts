import type { Logger } from 'pino';
import { createHandledQueries, type HandledQueries } from './handled-queries.ts';
import {
  createJsonLinesLog,
  eventLogFile,
  retentionCutoff,
  type AnalyticsEvent,
  type ClickEvent,
  type FeedbackEvent,
  type JsonLinesLog,
} from './log-files.ts';
import type { SearchLog } from './search-log.ts';

/** The events log and the "traité" marks, beside the search log in DATA_DIR/analytics. */
export interface Analytics {
  /** The analytics folder, where the aggregation reads the logs. */
  dir: string;
  /** The events log, as the clicks write to it. */
  clicks: JsonLinesLog<ClickEvent>;
  /** The same log (one file, one write queue), as the page feedback writes to it. */
  feedback: JsonLinesLog<FeedbackEvent>;
  handled: HandledQueries;
}

/** Builds the analytics stores; no I/O until something is written or read. */
export function createAnalytics(options: {
  dir: string;
  maxBytes: number;
  logger: Logger;
}): Analytics {
  const events = createJsonLinesLog<AnalyticsEvent>({ ...options, name: eventLogFile });
  return {
    dir: options.dir,
    clicks: events,
    feedback: events,
    handled: createHandledQueries({ dir: options.dir }),
  };
}

/** Drops the search and event lines (clicks, feedback) older than the retention (ANALYTICS_RETENTION_MONTHS). */
export async function pruneAnalytics(deps: {
  searchLog: SearchLog;
  analytics: Analytics;
  now: Date;
  retentionMonths: number;
}): Promise<void> {
  const cutoff = retentionCutoff(deps.now, deps.retentionMonths);
  await Promise.all([deps.searchLog.prune(cutoff), deps.analytics.clicks.prune(cutoff)]);
}

/** Prunes now, then once a day; the timer does not keep the process alive. Returns its stop. */
export function schedulePruning(deps: {
  searchLog: SearchLog;
  analytics: Analytics;
  now: () => Date;
  retentionMonths: number;
  logger: Logger;
}): () => void {
  const run = (): void => {
    pruneAnalytics({ ...deps, now: deps.now() }).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'analytics logs not pruned');
    });
  };
  run();
  const timer = setInterval(run, 24 * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
