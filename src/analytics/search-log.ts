import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { privateDirMode, privateFileMode } from '../data-dir.ts';

/**
 * Every search, for the coordinators' analytics: append-only JSON lines under DATA_DIR,
 * bounded in size (the file is rotated once it would pass the limit, one old file kept).
 * No personal data: no address, no agent, and the query is normalised and scrubbed.
 */

export interface SearchLogEntry {
  at: string;
  query: string;
  filters: Record<string, string[]>;
  hits: number;
  page: number;
  durationMs: number;
}

export interface SearchLog {
  record(entry: Omit<SearchLogEntry, 'query'> & { query: string }): void;
  /** Resolves when every entry recorded so far is written. */
  flushed(): Promise<void>;
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
  const file = path.join(options.dir, 'searches.jsonl');
  let queue: Promise<void> = Promise.resolve();
  let size: number | undefined;

  const write = async (line: string): Promise<void> => {
    if (size === undefined) {
      await fs.mkdir(options.dir, { recursive: true, mode: privateDirMode });
      size = await fs.stat(file).then(
        (stat) => stat.size,
        () => 0,
      );
      // A log written by an earlier version was readable by the group.
      if (size > 0) await fs.chmod(file, privateFileMode);
    }
    const bytes = Buffer.byteLength(line);
    if (size + bytes > options.maxBytes) {
      await fs.rename(file, `${file}.1`).catch(() => undefined);
      size = 0;
    }
    await fs.appendFile(file, line, { mode: privateFileMode });
    size += bytes;
  };

  return {
    record(entry) {
      const line = `${JSON.stringify({ ...entry, query: normaliseQuery(entry.query) })}\n`;
      // Serialised so that rotation never races an append; failures never reach searchers.
      queue = queue
        .then(() => write(line))
        .catch((error: unknown) => {
          options.logger.warn({ err: error }, 'search log not written');
        });
    },
    flushed: () => queue,
  };
}
