import fs from 'node:fs/promises';
import path from 'node:path';
import { foldText } from '../text/fold-accents.ts';
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
import {
  eventLogFile,
  searchLogFile,
  type ClickEvent,
  type FeedbackEvent,
  type SearchLogEntry,
} from './log-files.ts';

/**
 * The coordinators' search analytics, computed from the search and click logs: read line
 * by line (the rotated file first), so memory grows with the distinct queries and the
 * clicks, never with the size of the logs.
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
}

const dayMs = 24 * 60 * 60 * 1000;

/** How queries are grouped: lower case, no accents, no punctuation, no plural `s`. */
export function queryGroupKey(query: string): string {
  return foldText(query)
    .replace(/[^\p{L}\p{N}<>]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
    )
    .join(' ');
}

/** The first day of a window of `days` calendar days (UTC) that ends with `now`'s day. */
export function windowStart(now: Date, days: AnalyticsWindow): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * dayMs);
}

interface ClickTally {
  clicks: number;
  rankSum: number;
}

interface Group {
  searches: number;
  withHits: number;
  zeroResult: number;
  clickedSearches: number;
  clicks: number;
  rankSum: number;
  lastZeroAt: string | undefined;
  spellings: Spelling[];
}

/** One way a query was written, and how often: its group is found once per spelling. */
interface Spelling {
  query: string;
  count: number;
  /** Undefined for a query with no words (browsing by filter). */
  group: Group | undefined;
}

/** Reads the logs and computes the report for the window ending at `now`. */
export async function aggregateSearches(options: AggregateOptions): Promise<AnalyticsReport> {
  const { dir, days, now } = options;
  const limit = options.limit ?? 100;
  const from = windowStart(now, days);
  const fromIso = from.toISOString();
  const toIso = now.toISOString();
  const inWindow = (at: unknown): at is string =>
    typeof at === 'string' && at >= fromIso && at <= toIso;
  // The logs write `at` first: a line of another period is skipped before it is parsed.
  const prefix = '{"at":"';
  const maybeInWindow = (line: string): boolean =>
    !line.startsWith(prefix) || inWindow(line.slice(prefix.length, prefix.length + fromIso.length));

  // Events first: they are far fewer than searches, and searches look their clicks up by id.
  const clicksByQuery = new Map<string, ClickTally>();
  const feedback = new Map<string, { yes: number; no: number }>();
  await readJsonLines(
    path.join(dir, eventLogFile),
    (value) => {
      const answer = value as Partial<FeedbackEvent>;
      if (answer.type === 'feedback') {
        if (typeof answer.url !== 'string' || !inWindow(answer.at)) return;
        if (answer.answer !== 'oui' && answer.answer !== 'non') return;
        const tally = feedback.get(answer.url) ?? { yes: 0, no: 0 };
        if (answer.answer === 'oui') tally.yes += 1;
        else tally.no += 1;
        feedback.set(answer.url, tally);
        return;
      }
      const event = value as Partial<ClickEvent>;
      if (event.type !== 'click' || typeof event.queryId !== 'string' || !inWindow(event.at))
        return;
      if (typeof event.rank !== 'number') return;
      const tally = clicksByQuery.get(event.queryId) ?? { clicks: 0, rankSum: 0 };
      tally.clicks += 1;
      tally.rankSum += event.rank;
      clicksByQuery.set(event.queryId, tally);
    },
    maybeInWindow,
  );

  const groups = new Map<string, Group>();
  // Folding accents and finding the group cost more than the rest of a line: once per spelling.
  const spellings = new Map<string, Spelling>();
  const spellingOf = (query: string): Spelling => {
    const key = queryGroupKey(query);
    let group: Group | undefined;
    if (key !== '') {
      group = groups.get(key);
      if (group === undefined) {
        group = {
          searches: 0,
          withHits: 0,
          zeroResult: 0,
          clickedSearches: 0,
          clicks: 0,
          rankSum: 0,
          lastZeroAt: undefined,
          spellings: [],
        };
        groups.set(key, group);
      }
    }
    const spelling = { query, count: 0, group };
    group?.spellings.push(spelling);
    spellings.set(query, spelling);
    return spelling;
  };
  const filters = new Map<string, FilterUse>();
  const perDay = new Map<string, AnalyticsDay>();
  for (let i = 0; i < days; i++) {
    const day = new Date(from.getTime() + i * dayMs).toISOString().slice(0, 10);
    perDay.set(day, { day, searches: 0, zeroResult: 0, zeroResultRate: null });
  }

  await readJsonLines(
    path.join(dir, searchLogFile),
    (value) => {
      const entry = value as Partial<SearchLogEntry>;
      if (
        !inWindow(entry.at) ||
        typeof entry.query !== 'string' ||
        typeof entry.hits !== 'number'
      ) {
        return;
      }
      // Turning a page is not searching again.
      if (entry.page !== undefined && entry.page !== 1) return;
      const day = perDay.get(entry.at.slice(0, 10));
      if (day !== undefined) {
        day.searches += 1;
        if (entry.hits === 0) day.zeroResult += 1;
      }
      for (const [filter, values] of Object.entries(entry.filters ?? {})) {
        if (!Array.isArray(values)) continue;
        for (const value of values) {
          const id = `${filter}\u0000${String(value)}`;
          const use = filters.get(id) ?? { filter, value: String(value), searches: 0 };
          use.searches += 1;
          filters.set(id, use);
        }
      }
      // An empty query is browsing by filter: counted per day and per filter, not as a query.
      const spelling = spellings.get(entry.query) ?? spellingOf(entry.query);
      const group = spelling.group;
      if (group === undefined) return;
      spelling.count += 1;
      group.searches += 1;
      if (entry.hits === 0) {
        group.zeroResult += 1;
        if (group.lastZeroAt === undefined || entry.at > group.lastZeroAt)
          group.lastZeroAt = entry.at;
      } else {
        group.withHits += 1;
      }
      const tally = typeof entry.id === 'string' ? clicksByQuery.get(entry.id) : undefined;
      if (tally !== undefined) {
        group.clickedSearches += 1;
        group.clicks += tally.clicks;
        group.rankSum += tally.rankSum;
      }
    },
    maybeInWindow,
  );

  return buildReport({
    groups,
    filters,
    feedback,
    perDay,
    days,
    fromIso,
    toIso,
    limit,
    handled: options.handled,
  });
}

function buildReport(input: {
  groups: Map<string, Group>;
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
  const base = (key: string, group: Group, searches: number) => {
    const variants = group.spellings
      .filter((spelling) => spelling.count > 0)
      .sort((a, b) => b.count - a.count || a.query.localeCompare(b.query, 'fr'))
      .map((spelling) => spelling.query);
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

/**
 * Calls `onValue` for each JSON line of the rotated file, then of the current one; bad lines
 * skipped. Splits large chunks itself: readline's async iterator costs several times more.
 */
export async function readJsonLines(
  file: string,
  onValue: (value: unknown) => void,
  /** A cheap test on the raw line: false skips it without parsing. */
  wanted: (line: string) => boolean = () => true,
): Promise<void> {
  const parse = (line: string): void => {
    if (line === '' || !wanted(line)) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A line cut short by a crash or a full disk: the others still count.
      return;
    }
    onValue(value);
  };
  for (const name of [`${file}.1`, file]) {
    const handle = await fs.open(name).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (handle === undefined) continue;
    // Bounded memory: one chunk and the partial line it ends with.
    const stream = handle.createReadStream({ encoding: 'utf8', highWaterMark: 1024 * 1024 });
    let rest = '';
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      let end = text.indexOf('\n', start);
      while (end !== -1) {
        parse(text.slice(start, end));
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      rest = text.slice(start);
    }
    parse(rest);
  }
}
