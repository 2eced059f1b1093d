/**
 * Archived resources (src/content/model.ts `archivedAt`) stay searchable but come after
 * current ones. Their date is compared with the clock at query time, so that an expiry
 * passes without re-ingestion: the index cannot sort on that comparison, so a ranked list
 * is read as two filtered lists, the current one, then the archived one.
 */

/** Unix seconds of a clock reading, as `archivedAt` is stored. */
function secondsOf(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** The Meilisearch filter clause (one OR group) of resources current at `now`. */
export function currentClause(now: Date): string[] {
  return ['archivedAt NOT EXISTS', `archivedAt > ${secondsOf(now)}`];
}

/** The Meilisearch filter clause of resources archived at `now`. */
export function archivedClause(now: Date): string[] {
  return [`archivedAt <= ${secondsOf(now)}`];
}

/** Whether a record with this `archivedAt` is archived at `now`. */
export function isArchived(archivedAt: number | undefined, now: Date): boolean {
  return archivedAt !== undefined && archivedAt <= secondsOf(now);
}

/** The same items, current ones first, each part in its own order. */
export function currentFirst<T extends { archivedAt?: number }>(items: T[], now: Date): T[] {
  return [
    ...items.filter((item) => !isArchived(item.archivedAt, now)),
    ...items.filter((item) => isArchived(item.archivedAt, now)),
  ];
}

/**
 * Completes a page of current items with the archived items that follow them.
 * @param current the page's current items and how many current items the list holds
 * @param page 1-based page number
 * @param limit items per page
 * @param fetchArchived reads `limit` archived items from `offset` (filter: archivedClause)
 */
export async function withArchivedAfter<T>(
  current: { hits: T[]; total: number },
  page: number,
  limit: number,
  fetchArchived: (offset: number, limit: number) => Promise<T[]>,
): Promise<T[]> {
  if (current.hits.length >= limit) return current.hits;
  const archived = await fetchArchived(
    Math.max(0, (page - 1) * limit - current.total),
    limit - current.hits.length,
  );
  return [...current.hits, ...archived];
}
