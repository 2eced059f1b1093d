import type { MultiSearchParams } from 'meilisearch';
import type { z } from 'zod';
import type { Resource, ResourceType } from '../content/model.ts';
import type { IndexReadDeps } from '../index-lookup/index-lookup.ts';
import { filterExpression } from '../search/search-query.ts';
import { archivedClause, currentClause, withArchivedAfter } from '../search/archive-order.ts';
import { listedResourceFields, type resourceFacetsSchema } from './resource-response.ts';

/** Lists resources from the index (one resource and its sections: src/index-lookup/). */

/** The engine and index names the store reads. */
export type ResourceStoreDeps = IndexReadDeps;

export interface ResourceFilters {
  q: string;
  topic: string[];
  type: ResourceType[];
  promotion: string[];
  organisation: string[];
  administration: string[];
  competence: string[];
  page: number;
  limit: number;
  /** Types left out of the list and its counts (the pages list parcours on their own). */
  exceptTypes?: readonly ResourceType[];
  /** Leaves archived resources out (« Ajouts récents »); else they come after current ones. */
  currentOnly?: boolean;
}

/** Counts per value of the filters a list offers. */
export type ResourceFacets = z.infer<typeof resourceFacetsSchema>;

function listFilter(filters: ResourceFilters, now: Date, except?: 'topics' | 'type'): string[][] {
  return [
    ...filterExpression(filters, except),
    ...(filters.exceptTypes ?? []).map((type) => [`type != ${JSON.stringify(type)}`]),
    ...(filters.currentOnly === true ? [currentClause(now)] : []),
  ];
}

/**
 * A page of resources, filtered, most recent first (or by relevance with `q`), current
 * ones before archived ones, with the counts of each topic and type; a facet's counts
 * ignore its own filter, so that a person can add a second value to it.
 * @param now the clock archive dates are compared with
 */
export async function listResources(
  deps: ResourceStoreDeps,
  filters: ResourceFilters,
  now: Date,
): Promise<{
  resources: Resource[];
  total: number;
  page: number;
  limit: number;
  facets: ResourceFacets;
}> {
  const base = { indexUid: deps.indexes.resources, q: filters.q, locales: ['fra' as const] };
  const ranked = {
    ...base,
    attributesToRetrieve: listedResourceFields,
    ...(filters.q === '' ? { sort: ['sortDate:desc', 'title:asc'] } : {}),
  };
  const filter = listFilter(filters, now);
  const { results } = await deps.meili.multiSearch<MultiSearchParams, Resource>({
    queries: [
      // The page's current resources, and (paged, so exact) how many the list holds.
      {
        ...ranked,
        filter: [...filter, currentClause(now)],
        page: filters.page,
        hitsPerPage: filters.limit,
      },
      { ...base, filter, page: 1, hitsPerPage: 0 },
      { ...base, filter: listFilter(filters, now, 'topics'), limit: 0, facets: ['topics'] },
      { ...base, filter: listFilter(filters, now, 'type'), limit: 0, facets: ['type'] },
    ],
  });
  const [current, all, topics, types] = results;
  if (current === undefined || all === undefined)
    throw new Error('Meilisearch returned no result for the list');
  const resources = await withArchivedAfter(
    { hits: current.hits, total: current.totalHits ?? current.hits.length },
    filters.page,
    filters.limit,
    async (offset, limit) => {
      const archived = await deps.meili.multiSearch<MultiSearchParams, Resource>({
        queries: [{ ...ranked, filter: [...filter, archivedClause(now)], offset, limit }],
      });
      return archived.results[0]?.hits ?? [];
    },
  );
  return {
    resources,
    total: all.totalHits ?? resources.length,
    page: filters.page,
    limit: filters.limit,
    facets: {
      topics: topics?.facetDistribution?.topics ?? {},
      type: types?.facetDistribution?.type ?? {},
    },
  };
}

/** How many resources each topic has. */
export async function countByTopic(deps: ResourceStoreDeps): Promise<Record<string, number>> {
  const result = await deps.meili
    .index(deps.indexes.resources)
    .search('', { limit: 0, facets: ['topics'] });
  return result.facetDistribution?.topics ?? {};
}
