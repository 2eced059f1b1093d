import type { Logger } from 'pino';
import { createJsonLinesLog, searchLogFile, type SearchLogEntry } from './log-files.ts';

/**
 * Every search, for the coordinators' analytics: append-only JSON lines under DATA_DIR,
 * bounded in size and age (see log-files.ts).
 * No personal data: no address, no agent, and the query is normalised and scrubbed.
 */

export type { SearchLogEntry } from './log-files.ts';

export interface SearchLog {
  record(entry: SearchLogEntry): void;
  /** Drops the entries older than `cutoff`. */
  prune(cutoff: Date): Promise<void>;
  /** Resolves when every entry recorded so far is written. */
  flushed(): Promise<void>;
  /** Writes what is pending and closes the file (at shutdown). */
  close(): Promise<void>;
}

/** Lower case, single spaces, e-mail addresses and long numbers (phones, ids) removed. */
export function normaliseQuery(query: string): string {
  return query
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\s@]+@[^\s@]+/g, '<email>')
    .replace(/\d[\d .-]{5,}\d/g, '<nombre>')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createSearchLog(options: {
  dir: string;
  maxBytes: number;
  logger: Logger;
}): SearchLog {
  const log = createJsonLinesLog<SearchLogEntry>({ ...options, name: searchLogFile });
  return {
    record: (entry) => log.append({ ...entry, query: normaliseQuery(entry.query) }),
    prune: (cutoff) => log.prune(cutoff),
    flushed: () => log.flushed(),
    close: () => log.close(),
  };
}
