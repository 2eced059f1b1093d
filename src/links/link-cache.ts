import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { privateDirMode, privateFileMode } from '../data-dir.ts';
import { linkOutcomeSchema, type LinkOutcome } from './check-link.ts';

/**
 * Outcomes of link checks kept in DATA_DIR by address, so that a re-run within the TTL
 * does not visit the same servers again. A cache only: a missing, unreadable or foreign
 * file is simply not used.
 */

const cacheSchema = z.object({
  version: z.literal(1),
  entries: z.record(
    z.string(),
    z.object({ outcome: linkOutcomeSchema, checkedAt: z.iso.datetime() }),
  ),
});

export interface CachedOutcome {
  outcome: LinkOutcome;
  /** ISO timestamp of the check. */
  checkedAt: string;
}

/** The cached outcomes by address (empty when there is no usable cache). */
export async function readLinkCache(file: string): Promise<Map<string, CachedOutcome>> {
  const raw = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (raw === undefined) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return new Map();
  }
  const parsed = cacheSchema.safeParse(json);
  return parsed.success ? new Map(Object.entries(parsed.data.entries)) : new Map();
}

/** Writes the outcomes, atomically (a reader never sees half a file). */
export async function writeLinkCache(
  file: string,
  entries: Map<string, CachedOutcome>,
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: privateDirMode });
  const temporary = `${file}.${randomUUID()}.tmp`;
  const body = {
    version: 1,
    entries: Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b))),
  };
  await fs.writeFile(temporary, JSON.stringify(body), { mode: privateFileMode });
  await fs.rename(temporary, file);
}

/** Whether a cached outcome is still young enough to be trusted. */
export function isFresh(entry: CachedOutcome, now: Date, ttlMs: number): boolean {
  const age = now.getTime() - Date.parse(entry.checkedAt);
  return age >= 0 && age < ttlMs;
}
