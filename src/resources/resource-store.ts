import type { Meilisearch } from 'meilisearch';
import type { Resource, ResourceType, Section } from '../content/model.ts';
import type { IndexNames } from '../engine/indexes.ts';
import { isEngineUnreachable } from '../errors.ts';

/** Reads resources and their sections from the index. */

/** The stored resource record (see ingest/build-records.ts). */
export type StoredResource = Resource & { body?: string; sortDate: number };

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
  page: number;
  limit: number;
}

const listedFields = [
  'id',
  'title',
  'type',
  'topics',
  'promotion',
  'organisation',
  'summary',
  'author',
  'date',
  'source',
  'sectionCount',
  'pageCount',
  'updatedAt',
  'url',
] as const;

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
    if (isEngineUnreachable(error)) throw error;
    if (
      error instanceof Error &&
      'cause' in error &&
      (error.cause as { code?: string } | undefined)?.code === 'document_not_found'
    ) {
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

/** A page of resources, filtered, most recent first (or by relevance with `q`). */
export async function listResources(
  deps: ResourceStoreDeps,
  filters: ResourceFilters,
): Promise<{ resources: Resource[]; total: number; page: number; limit: number }> {
  const filter = [
    filters.topic.map((v) => `topics = ${JSON.stringify(v)}`),
    filters.type.map((v) => `type = ${JSON.stringify(v)}`),
    filters.promotion.map((v) => `promotion = ${JSON.stringify(v)}`),
    filters.organisation.map((v) => `organisation = ${JSON.stringify(v)}`),
  ].filter((group) => group.length > 0);
  const result = await deps.meili.index<Resource>(deps.indexes.resources).search(filters.q, {
    filter,
    page: filters.page,
    hitsPerPage: filters.limit,
    attributesToRetrieve: [...listedFields],
    locales: ['fra'],
    ...(filters.q === '' ? { sort: ['sortDate:desc', 'title:asc'] } : {}),
  });
  return {
    resources: result.hits,
    total: result.totalHits ?? result.hits.length,
    page: filters.page,
    limit: filters.limit,
  };
}

/** How many resources each topic has. */
export async function countByTopic(deps: ResourceStoreDeps): Promise<Record<string, number>> {
  const result = await deps.meili
    .index(deps.indexes.resources)
    .search('', { limit: 0, facets: ['topics'] });
  return result.facetDistribution?.topics ?? {};
}
