import { LRUCache } from 'lru-cache';
import type { Meilisearch } from 'meilisearch';
import type { Config } from '../config.ts';
import { settledTasks } from '../engine/tasks.ts';
import type { IndexNames } from '../engine/indexes.ts';
import type { SearchQuery } from './search-query.ts';

/**
 * Search results kept in memory, shared by the API and the results page, and dropped as
 * soon as the indexes change. The indexes' generation is two things read cheaply:
 * - the index tasks this process has settled (its own ingests, publications, retirements
 *   and rebuilds): a number, bumped once the write is done, so the next search misses;
 * - the indexes' `updatedAt` as Meilisearch tells (`GET /indexes/:uid`, which the search
 *   key may read), asked again at most every `checkEveryMs`: an `npm run ingest` or another
 *   replica writing is seen within that delay.
 * A result is stored under the generation read *before* its search, so one that raced a
 * write is never served after it.
 */

export interface IndexGeneration {
  /** The current generation; a new value whenever the indexes may have changed. */
  current(): Promise<string>;
}

export function createIndexGeneration(options: {
  /** The indexes' stamp as Meilisearch tells. */
  probe: () => Promise<string>;
  checkEveryMs: number;
  /** Writes settled in this process (src/engine/tasks.ts by default). */
  local?: () => number;
  clock?: () => number;
}): IndexGeneration {
  const local = options.local ?? settledTasks;
  const clock = options.clock ?? (() => performance.now());
  let stamp: string | undefined;
  let checkedAt = -Infinity;
  let checking: Promise<string> | undefined;
  let failures = 0;

  const check = (): Promise<string> => {
    checking ??= options
      .probe()
      .then(
        (value) => {
          stamp = value;
          checkedAt = clock();
          return value;
        },
        // Unknown: a value no result is stored under, and asked again next time.
        () => {
          stamp = undefined;
          return `unknown-${++failures}`;
        },
      )
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };

  return {
    async current() {
      const remote =
        stamp !== undefined && clock() - checkedAt < options.checkEveryMs ? stamp : await check();
      return `${local()}|${remote}`;
    },
  };
}

/** The sections and resources indexes' uid, creation and last update, in one string. */
export function indexStampProbe(deps: {
  meili: Meilisearch;
  indexes: Pick<IndexNames, 'sections' | 'resources'>;
}): () => Promise<string> {
  return async () => {
    const infos = await Promise.all(
      [deps.indexes.sections, deps.indexes.resources].map((uid) => deps.meili.getRawIndex(uid)),
    );
    // A rebuild swaps a new index in: its creation date changes, not only its update date.
    return infos.map((info) => `${info.uid}@${info.createdAt}/${info.updatedAt}`).join(',');
  };
}

export interface SearchCache {
  /**
   * The value stored under `key` for the indexes as they are now, else `compute`'s (stored,
   * and shared with the identical searches that arrive while it runs).
   */
  get<T extends object>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function createSearchCache(options: {
  generation: IndexGeneration;
  /** Entries kept at most (the least recently used go first). */
  maxEntries: number;
  /** Age at which an entry goes, changes or not: archive dates are compared with the clock. */
  ttlMs: number;
}): SearchCache {
  const entries = new LRUCache<string, Promise<object>>({
    max: options.maxEntries,
    ttl: options.ttlMs,
  });
  let generation: string | undefined;

  return {
    async get<T extends object>(key: string, compute: () => Promise<T>): Promise<T> {
      const current = await options.generation.current();
      // Everything stored belongs to an older generation: free it at once.
      if (current !== generation) {
        entries.clear();
        generation = current;
      }
      const stored = `${current}\0${key}`;
      const found = entries.get(stored);
      if (found !== undefined) return found as Promise<T>;
      const computed = compute();
      entries.set(stored, computed);
      // A failed search is not remembered: the next one asks the engine again.
      computed.catch(() => {
        if (entries.peek(stored) === computed) entries.delete(stored);
      });
      return computed;
    },
  };
}

/**
 * What makes two searches give the same answer: the query's words (Unicode-normalised,
 * spaces collapsed; case is kept, since the stems depend on it) and every other parameter.
 */
export function searchCacheKey(query: SearchQuery): string {
  return JSON.stringify({ ...query, q: query.q.normalize('NFC').replace(/\s+/g, ' ').trim() });
}

/** Results are kept at most this long, changes or not: archive dates pass with the clock. */
const CACHE_TTL_MS = 60_000;

/**
 * The service's cache as configured (SEARCH_CACHE_ENTRIES, SEARCH_CACHE_CHECK_SECONDS), as a
 * dependency to spread: none when the cache is turned off.
 */
export function configuredSearchCache(deps: {
  config: Pick<Config, 'searchCacheEntries' | 'searchCacheCheckSeconds'>;
  meili: Meilisearch;
  indexes: Pick<IndexNames, 'sections' | 'resources'>;
}): { searchCache?: SearchCache } {
  if (deps.config.searchCacheEntries === 0) return {};
  return {
    searchCache: createSearchCache({
      generation: createIndexGeneration({
        probe: indexStampProbe(deps),
        checkEveryMs: deps.config.searchCacheCheckSeconds * 1000,
      }),
      maxEntries: deps.config.searchCacheEntries,
      ttlMs: CACHE_TTL_MS,
    }),
  };
}
