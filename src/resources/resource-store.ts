import { MeilisearchApiError, type Meilisearch, type MultiSearchParams } from 'meilisearch';
import type { z } from 'zod';
import type { Resource, ResourceType, Section } from '../content/model.ts';
import type { IndexNames } from '../engine/indexes.ts';
import { filterExpression } from '../search/search-query.ts';
import { listedResourceFields, type resourceFacetsSchema } from './resource-response.ts';

/** Reads resources and their sections from the index. */

/** The stored resource record (see ingest/build-records.ts): `html` is sanitised at ingestion. */
export type StoredResource = Resource & { html?: string; sortDate: number };

export interface ResourceStoreDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

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
}

/** One resource, or undefined when no such id is indexed. */
export async function findResource(
  deps: ResourceStoreDeps,
  id: string,
): Promise<StoredResource | undefined> {
  try {
    return await deps.meili
      .index<StoredResource>(deps.indexes.resources)
      .getDocument<StoredResource>(id);
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'document_not_found') {
      return undefined;
    }
    throw error;
  }
}

/** All sections of a resource, in reading order. */
export async function sectionsOf(deps: ResourceStoreDeps, resourceId: string): Promise<Section[]> {
  const sections: Section[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await deps.meili.index<Section>(deps.indexes.sections).getDocuments({
      filter: `resourceId = ${JSON.stringify(resourceId)}`,
      sort: ['position:asc'],
      limit: 1000,
      offset,
    });
    sections.push(...page.results);
    if (page.results.length < 1000) return sections;
  }
}

/** Counts per value of the filters a list offers. */
export type ResourceFacets = z.infer<typeof resourceFacetsSchema>;

function listFilter(filters: ResourceFilters, except?: 'topics' | 'type'): string[][] {
  return filterExpression(filters, except);
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
