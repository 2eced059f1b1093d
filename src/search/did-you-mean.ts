import type { MultiSearchQuery } from 'meilisearch';
import type { SearchQuery } from './search-query.ts';
import { buildFilter, type SearchDeps } from './search-sections.ts';
import { spellingCandidates, type Vocabulary } from './spelling.ts';

/**
 * "Did you mean": for a query that finds few or no sections, the close spellings that
 * find more with the same filters. One Meilisearch round trip, whatever the number of
 * candidates: they are counted together in a single multi-search.
 */

export interface DidYouMeanDeps extends SearchDeps {
  /** The taxonomy's words, built once (see `taxonomyVocabulary`). */
  vocabulary: Vocabulary;
}

export interface DidYouMeanOptions {
  /** Candidates counted at most (in likelihood order). */
  candidates?: number;
  /** Suggestions returned at most. */
  suggestions?: number;
}

const defaults = { candidates: 6, suggestions: 3 } satisfies Required<DidYouMeanOptions>;

/**
 * Close spellings that find more than the query did, most likely first.
 * @param deps the engine, the index names and the vocabulary
 * @param query the search as it was made (its filters are kept)
 * @param found how many sections the query itself found
 * @param options how many candidates to count and suggestions to return
 */
export async function didYouMean(
  deps: DidYouMeanDeps,
  query: Pick<SearchQuery, 'q' | 'topic' | 'type' | 'promotion' | 'organisation'>,
  found: number,
  options: DidYouMeanOptions = {},
): Promise<string[]> {
  const limits = { ...defaults, ...options };
  const candidates = spellingCandidates(query.q, deps.vocabulary).slice(0, limits.candidates);
  if (candidates.length === 0) return [];
  const filter = buildFilter(query);
  const { results } = await deps.meili.multiSearch({
    queries: candidates.map((q): MultiSearchQuery => ({
      indexUid: deps.indexes.sections,
      q,
      filter,
      limit: 0,
      locales: ['fra'],
      // Every word must match: a candidate that only finds something by dropping
      // words is not what it says.
      matchingStrategy: 'all',
    })),
  });
  return candidates
    .filter((_, i) => (results[i]?.estimatedTotalHits ?? 0) > found)
    .slice(0, limits.suggestions);
}
