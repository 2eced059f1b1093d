import type { Hit, Meilisearch, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import type { Section } from '../content/model.ts';
import type { Parcours } from '../parcours/model.ts';
import { membershipsOf, type ParcoursStore } from '../parcours/parcours-store.ts';
import type { PromotionTable } from '../content/promotions.ts';
import type { IndexNames } from '../engine/indexes.ts';
import {
  archivedClause,
  currentClause,
  currentFirst,
  isArchived,
  withArchivedAfter,
} from './archive-order.ts';
import { fuseRankings } from './fuse-rankings.ts';
import { prepareQuery, type PreparedQuery } from './prepare-query.ts';
import { promotionMention } from './promotion-mention.ts';
import { searchCacheKey, type SearchCache } from './result-cache.ts';
import { filterExpression, type Filters, type SearchQuery } from './search-query.ts';
import {
  facetNames,
  hitRecordFields,
  type FacetCounts,
  type FacetName,
  type SearchHit,
  type SearchResult,
} from './search-response.ts';
import { escapeHtml, leadingWords, MARK_END, MARK_START, markedHtml } from './snippet.ts';

/** query → hits and facets, over the sections index. */

export { facetNames };
export type { FacetCounts, FacetName, SearchHit, SearchResult };

export interface SearchDeps {
  meili: Meilisearch;
  indexes: IndexNames;
  /** Year → promotion label: a query naming a promotion ranks its défis (none: no such ranking). */
  promotions?: PromotionTable;
  /** The parcours, so that hits carry their place in them; absent: hits carry none. */
  parcours?: Pick<ParcoursStore, 'listParcours'>;
  /** The clock archive dates are compared with; absent: the system's. */
  now?: () => Date;
  /** Results kept until the indexes change (result-cache.ts); absent: every search asks. */
  searchCache?: SearchCache;
}

/** How a search with words ranks resources (one hit per resource). */
export interface RankingOptions {
  /** Resources each fused ranking holds at least (deeper pages fetch more sections). */
  depth: number;
  /** Rank offset of the reciprocal rank fusion. */
  k: number;
  /**
   * Weight of each ranking: the query's words, their stems, the resources index, the
   * défis of the promotion the query names, and the words in reverse order.
   */
  weights: {
    words: number;
    stems: number;
    resources: number;
    promotion: number;
    reversed: number;
  };
  /** Ranking score (0–1) a resource must reach to count in the resources ranking. */
  resourceThreshold: number;
}

/**
 * Measured on the dev split of bench/relevance/queries.yml (README, « Pertinence »): the
 * stems and the resources index refine the words' ranking, they do not lead it; a resource
 * counts only where its title, summary or keywords match well (score ≥ 0.5), else a
 * single-word summary match outranks the sections that answer.
 */
export const defaultRanking: RankingOptions = {
  depth: 10,
  k: 10,
  weights: { words: 1, stems: 0.5, resources: 0.5, promotion: 1.5, reversed: 1 },
  resourceThreshold: 0.5,
};

/** What the caller shows, so that nothing else is asked of the engine. */
export interface SearchNeeds {
  /** The facet counts (the API and the results page); false: `facets` comes back empty. */
  facets: boolean;
}

/** Words of a snippet. */
const CROP_WORDS = 36;

/** Hits at most a fused ranking is cut from (the first pages). */
const MAX_FUSED_HITS = 100;

/** Several values of one filter combine with OR, different filters with AND. */
export function buildFilter(filters: Filters, except?: FacetName): string[][] {
  return filterExpression(filters, except);
}

function emptyFacets(): FacetCounts {
  return { topics: {}, type: {}, promotion: {}, organisation: {}, skills: {} };
}

/**
 * Searches sections; by default one hit per resource (its best section).
 * @param deps the engine and the index names
 * @param query the validated search parameters
 * @param ranking how resources are ranked (the measured defaults unless told)
 */
export async function searchSections(
  deps: SearchDeps,
  query: SearchQuery,
  ranking: RankingOptions = defaultRanking,
  needs: SearchNeeds = { facets: true },
): Promise<SearchResult> {
  const started = performance.now();
  // Other rankings are the relevance evaluation's: never cached.
  const found =
    deps.searchCache === undefined || ranking !== defaultRanking
      ? await findSections(deps, query, ranking, needs)
      : await deps.searchCache.get(
          `sections:${needs.facets ? 'facets' : 'hits'}:${searchCacheKey(query)}`,
          () => findSections(deps, query, ranking, needs),
        );
  return { ...found, query: query.q, processingTimeMs: Math.round(performance.now() - started) };
}

/**
 * The search itself, hits with their parcours (what the cache keeps): reading the parcours
 * costs their files and one engine call, so a cached search pays neither. A parcours
 * published from the interface is an index write, which empties the cache; a file edited
 * by hand shows on the hits once the entry ages out (result-cache.ts).
 */
async function findSections(
  deps: SearchDeps,
  query: SearchQuery,
  ranking: RankingOptions,
  needs: SearchNeeds,
): Promise<Omit<SearchResult, 'processingTimeMs'>> {
  // Side by side: the parcours do not depend on the hits.
  const [found, parcours] = await Promise.all([
    searchEngine(deps, query, ranking, needs),
    listParcours(deps),
  ]);
  if (parcours === undefined) return found;
  const hits = found.hits.map((hit) => {
    const memberships = membershipsOf(parcours, hit.resourceId, hit);
    return memberships.length === 0 ? hit : { ...hit, parcours: memberships };
  });
  return { ...found, hits };
}

/**
 * The parcours, read once per cache generation rather than per search: their files and the
 * engine call that resolves them cost a fifth of a search's time (profiled, bench/search-speed.ts).
 */
async function listParcours(deps: SearchDeps): Promise<Parcours[] | undefined> {
  const { parcours, searchCache } = deps;
  if (parcours === undefined) return undefined;
  if (searchCache === undefined) return parcours.listParcours();
  return searchCache.get('parcours', () => parcours.listParcours());
}

/** The search as Meilisearch answers it. */
async function searchEngine(
  deps: SearchDeps,
  query: SearchQuery,
  ranking: RankingOptions,
  needs: SearchNeeds,
): Promise<Omit<SearchResult, 'processingTimeMs'>> {
  const now = deps.now?.() ?? new Date();
  const prepared = prepareQuery(query.q);
  const { words } = prepared;
  const first = await runSearch(deps, query, prepared, ranking, now, needs);
  if (first.total > 0 || words.length < 2) return first;

  // A multi-word query must not come back empty because one word matches nothing:
  // keep the words that match something on their own, and search again.
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
  if (kept.length === 0 || kept.length === words.length) return first;
  const relaxed = await runSearch(deps, query, prepareQuery(kept.join(' ')), ranking, now, needs);
  return { ...relaxed, ignoredWords: words.filter((word) => !kept.includes(word)) };
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

/** One topic browsed without words: its surest resources first (ingest/assign-topics.ts). */
function topicBrowseSort(query: SearchQuery): string[] {
  const [topic, ...others] = query.topic;
  return topic !== undefined && others.length === 0 ? [`topicRanks.${topic}:desc`] : [];
}

async function runSearch(
  deps: SearchDeps,
  query: SearchQuery,
  prepared: PreparedQuery,
  ranking: RankingOptions,
  now: Date,
  needs: SearchNeeds,
): Promise<Omit<SearchResult, 'processingTimeMs'>> {
  const q = prepared.words.join(' ');
  const grouped = query.group === 'document';
  const byDate = query.sort === 'date';
  // Sorted by date, a section must hold every word: else one that holds a single word of
  // the query, written last week, would come before the guide that answers it.
  const strategy = byDate && q !== '' ? { matchingStrategy: 'all' as const } : {};
  // With words and one hit per resource, three rankings are fused: the sections by the
  // words, the sections by their stems, and the resources by title, summary, keywords.
  // Deep pages (rare) keep Meilisearch's order: cutting them from a fused ranking would
  // fetch and crop every hit before them.
  const fused = grouped && q !== '' && !byDate && query.page * query.limit <= MAX_FUSED_HITS;
  const filter = buildFilter(query);
  const hitFields = {
    attributesToRetrieve: [...hitRecordFields, 'versionGroup', 'versions'],
    attributesToCrop: ['text'],
    cropLength: CROP_WORDS,
    cropMarker: '…',
    attributesToHighlight: ['text'],
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  } satisfies Partial<MultiSearchQuery>;
  const ranked = {
    indexUid: deps.indexes.sections,
    q,
    locales: ['fra'],
    ...hitFields,
    ...strategy,
    // One hit per document: near-duplicate versions share a group (ingest/version-groups.ts).
    ...(grouped ? { distinct: 'versionGroup' } : {}),
    // Browsing without words, or sorted by date: the most recent first (undated ones have
    // 0), then in reading order; browsing one topic, the resources filed there on purpose
    // (front matter) or first come before.
    ...(q === '' || byDate
      ? { sort: [...(q === '' ? topicBrowseSort(query) : []), 'sortDate:desc', 'position:asc'] }
      : {}),
  } satisfies MultiSearchQuery;
  const main: MultiSearchQuery = {
    ...ranked,
    filter,
    // Fused, the first page is cut from a deeper ranking; `page` keeps totals exact. Else
    // the page comes from the current part, then the archived one: here only the counts.
    page: fused ? 1 : query.page,
    hitsPerPage: fused ? Math.max(ranking.depth, query.page * query.limit) : 0,
    ...(needs.facets ? { facets: [...facetNames] } : {}),
  };
  // Archived resources after current ones: their dates are compared with the clock now.
  const currentPart: MultiSearchQuery | undefined = fused
    ? undefined
    : {
        ...ranked,
        filter: [...filter, currentClause(now)],
        page: query.page,
        hitsPerPage: query.limit,
      };
  const byStems: MultiSearchQuery | undefined =
    fused && prepared.stems.length > 0
      ? {
          indexUid: deps.indexes.sections,
          q: prepared.stems.join(' '),
          attributesToSearchOn: ['stems'],
          // Only sections that hold every stem: a precise signal, and a cheaper search.
          matchingStrategy: 'all',
          filter,
          locales: ['fra'],
          // No highlighting (the stems are not the words shown): the few hits found by
          // stems alone take their snippet from the text's first words, cut here.
          attributesToRetrieve: [...hitRecordFields, 'versionGroup', 'versions', 'text'],
          // Sections, not resources: their count per resource is the "other sections" of
          // a hit (those that hold every word, in some form), so no separate count query.
          limit: 2 * ranking.depth,
          facets: ['resourceId'],
        }
      : undefined;
  const mention =
    fused && deps.promotions !== undefined
      ? promotionMention(prepared.words, deps.promotions)
      : undefined;
  // The sections of the named promotion that hold the query's other words (all of them).
  const byPromotion: MultiSearchQuery | undefined =
    mention === undefined
      ? undefined
      : {
          indexUid: deps.indexes.sections,
          q: mention.rest.join(' '),
          matchingStrategy: 'all',
          filter: [...filter, `promotion = ${JSON.stringify(mention.label)}`],
          limit: ranking.depth,
          locales: ['fra'],
          distinct: 'versionGroup',
          attributesToRetrieve: [...hitRecordFields, 'versionGroup', 'versions', 'text'],
        };
  // Where no section holds every word as typed, Meilisearch drops words from the end, and a
  // French question often ends with its subject ("comment réussir une démo ?"): the same
  // words in reverse order keep the last ones longest. Only for questions: keyword queries
  // gained nothing from it on the dev queries, and it is one more search.
  const byReversed: MultiSearchQuery | undefined =
    fused &&
    prepared.question &&
    mention === undefined &&
    prepared.words.length > 1 &&
    ranking.weights.reversed > 0
      ? {
          indexUid: deps.indexes.sections,
          q: [...prepared.words].reverse().join(' '),
          filter,
          limit: ranking.depth,
          locales: ['fra'],
          distinct: 'versionGroup',
          attributesToRetrieve: [...hitRecordFields, 'versionGroup', 'versions', 'text'],
        }
      : undefined;
  const byResource: MultiSearchQuery | undefined = fused
    ? {
        indexUid: deps.indexes.resources,
        q,
        filter,
        limit: ranking.depth,
        locales: ['fra'],
        attributesToRetrieve: ['id', 'versionGroup'],
        ...(ranking.resourceThreshold > 0
          ? { rankingScoreThreshold: ranking.resourceThreshold }
          : {}),
      }
    : undefined;
  // Disjunctive facets: a facet's counts ignore its own filter, so that a person can
  // add a second value to it.
  const facetQueries: MultiSearchQuery[] = (needs.facets ? facetNames : [])
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
      ...strategy,
      ...(grouped ? { distinct: 'versionGroup' } : {}),
    }));
  const counts: MultiSearchQuery | undefined =
    grouped && byStems === undefined
      ? {
          indexUid: deps.indexes.sections,
          q,
          filter,
          limit: 0,
          facets: ['resourceId'],
          locales: ['fra'],
          ...strategy,
        }
      : undefined;

  // One round trip; each result is found again by the position its query was sent at.
  const queries = [
    main,
    currentPart,
    ...facetQueries,
    byStems,
    byResource,
    counts,
    byPromotion,
    byReversed,
  ];
  const sent = queries.filter((one) => one !== undefined);
  const { results } = await deps.meili.multiSearch<MultiSearchParams, Section>({ queries: sent });
  const resultOf = (one: MultiSearchQuery | undefined) =>
    one === undefined ? undefined : results[sent.indexOf(one)];
  const mainResult = resultOf(main);
  if (mainResult === undefined)
    throw new Error('Meilisearch returned no result for the main query');
  const [stemsResult, resourceResult, countsResult, promotionResult, reversedResult] = [
    byStems,
    byResource,
    counts,
    byPromotion,
    byReversed,
  ].map(resultOf);
  const facets = emptyFacets();
  for (const facet of facetNames) facets[facet] = mainResult.facetDistribution?.[facet] ?? {};
  for (const facetQuery of facetQueries) {
    const facet = facetQuery.facets?.[0] as FacetName;
    facets[facet] = resultOf(facetQuery)?.facetDistribution?.[facet] ?? {};
  }
  const perResource = (countsResult ?? stemsResult)?.facetDistribution?.resourceId;

  let sectionHits: Hit<Section>[] = mainResult.hits;
  let total = mainResult.totalHits ?? sectionHits.length;
  if (fused) {
    // One document is one group of versions (a resource alone is its own group). The
    // best section of each: by the words when they find it, else by stems.
    const groupOf = (hit: Hit<Section>) => hit.versionGroup ?? hit.resourceId;
    const best = new Map<string, Hit<Section>>();
    for (const hit of [
      ...mainResult.hits,
      ...(stemsResult?.hits ?? []),
      ...(promotionResult?.hits ?? []),
      ...(reversedResult?.hits ?? []),
    ]) {
      if (!best.has(groupOf(hit))) best.set(groupOf(hit), hit);
    }
    const order = fuseRankings(
      [
        { ids: mainResult.hits.map(groupOf), weight: ranking.weights.words },
        { ids: (stemsResult?.hits ?? []).map(groupOf), weight: ranking.weights.stems },
        // Resource records carry their own id where sections carry `resourceId`.
        {
          ids: (resourceResult?.hits ?? []).map((hit) => hit.versionGroup ?? hit.id),
          weight: ranking.weights.resources,
        },
        { ids: (promotionResult?.hits ?? []).map(groupOf), weight: ranking.weights.promotion },
        { ids: (reversedResult?.hits ?? []).map(groupOf), weight: ranking.weights.reversed },
      ],
      ranking.k,
    ).flatMap((id) => {
      const hit = best.get(id);
      return hit === undefined ? [] : [hit];
    });
    total += order.length - mainResult.hits.length;
    sectionHits = currentFirst(order, now).slice(
      (query.page - 1) * query.limit,
      query.page * query.limit,
    );
  } else {
    const current = resultOf(currentPart);
    if (current === undefined) throw new Error('Meilisearch returned no result for the page');
    sectionHits = await withArchivedAfter(
      { hits: current.hits, total: current.totalHits ?? current.hits.length },
      query.page,
      query.limit,
      async (offset, limit) => {
        const archived = await deps.meili.multiSearch<MultiSearchParams, Section>({
          queries: [{ ...ranked, filter: [...filter, archivedClause(now)], offset, limit }],
        });
        return archived.results[0]?.hits ?? [];
      },
    );
  }

  const hits = sectionHits.map(
    ({ _formatted, text, versions, versionGroup: _group, ...hit }): SearchHit => ({
      ...hit,
      archived: isArchived(hit.archivedAt, now),
      snippet:
        typeof _formatted?.text === 'string'
          ? markedHtml(_formatted.text)
          : escapeHtml(leadingWords(text ?? '', CROP_WORDS)),
      ...otherVersionsOf(hit.resourceId, versions),
      ...(perResource === undefined
        ? {}
        : { otherSections: Math.max(0, (perResource[hit.resourceId] ?? 1) - 1) }),
    }),
  );
  return {
    query: query.q,
    hits,
    facets,
    total,
    page: query.page,
    limit: query.limit,
    group: query.group,
    sort: query.sort,
  };
}
