import { z } from 'zod';
import { readJsonCache, writeJsonCache } from '../json-cache.ts';
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
  const cache = await readJsonCache(file, cacheSchema);
  return new Map(cache === undefined ? [] : Object.entries(cache.entries));
}

/** Writes the outcomes, atomically (a reader never sees half a file). */
export async function writeLinkCache(
  file: string,
  entries: Map<string, CachedOutcome>,
): Promise<void> {
  await writeJsonCache(file, {
    version: 1,
    entries: Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b))),
  });
}

/** Whether a cached outcome is still young enough to be trusted. */
export function isFresh(entry: CachedOutcome, now: Date, ttlMs: number): boolean {
  const age = now.getTime() - Date.parse(entry.checkedAt);
  return age >= 0 && age < ttlMs;
}
