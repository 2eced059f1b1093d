import fs from 'node:fs/promises';
import path from 'node:path';
import { privateDirMode, privateFileMode } from '../data-dir.ts';
import { z } from 'zod';

/**
 * Zero-result queries a coordinator marked as handled ("marquer comme traité"): a small
 * JSON file (group key → date) beside the logs, written whole and atomically.
 */

export const handledFile = 'requetes-traitees.json';

const fileSchema = z.record(z.string(), z.string());

export interface HandledQueries {
  /** Group key → when it was marked (ISO 8601). */
  read(): Promise<Map<string, string>>;
  /** Marks a group as handled at `at`, or clears the mark when `at` is undefined. */
  mark(key: string, at: string | undefined): Promise<void>;
}

export function createHandledQueries(options: { dir: string }): HandledQueries {
  const file = path.join(options.dir, handledFile);
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<Map<string, string>> => {
    const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '{}';
      throw error;
    });
    const parsed = fileSchema.safeParse(JSON.parse(text));
    // Damaged by hand: start again rather than refuse the page (the marks are a convenience).
    return new Map(parsed.success ? Object.entries(parsed.data) : []);
  };

  return {
    read,
    mark(key, at) {
      // Serialised: two marks at once must not lose one another.
      const done = queue.then(async () => {
        const marks = await read();
        if (at === undefined) marks.delete(key);
        else marks.set(key, at);
        await fs.mkdir(options.dir, { recursive: true, mode: privateDirMode });
        const temporary = `${file}.${process.pid}.tmp`;
        await fs.writeFile(temporary, `${JSON.stringify(Object.fromEntries(marks), null, 2)}\n`, {
          mode: privateFileMode,
        });
        await fs.rename(temporary, file);
      });
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
