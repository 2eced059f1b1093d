import type { IndexReadDeps, StoredResource } from '../index-lookup/index-lookup.ts';
import { checkLink, isBroken, type LinkOutcome } from './check-link.ts';
import { externalLinksOf, type LinkLocation } from './external-links.ts';
import { isFresh, readLinkCache, writeLinkCache, type CachedOutcome } from './link-cache.ts';
import { writeBrokenLinks, type BrokenLink, type LinkFailure } from '../freshness/broken-links.ts';

/**
 * `npm run check-links`, without its terminal: every external link of the indexed
 * resources, checked with bounded concurrency (cached outcomes younger than the TTL are
 * reused), and the broken and moved ones handed to the review queue
 * (src/freshness/broken-links.ts).
 */

/** One checked address and every place of the content that links it. */
export interface LinkFinding {
  url: string;
  outcome: LinkOutcome;
  /** ISO timestamp of the check (from the cache when it was not checked again). */
  checkedAt: string;
  locations: LinkLocation[];
}

export interface LinkCheckDeps extends IndexReadDeps {
  /** Where the review queue reads the links to fix (see `brokenLinksFile`). */
  brokenLinksFile: string;
  /** The cache file in DATA_DIR. */
  cacheFile: string;
  timeoutMs: number;
  concurrency: number;
  cacheTtlMs: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

export type LinkCheckProgress =
  | { kind: 'start'; total: number; cached: number }
  | { kind: 'checked'; done: number; total: number; url: string; outcome: LinkOutcome };

export interface LinkCheckRequest {
  /** Check every address again, whatever the cache holds. */
  fresh?: boolean;
  onProgress?: (event: LinkCheckProgress) => void;
  /**
   * Stops the run (Ctrl-C): requests in flight are dropped, what was checked is kept in the
   * cache for the next run, the review queue is left as it was, and the run rejects.
   */
  signal?: AbortSignal;
}

export interface LinkCheckSummary {
  findings: LinkFinding[];
  /** Resources read. */
  resources: number;
  /** Addresses requested during this run, and addresses taken from the cache. */
  requested: number;
  fromCache: number;
}

/** Runs a link check over the index and stores its report. */
export async function checkIndexedLinks(
  deps: LinkCheckDeps,
  request: LinkCheckRequest = {},
): Promise<LinkCheckSummary> {
  const now = deps.now ?? (() => new Date());
  const { byUrl, resources } = await collectLinks(deps);
  const cache = request.fresh
    ? new Map<string, CachedOutcome>()
    : await readLinkCache(deps.cacheFile);
  const startedAt = now();
  const results = new Map<string, CachedOutcome>();
  const toCheck: string[] = [];
  for (const url of byUrl.keys()) {
    const cached = cache.get(url);
    if (cached !== undefined && isFresh(cached, startedAt, deps.cacheTtlMs))
      results.set(url, cached);
    else toCheck.push(url);
  }
  request.onProgress?.({ kind: 'start', total: toCheck.length, cached: results.size });

  let done = 0;
  const signal = request.signal;
  let failure: Error | undefined;
  try {
    await forEachBounded(toCheck, deps.concurrency, signal, async (url) => {
      const outcome = await checkLink(url, {
        timeoutMs: deps.timeoutMs,
        ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
        ...(signal === undefined ? {} : { signal }),
      });
      results.set(url, { outcome, checkedAt: now().toISOString() });
      done += 1;
      request.onProgress?.({ kind: 'checked', done, total: toCheck.length, url, outcome });
    });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  if (signal?.aborted) {
    // What was checked before Ctrl-C is not asked again by the next run.
    await writeLinkCache(deps.cacheFile, results);
    signal.throwIfAborted();
  }
  if (failure !== undefined) throw failure;

  // Entries of addresses no longer linked are dropped: the cache stays the size of the content.
  await writeLinkCache(deps.cacheFile, results);
  const findings = [...byUrl].map(([url, locations]): LinkFinding => {
    const result = results.get(url);
    if (result === undefined) throw new Error(`No outcome for ${url}`);
    return { url, outcome: result.outcome, checkedAt: result.checkedAt, locations };
  });
  await writeBrokenLinks(deps.brokenLinksFile, {
    checkedAt: startedAt.toISOString(),
    links: linksToFix(findings),
  });
  return {
    findings,
    resources,
    requested: toCheck.length,
    fromCache: findings.length - toCheck.length,
  };
}

/** The queue's entries: broken links first, then moved ones, each at every place it stands. */
export function linksToFix(findings: LinkFinding[]): BrokenLink[] {
  const entries = findings.flatMap((finding) => {
    const failure = failureOf(finding.outcome);
    if (failure === undefined) return [];
    return finding.locations.map((location): BrokenLink => ({
      resourceId: location.resourceId,
      href: finding.url,
      ...(location.anchor === undefined ? {} : { anchor: location.anchor }),
      failure,
      checkedAt: finding.checkedAt,
    }));
  });
  const rank = (entry: BrokenLink) => (entry.failure.kind === 'moved' ? 1 : 0);
  return entries.sort((a, b) => rank(a) - rank(b));
}

/** An outcome as the queue records it; undefined for a link that needs nothing. */
function failureOf(outcome: LinkOutcome): LinkFailure | undefined {
  switch (outcome.status) {
    case 'ok':
      return undefined;
    case 'moved':
      return { kind: 'moved', target: outcome.target };
    case 'broken':
      return { kind: 'status', status: outcome.httpStatus };
    case 'timeout':
      return { kind: 'timeout' };
    case 'unreachable':
      return { kind: 'error', code: outcome.reason };
  }
}

/** Every external address of the indexed resources, with the places that link it. */
async function collectLinks(
  deps: IndexReadDeps,
): Promise<{ byUrl: Map<string, LinkLocation[]>; resources: number }> {
  const byUrl = new Map<string, LinkLocation[]>();
  let resources = 0;
  for (let offset = 0; ; offset += 200) {
    const page = await deps.meili.index<StoredResource>(deps.indexes.resources).getDocuments({
      fields: ['id', 'title', 'url', 'html'],
      limit: 200,
      offset,
    });
    for (const resource of page.results) {
      resources += 1;
      for (const { url, location } of externalLinksOf(resource)) {
        const locations = byUrl.get(url);
        if (locations === undefined) byUrl.set(url, [location]);
        else locations.push(location);
      }
    }
    if (page.results.length < 200) return { byUrl, resources };
  }
}

/** Runs `task` on every item, at most `limit` at a time, none once `signal` is aborted. */
async function forEachBounded<T>(
  items: T[],
  limit: number,
  signal: AbortSignal | undefined,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && signal?.aborted !== true) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Counts of a run's findings by what they need. */
export function countFindings(findings: LinkFinding[]): {
  ok: number;
  moved: number;
  broken: number;
} {
  let ok = 0;
  let moved = 0;
  let broken = 0;
  for (const finding of findings) {
    if (isBroken(finding.outcome)) broken += 1;
    else if (finding.outcome.status === 'moved') moved += 1;
    else ok += 1;
  }
  return { ok, moved, broken };
}
