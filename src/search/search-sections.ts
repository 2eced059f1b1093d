import type { Meilisearch, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import type { Section } from '../content/model.ts';
import type { IndexNames } from '../engine/indexes.ts';
import type { SearchQuery } from './search-query.ts';
import {
  facetNames,
  hitRecordFields,
  type FacetCounts,
  type FacetName,
  type SearchHit,
  type SearchResult,
} from './search-response.ts';
import { MARK_END, MARK_START, markedHtml } from './snippet.ts';

/** query → hits and facets, over the sections index. */

export { facetNames };
export type { FacetCounts, FacetName, SearchHit, SearchResult };

export interface SearchDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

type Filters = Pick<SearchQuery, 'topic' | 'type' | 'promotion' | 'organisation'>;
const filterAttributes = {
  topic: 'topics',
  type: 'type',
  promotion: 'promotion',
  organisation: 'organisation',
} as const;

/** Several values of one filter combine with OR, different filters with AND. */
export function buildFilter(filters: Filters, except?: FacetName): string[][] {
  return (Object.keys(filterAttributes) as (keyof Filters)[])
    .filter((key) => filterAttributes[key] !== except && filters[key].length > 0)
    .map((key) =>
      filters[key].map((value) => `${filterAttributes[key]} = ${JSON.stringify(value)}`),
    );
}

function emptyFacets(): FacetCounts {
  return { topics: {}, type: {}, promotion: {} };
}

/** Searches sections; by default one hit per resource (its best section). */
export async function searchSections(deps: SearchDeps, query: SearchQuery): Promise<SearchResult> {
  const started = performance.now();
  const first = await runSearch(deps, query, query.q);
  if (first.total > 0 || query.q.split(' ').length < 2) return finish(first);

  // A multi-word query must not come back empty because one word matches nothing:
  // keep the words that match something on their own, and search again.
  const words = query.q.split(' ');
  const { results } = await deps.meili.multiSearch<MultiSearchParams, Section>({
    queries: words.map((word) => ({
      indexUid: deps.indexes.sections,
      q: word,
      limit: 0,
      filter: buildFilter(query),
      locales: ['fra'],
    })),
  });
  const kept = words.filter((_, i) => (results[i]?.estimatedTotalHits ?? 0) > 0);
  if (kept.length === 0 || kept.length === words.length) return finish(first);
  const relaxed = await runSearch(deps, query, kept.join(' '));
  return finish({ ...relaxed, ignoredWords: words.filter((word) => !kept.includes(word)) });

  function finish(result: Omit<SearchResult, 'processingTimeMs'>): SearchResult {
    return { ...result, processingTimeMs: Math.round(performance.now() - started) };
  }
}

/** The versions of a hit's document other than its own, when it has several. */
function otherVersionsOf(
  resourceId: string,
  versions: Section['versions'] | undefined,
): Pick<SearchHit, 'otherVersions'> {
  const others = (versions ?? []).filter((version) => version.id !== resourceId);
  return others.length === 0
    ? {}
    : { otherVersions: others.map(({ id, title, url, path }) => ({ id, title, url, path })) };
}

async function runSearch(
  deps: SearchDeps,
  query: SearchQuery,
  q: string,
): Promise<Omit<SearchResult, 'processingTimeMs'>> {
  const grouped = query.group === 'document';
  const filter = buildFilter(query);
  const main: MultiSearchQuery = {
    indexUid: deps.indexes.sections,
    q,
    filter,
    page: query.page,
    hitsPerPage: query.limit,
    facets: [...facetNames],
    locales: ['fra'],
    attributesToRetrieve: [...hitRecordFields, 'versions'],
    attributesToCrop: ['text'],
    cropLength: 36,
    cropMarker: '…',
    attributesToHighlight: ['text'],
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    // One hit per document: near-duplicate versions share a group (ingest/version-groups.ts).
    ...(grouped ? { distinct: 'versionGroup' } : {}),
    // Browsing without words: the most recent first, then in reading order.
    ...(q === '' ? { sort: ['sortDate:desc', 'position:asc'] } : {}),
  };
  // Disjunctive facets: a facet's counts ignore its own filter, so that a person can
  // add a second value to it.
  const facetQueries: MultiSearchQuery[] = facetNames
    .filter((facet) => buildFilter(query, facet).length !== filter.length)
    .map((facet) => ({
      indexUid: deps.indexes.sections,
      q,
      filter: buildFilter(query, facet),
      // Paged like the main query: Meilisearch counts distinct resources in facets then.
      page: 1,
      hitsPerPage: 1,
      attributesToRetrieve: ['id'],
      facets: [facet],
      locales: ['fra'],
      ...(grouped ? { distinct: 'versionGroup' } : {}),
    }));
  const counts: MultiSearchQuery | undefined = grouped
    ? {
        indexUid: deps.indexes.sections,
        q,
        filter,
        limit: 0,
        facets: ['resourceId'],
        locales: ['fra'],
      }
    : undefined;

  const { results } = await deps.meili.multiSearch<MultiSearchParams, Section>({
    queries: [main, ...facetQueries, ...(counts === undefined ? [] : [counts])],
  });
  const [mainResult, ...rest] = results;
  if (mainResult === undefined)
    throw new Error('Meilisearch returned no result for the main query');
  const facets = emptyFacets();
  for (const facet of facetNames) facets[facet] = mainResult.facetDistribution?.[facet] ?? {};
  facetQueries.forEach((facetQuery, i) => {
    const facet = facetQuery.facets?.[0] as FacetName;
    facets[facet] = rest[i]?.facetDistribution?.[facet] ?? {};
  });
  const perResource = counts === undefined ? undefined : rest.at(-1)?.facetDistribution?.resourceId;

  const hits = mainResult.hits.map(({ _formatted, versions, ...hit }): SearchHit => ({
    ...hit,
    snippet: markedHtml(typeof _formatted?.text === 'string' ? _formatted.text : ''),
    ...otherVersionsOf(hit.resourceId, versions),
    ...(perResource === undefined
      ? {}
      : { otherSections: Math.max(0, (perResource[hit.resourceId] ?? 1) - 1) }),
  }));
  return {
    query: query.q,
    hits,
    facets,
    total: mainResult.totalHits ?? hits.length,
    page: query.page,
    limit: query.limit,
    group: query.group,
  };
}
