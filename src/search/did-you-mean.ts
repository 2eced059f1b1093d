import type { MultiSearchQuery } from 'meilisearch';
import { searchCacheKey } from './result-cache.ts';
import type { Filters, SearchQuery } from './search-query.ts';
import { buildFilter, type SearchDeps } from './search-sections.ts';
import { spellingCandidates, spellingCorrection, type Vocabulary } from './spelling.ts';

/**
 * "Vouliez-vous dire …": for a query that finds few or no results, the close spellings
 * that find many more with the same filters. One Meilisearch round trip, whatever the
 * number of candidates: they are counted together in a single multi-search; none at all
 * when the query found enough.
 */

export interface DidYouMeanDeps extends SearchDeps {
  /** The taxonomy's words, built once (see `taxonomyVocabulary`). */
  vocabulary: Vocabulary;
}

export interface DidYouMeanOptions {
  /** Candidates counted at most (in likelihood order), for a query that found nothing. */
  candidates?: number;
  /** Suggestions returned at most. */
  suggestions?: number;
  /** A query that found more results than this gets no suggestion (and costs no request). */
  fewHits?: number;
  /** A spelling must find at least this many times the query's results to be suggested. */
  ratio?: number;
}

export const didYouMeanDefaults = {
  candidates: 6,
  suggestions: 3,
  fewHits: 5,
  ratio: 2,
} satisfies Required<DidYouMeanOptions>;

type AskedQuery = Pick<SearchQuery, 'q'> & Filters & Partial<Pick<SearchQuery, 'group'>>;

/**
 * Close spellings that find more than the query did, most likely first; none, without any
 * request, when the query found more than a few results. With no result,
 * any candidate that finds something: the spelling corrected, the query without accents,
 * the query with one word dropped. With a few results, only the spelling corrected, when
 * it finds many more (`ratio` times) and the words it replaces are nowhere in the index as
 * typed: a rare but real word is not a typing error.
 * @param deps the engine, the index names and the vocabulary
 * @param query the search as it was made (its filters and grouping are kept)
 * @param found how many results the query itself found (resources, or sections with
 *   `group=section`)
 * @param options how many candidates to count and suggestions to return, and the bounds
 */
export async function didYouMean(
  deps: DidYouMeanDeps,
  query: AskedQuery,
  found: number,
  options: DidYouMeanOptions = {},
): Promise<string[]> {
  const limits = { ...didYouMeanDefaults, ...options };
  if (query.q.trim() === '' || found > limits.fewHits) return [];
  const correction = found === 0 ? undefined : spellingCorrection(query.q, deps.vocabulary);
  const candidates =
    found === 0
      ? spellingCandidates(query.q, deps.vocabulary).slice(0, limits.candidates)
      : correction === undefined
        ? []
        : [correction.q];
  if (candidates.length === 0) return [];
  // A phrase in quotes matches the words exactly, without typo tolerance.
  const typed = correction?.replaced.map((word) => `"${word.replaceAll('"', '')}"`) ?? [];

  const filter = buildFilter(query);
  const count = (q: string): MultiSearchQuery => ({
    indexUid: deps.indexes.sections,
    q,
    filter,
    locales: ['fra'],
    // Every word must match: a candidate that only finds something by dropping
    // words is not what it says.
    matchingStrategy: 'all',
    // Counted in the query's own unit: resources by default, sections with group=section.
    // Paged, the count is exact, distinct resources included.
    ...((query.group ?? 'document') === 'document' ? { distinct: 'resourceId' } : {}),
    page: 1,
    hitsPerPage: 0,
  });
  const { results } = await deps.meili.multiSearch({
    queries: [...candidates, ...typed].map(count),
  });
  const totalAt = (i: number) => results[i]?.totalHits ?? results[i]?.estimatedTotalHits ?? 0;
  const typedSomewhere = typed.some((_, i) => totalAt(candidates.length + i) > 0);
  if (typedSomewhere) return [];
  const enough = found === 0 ? 1 : Math.max(found + 1, limits.ratio * found);
  return candidates.filter((_, i) => totalAt(i) >= enough).slice(0, limits.suggestions);
}

/**
 * `didYouMean`, kept with the search's results until the indexes change: the same query
 * found the same count, so its suggestions are the same.
 */
export async function cachedDidYouMean(
  deps: DidYouMeanDeps,
  query: SearchQuery,
  found: number,
): Promise<string[]> {
  if (deps.searchCache === undefined) return didYouMean(deps, query, found);
  return deps.searchCache.get(`suggestions:${searchCacheKey(query)}`, () =>
    didYouMean(deps, query, found),
  );
}
