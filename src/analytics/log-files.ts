import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Logger } from 'pino';
import { privateDirMode, privateFileMode } from '../data-dir.ts';

/**
 * The analytics logs: append-only JSON lines under DATA_DIR/analytics, each bounded in size
 * (rotated once it would pass the limit, one old file kept as `<name>.1`) and in age
 * (lines older than the retention are dropped by `prune`).
 */

export const searchLogFile = 'searches.jsonl';
export const eventLogFile = 'events.jsonl';

/** One search. No personal data: no address, no agent, the query normalised and scrubbed. */
export interface SearchLogEntry {
  at: string;
  /** Random, per search: lets a click name its search without naming anyone. */
  id?: string;
  query: string;
  filters: Record<string, string[]>;
  hits: number;
  page: number;
  durationMs: number;
}

/** A result followed from a results page. */
export interface ClickEvent {
  at: string;
  type: 'click';
  queryId: string;
  /** The hit's section id, when known. */
  resultId?: string;
  /** Where the hit leads (an internal path). */
  url: string;
  /** 1 for the first result of the first page. */
  rank: number;
}

/** A yes or a no to « Cette page vous a-t-elle été utile ? ». */
export interface FeedbackEvent {
  at: string;
  type: 'feedback';
  /** The resource page's path, without query nor fragment. */
  url: string;
  answer: 'oui' | 'non';
}

/** What the events log holds: one file for every kind, pruned with the same retention. */
export type AnalyticsEvent = ClickEvent | FeedbackEvent;

export interface JsonLinesLog<Entry> {
  append(entry: Entry): void;
  /** Rewrites both files without the lines whose `at` is before `cutoff`; resolves when done. */
  prune(cutoff: Date): Promise<void>;
  /** Resolves when every entry appended so far is written. */
  flushed(): Promise<void>;
}

export function createJsonLinesLog<Entry extends { at: string }>(options: {
  dir: string;
  name: string;
  maxBytes: number;
  logger: Logger;
}): JsonLinesLog<Entry> {
  const file = path.join(options.dir, options.name);
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

  // Serialised with the appends, so that no line is written while a file is rewritten.
  const enqueue = (task: () => Promise<void>, what: string): Promise<void> => {
    const done = queue.then(task);
    queue = done.catch((error: unknown) => {
      options.logger.warn({ err: error, file }, what);
    });
    return done;
  };

  return {
    append(entry) {
      // Failures never reach the person searching: they are logged.
      void enqueue(() => write(`${JSON.stringify(entry)}\n`), 'analytics log not written').catch(
        () => undefined,
      );
    },
    prune: (cutoff) =>
      enqueue(async () => {
        for (const name of [`${file}.1`, file]) await pruneFile(name, cutoff.toISOString());
        size = undefined;
      }, 'analytics log not pruned'),
    flushed: () => queue,
  };
}

/** Keeps the lines dated `cutoff` or later, streaming into a temporary file renamed over the old one. */
async function pruneFile(file: string, cutoff: string): Promise<void> {
  const handle = await fs.open(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (handle === undefined) return;
  const input = handle.createReadStream({ encoding: 'utf8' });
  const temporary = `${file}.prune`;
  const output = createWriteStream(temporary, { mode: privateFileMode });
  let kept = 0;
  let dropped = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    if (line === '') continue;
    if (isRecent(line, cutoff)) {
      kept += 1;
      if (!output.write(`${line}\n`)) await once(output, 'drain');
    } else {
      dropped += 1;
    }
  }
  output.end();
  await finished(output);
  if (dropped === 0) {
    await fs.rm(temporary, { force: true });
    return;
  }
  if (kept === 0) {
    await fs.rm(file, { force: true });
    await fs.rm(temporary, { force: true });
    return;
  }
  await fs.rename(temporary, file);
}

/** A line is kept when it is dated on or after the cutoff; an unreadable line is dropped. */
function isRecent(line: string, cutoff: string): boolean {
  try {
    const value = JSON.parse(line) as { at?: unknown };
    return typeof value.at === 'string' && value.at >= cutoff;
  } catch {
    return false;
  }
}

/** The cutoff for a retention of `months` months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}
