import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
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
  /** Writes what is pending and closes the file (at shutdown); a later append opens it again. */
  close(): Promise<void>;
}

/**
 * One append stream per log, opened on the first line: a search costs a buffered write, not
 * an open and a close of the file. Lines appended while a write is under way go out together
 * in the next one, in order; rotation and pruning close the stream first.
 */
export function createJsonLinesLog<Entry extends { at: string }>(options: {
  dir: string;
  name: string;
  maxBytes: number;
  logger: Logger;
}): JsonLinesLog<Entry> {
  const file = path.join(options.dir, options.name);
  let queue: Promise<void> = Promise.resolve();
  let stream: WriteStream | undefined;
  let size = 0;
  let pending: string[] = [];

  const open = async (): Promise<WriteStream> => {
    if (stream !== undefined) return stream;
    await fs.mkdir(options.dir, { recursive: true, mode: privateDirMode });
    size = await fs.stat(file).then(
      (stat) => stat.size,
      () => 0,
    );
    // A log written by an earlier version was readable by the group.
    if (size > 0) await fs.chmod(file, privateFileMode);
    const opened = createWriteStream(file, { flags: 'a', mode: privateFileMode });
    // A failed write is reported by its callback; this keeps the stream's own event quiet.
    opened.on('error', () => undefined);
    stream = opened;
    return opened;
  };

  const closeStream = async (): Promise<void> => {
    const closing = stream;
    stream = undefined;
    if (closing === undefined) return;
    closing.end();
    await finished(closing);
  };

  const writeChunk = (target: WriteStream, chunk: string): Promise<void> =>
    new Promise((resolve, reject) => {
      target.write(chunk, (error) => (error ? reject(error) : resolve()));
    });

  /** Writes the lines appended so far, rotating where the next line would pass the limit. */
  const writePending = async (): Promise<void> => {
    const lines = pending;
    pending = [];
    let chunk = '';
    let target = await open();
    try {
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (size + bytes > options.maxBytes && size > 0) {
          if (chunk !== '') await writeChunk(target, chunk);
          chunk = '';
          await closeStream();
          await fs.rename(file, `${file}.1`).catch(() => undefined);
          target = await open();
        }
        chunk += line;
        size += bytes;
      }
      if (chunk !== '') await writeChunk(target, chunk);
    } catch (error) {
      // Opened again on the next line, its size read again.
      stream?.destroy();
      stream = undefined;
      throw error;
    }
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
      pending.push(`${JSON.stringify(entry)}\n`);
      // One write task for every line appended until it runs.
      if (pending.length > 1) return;
      // Failures never reach the person searching: they are logged.
      void enqueue(writePending, 'analytics log not written').catch(() => undefined);
    },
    prune: (cutoff) =>
      enqueue(async () => {
        await closeStream();
        for (const name of [`${file}.1`, file]) await pruneFile(name, cutoff.toISOString());
      }, 'analytics log not pruned'),
    flushed: () => queue,
    close: () => enqueue(closeStream, 'analytics log not closed'),
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
