import { foldText } from '../text/fold-accents.ts';
import { readSegmentLines, type LogSegment } from './read-json-lines.ts';
import type { ClickEvent, FeedbackEvent, SearchLogEntry } from './log-files.ts';

/**
 * The counting half of the analytics: the search lines of some log segments tallied per
 * query group, per filter and per day, joined to their clicks. A tally is plain data (it
 * crosses threads), and tallies of different segments add up (`mergeTallies`).
 */

/** The period a tally counts (ISO 8601 bounds, both included). */
export interface TallyWindow {
  fromIso: string;
  toIso: string;
}

/** One share of the search log, and the clicks its searches look up (they cross threads). */
export interface TallyTask extends TallyWindow {
  segments: LogSegment[];
  clicksByQuery: Map<string, ClickTally>;
}

/** The click log read once: clicks by search id, and the « utile ? » answers by page. */
export interface EventTally {
  clicksByQuery: Map<string, ClickTally>;
  feedback: Map<string, { yes: number; no: number }>;
}

export interface GroupTally {
  searches: number;
  withHits: number;
  zeroResult: number;
  clickedSearches: number;
  clicks: number;
  rankSum: number;
  lastZeroAt: string | undefined;
  /** How each spelling of the group was written, and how often. */
  spellings: Map<string, number>;
}

export interface FilterTally {
  filter: string;
  value: string;
  searches: number;
}

export interface SearchTally {
  /** By group key (`queryGroupKey`). */
  groups: Map<string, GroupTally>;
  /** By filter and value. */
  filters: Map<string, FilterTally>;
  /** By day (YYYY-MM-DD): searches, and those with no result. */
  days: Map<string, { searches: number; zeroResult: number }>;
}

export interface ClickTally {
  clicks: number;
  rankSum: number;
}

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

/** A cheap test on a raw line: false when its `at` (written first) is outside the window. */
function windowTests(window: TallyWindow) {
  const { fromIso, toIso } = window;
  const inWindow = (at: unknown): at is string =>
    typeof at === 'string' && at >= fromIso && at <= toIso;
  const prefix = '{"at":"';
  const maybeInWindow = (line: string): boolean =>
    !line.startsWith(prefix) || inWindow(line.slice(prefix.length, prefix.length + fromIso.length));
  return { inWindow, maybeInWindow };
}

/** Reads the click log: far fewer lines than searches, and every share needs its clicks. */
export async function tallyEvents(
  segments: LogSegment[],
  window: TallyWindow,
): Promise<EventTally> {
  const { inWindow, maybeInWindow } = windowTests(window);
  const clicksByQuery = new Map<string, ClickTally>();
  const feedback = new Map<string, { yes: number; no: number }>();
  for (const segment of segments) {
    await readSegmentLines(
      segment,
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
  }
  return { clicksByQuery, feedback };
}

/** Tallies one share of the search log, joined to the clicks of its searches. */
export async function tallySearches(task: TallyTask): Promise<SearchTally> {
  const { inWindow, maybeInWindow } = windowTests(task);
  const { clicksByQuery } = task;
  const tally: SearchTally = { groups: new Map(), filters: new Map(), days: new Map() };
  // Folding accents and finding the group cost more than the rest of a line: once per spelling.
  const spellings = new Map<string, { group: GroupTally | undefined; count: number }>();
  const spellingOf = (query: string) => {
    const key = queryGroupKey(query);
    let group: GroupTally | undefined;
    if (key !== '') {
      group = tally.groups.get(key);
      if (group === undefined) {
        group = {
          searches: 0,
          withHits: 0,
          zeroResult: 0,
          clickedSearches: 0,
          clicks: 0,
          rankSum: 0,
          lastZeroAt: undefined,
          spellings: new Map(),
        };
        tally.groups.set(key, group);
      }
    }
    const spelling = { group, count: 0 };
    spellings.set(query, spelling);
    return spelling;
  };

  const onSearch = (value: unknown): void => {
    const entry = value as Partial<SearchLogEntry>;
    if (!inWindow(entry.at) || typeof entry.query !== 'string' || typeof entry.hits !== 'number')
      return;
    // Turning a page is not searching again.
    if (entry.page !== undefined && entry.page !== 1) return;
    const dayKey = entry.at.slice(0, 10);
    let day = tally.days.get(dayKey);
    if (day === undefined) {
      day = { searches: 0, zeroResult: 0 };
      tally.days.set(dayKey, day);
    }
    day.searches += 1;
    if (entry.hits === 0) day.zeroResult += 1;
    for (const [filter, values] of Object.entries(entry.filters ?? {})) {
      if (!Array.isArray(values)) continue;
      for (const value of values) {
        const id = `${filter}\u0000${String(value)}`;
        const use = tally.filters.get(id) ?? { filter, value: String(value), searches: 0 };
        use.searches += 1;
        tally.filters.set(id, use);
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
    const clicks = typeof entry.id === 'string' ? clicksByQuery.get(entry.id) : undefined;
    if (clicks !== undefined) {
      group.clickedSearches += 1;
      group.clicks += clicks.clicks;
      group.rankSum += clicks.rankSum;
    }
  };
  for (const segment of task.segments) await readSegmentLines(segment, onSearch, maybeInWindow);

  for (const [query, { group, count }] of spellings)
    if (group !== undefined && count > 0) group.spellings.set(query, count);
  return tally;
}

/** Adds `other` into `into`; returns `into`. */
export function mergeTallies(into: SearchTally, other: SearchTally): SearchTally {
  for (const [key, group] of other.groups) {
    const mine = into.groups.get(key);
    if (mine === undefined) {
      into.groups.set(key, group);
      continue;
    }
    mine.searches += group.searches;
    mine.withHits += group.withHits;
    mine.zeroResult += group.zeroResult;
    mine.clickedSearches += group.clickedSearches;
    mine.clicks += group.clicks;
    mine.rankSum += group.rankSum;
    if (
      group.lastZeroAt !== undefined &&
      (mine.lastZeroAt === undefined || group.lastZeroAt > mine.lastZeroAt)
    )
      mine.lastZeroAt = group.lastZeroAt;
    for (const [query, count] of group.spellings)
      mine.spellings.set(query, (mine.spellings.get(query) ?? 0) + count);
  }
  for (const [id, use] of other.filters) {
    const mine = into.filters.get(id);
    if (mine === undefined) into.filters.set(id, use);
    else mine.searches += use.searches;
  }
  for (const [key, day] of other.days) {
    const mine = into.days.get(key);
    if (mine === undefined) into.days.set(key, day);
    else {
      mine.searches += day.searches;
      mine.zeroResult += day.zeroResult;
    }
  }
  return into;
}
