import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  AnalyticsDay,
  AnalyticsReport,
  AnalyticsWindow,
  FilterUse,
  PageFeedback,
  TopQuery,
  UnclickedQuery,
  ZeroResultQuery,
} from './analytics-response.ts';
import { eventLogFile, searchLogFile } from './log-files.ts';
import { logFiles, splitIntoParts, type LogSegment } from './read-json-lines.ts';
import {
  mergeTallies,
  tallyEvents,
  tallySearches,
  type GroupTally,
  type SearchTally,
  type TallyTask,
} from './tally-searches.ts';

export { queryGroupKey } from './tally-searches.ts';

/**
 * The coordinators' search analytics, computed from the search and click logs: read line
 * by line (the rotated file first), so memory grows with the distinct queries and the
 * clicks, never with the size of the logs. A large log is read by several threads at once,
 * each tallying its own line-aligned share; the tallies add up.
 */

export interface AggregateOptions {
  /** The analytics folder (DATA_DIR/analytics). */
  dir: string;
  days: AnalyticsWindow;
  now: Date;
  /** Zero-result queries marked as handled: group key → when (ISO 8601). */
  handled?: ReadonlyMap<string, string>;
  /** Rows kept per table; default 100. */
  limit?: number;
  /** Threads reading the search log; default: one per core (at most 4) once it passes 16 MiB. */
  threads?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Below this, starting a thread (about 0.3 s of processor) costs more than it saves. */
const threadedFromBytes = 16 * 1024 * 1024;

/** The first day of a window of `days` calendar days (UTC) that ends with `now`'s day. */
export function windowStart(now: Date, days: AnalyticsWindow): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * dayMs);
}

/** Reads the logs and computes the report for the window ending at `now`. */
export async function aggregateSearches(options: AggregateOptions): Promise<AnalyticsReport> {
  const { dir, days, now } = options;
  const from = windowStart(now, days);
  const fromIso = from.toISOString();
  const toIso = now.toISOString();
  const searchFiles = await logFiles(path.join(dir, searchLogFile));
  const clickSegments = (await logFiles(path.join(dir, eventLogFile))).map(
    ({ file, size }): LogSegment => ({ file, start: 0, end: size }),
  );
  const events = await tallyEvents(clickSegments, { fromIso, toIso });
  const bytes = searchFiles.reduce((sum, { size }) => sum + size, 0);
  const threads =
    options.threads ??
    (bytes < threadedFromBytes ? 1 : Math.max(1, Math.min(4, os.availableParallelism())));
  // This thread tallies the first share while workers tally the others.
  const [first = [], ...others] = await splitIntoParts(searchFiles, threads);
  const task = (segments: LogSegment[]): TallyTask => ({
    segments,
    clicksByQuery: events.clicksByQuery,
    fromIso,
    toIso,
  });
  const tallies = await Promise.all([
    tallySearches(task(first)),
    ...others.map((segments) => tallyInWorker(task(segments))),
  ]);
  const tally = tallies.reduce(mergeTallies);

  const perDay = new Map<string, AnalyticsDay>();
  for (let i = 0; i < days; i++) {
    const day = new Date(from.getTime() + i * dayMs).toISOString().slice(0, 10);
    const counted = tally.days.get(day);
    perDay.set(day, {
      day,
      searches: counted?.searches ?? 0,
      zeroResult: counted?.zeroResult ?? 0,
      zeroResultRate: null,
    });
  }
  return buildReport({
    groups: tally.groups,
    filters: tally.filters,
    feedback: events.feedback,
    perDay,
    days,
    fromIso,
    toIso,
    limit: options.limit ?? 100,
    handled: options.handled,
  });
}

const workerFile = fileURLToPath(new URL('./tally-worker-bootstrap.js', import.meta.url));

/** One share of the log tallied in a worker thread, which then ends. */
function tallyInWorker(task: TallyTask): Promise<SearchTally> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: task });
    let result: SearchTally | undefined;
    worker.once('message', (tally: SearchTally) => {
      result = tally;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`analytics worker ended with code ${code} and no tally`));
    });
  });
}

function buildReport(input: {
  groups: Map<string, GroupTally>;
  filters: Map<string, FilterUse>;
  feedback: Map<string, { yes: number; no: number }>;
  perDay: Map<string, AnalyticsDay>;
  days: AnalyticsWindow;
  fromIso: string;
  toIso: string;
  limit: number;
  handled: ReadonlyMap<string, string> | undefined;
}): AnalyticsReport {
  const { groups, limit } = input;
  const entries = [...groups.entries()];
  const bySearches = (a: { searches: number; key: string }, b: { searches: number; key: string }) =>
    b.searches - a.searches || a.key.localeCompare(b.key, 'fr');
  const base = (key: string, group: GroupTally, searches: number) => {
    const variants = [...group.spellings]
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'fr'))
      .map(([query]) => query);
    return { key, query: variants[0] ?? key, variants, searches };
  };

  const topQueries: TopQuery[] = entries
    .map(([key, group]) => ({
      ...base(key, group, group.searches),
      zeroResult: group.zeroResult,
      clicks: group.clicks,
      clickThroughRate: ratio(group.clickedSearches, group.withHits),
      meanClickedRank: ratio(group.rankSum, group.clicks),
    }))
    .sort(bySearches)
    .slice(0, limit);

  const zeroResultQueries: ZeroResultQuery[] = entries
    .filter(([, group]) => group.zeroResult > 0)
    .map(([key, group]) => {
      const lastSearchedAt = group.lastZeroAt ?? input.toIso;
      const handledAt = input.handled?.get(key);
      return {
        ...base(key, group, group.zeroResult),
        lastSearchedAt,
        ...(handledAt === undefined ? {} : { handledAt }),
        handled: handledAt !== undefined && handledAt >= lastSearchedAt,
      };
    })
    .sort(bySearches)
    .slice(0, limit);

  const unclickedQueries: UnclickedQuery[] = entries
    .filter(([, group]) => group.withHits > 0 && group.clicks === 0)
    .map(([key, group]) => base(key, group, group.withHits))
    .sort(bySearches)
    .slice(0, limit);

  const filters = [...input.filters.values()]
    .sort(
      (a, b) =>
        b.searches - a.searches ||
        a.filter.localeCompare(b.filter) ||
        a.value.localeCompare(b.value),
    )
    .slice(0, limit);

  // The pages people found least useful first: most « non », then the highest share of them.
  const feedback: PageFeedback[] = [...input.feedback.entries()]
    .map(([url, tally]) => ({ url, ...tally, noRate: tally.no / (tally.yes + tally.no) }))
    .sort((a, b) => b.no - a.no || b.noRate - a.noRate || a.url.localeCompare(b.url))
    .slice(0, limit);
  let feedbackYes = 0;
  let feedbackNo = 0;
  for (const tally of input.feedback.values()) {
    feedbackYes += tally.yes;
    feedbackNo += tally.no;
  }

  const perDay = [...input.perDay.values()].map((day) => ({
    ...day,
    zeroResultRate: ratio(day.zeroResult, day.searches),
  }));

  let searches = 0;
  let zeroResult = 0;
  let withHits = 0;
  let clickedSearches = 0;
  let clicks = 0;
  let rankSum = 0;
  for (const day of perDay) {
    searches += day.searches;
    zeroResult += day.zeroResult;
  }
  for (const group of groups.values()) {
    withHits += group.withHits;
    clickedSearches += group.clickedSearches;
    clicks += group.clicks;
    rankSum += group.rankSum;
  }

  return {
    days: input.days,
    from: input.fromIso,
    to: input.toIso,
    totals: {
      searches,
      zeroResult,
      zeroResultRate: ratio(zeroResult, searches),
      clicks,
      clickThroughRate: ratio(clickedSearches, withHits),
      meanClickedRank: ratio(rankSum, clicks),
      feedbackYes,
      feedbackNo,
    },
    topQueries,
    zeroResultQueries,
    unclickedQueries,
    filters,
    feedback,
    perDay,
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
