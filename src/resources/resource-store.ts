import type { MultiSearchParams } from 'meilisearch';
import type { z } from 'zod';
import type { Resource, ResourceType } from '../content/model.ts';
import type { IndexReadDeps } from '../index-lookup/index-lookup.ts';
import { filterExpression } from '../search/search-query.ts';
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
}

/** Counts per value of the filters a list offers. */
export type ResourceFacets = z.infer<typeof resourceFacetsSchema>;

function listFilter(filters: ResourceFilters, except?: 'topics' | 'type'): string[][] {
  return [
    ...filterExpression(filters, except),
    ...(filters.exceptTypes ?? []).map((type) => [`type != ${JSON.stringify(type)}`]),
  ];
}

/**
 * A page of resources, filtered, most recent first (or by relevance with `q`), with the
 * counts of each topic and type; a facet's counts ignore its own filter, so that a person
 * can add a second value to it.
 */
export async function listResources(
  deps: ResourceStoreDeps,
  filters: ResourceFilters,
): Promise<{
  resources: Resource[];
  total: number;
  page: number;
  limit: number;
  facets: ResourceFacets;
}> {
  const base = { indexUid: deps.indexes.resources, q: filters.q, locales: ['fra' as const] };
  const { results } = await deps.meili.multiSearch<MultiSearchParams, Resource>({
    queries: [
      {
        ...base,
        filter: listFilter(filters),
        page: filters.page,
        hitsPerPage: filters.limit,
        attributesToRetrieve: listedResourceFields,
        ...(filters.q === '' ? { sort: ['sortDate:desc', 'title:asc'] } : {}),
      },
      { ...base, filter: listFilter(filters, 'topics'), limit: 0, facets: ['topics'] },
      { ...base, filter: listFilter(filters, 'type'), limit: 0, facets: ['type'] },
    ],
  });
  const [main, topics, types] = results;
  if (main === undefined) throw new Error('Meilisearch returned no result for the list');
  return {
    resources: main.hits,
    total: main.totalHits ?? main.hits.length,
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
