import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import type { Resource, Section } from '../content/model.ts';
import type { IndexNames } from '../engine/indexes.ts';

/**
 * Reads one resource and its sections from the index: the lookups that resource pages,
 * parcours and the start-up share, below all of them so that none imports another's store.
 */

/** The stored resource record (see ingest/build-records.ts): `html` is sanitised at ingestion. */
export type StoredResource = Resource & { html?: string; sortDate: number };

/** The engine and the index names a lookup reads. */
export interface IndexReadDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

/** What a reader of single resources needs to know of the index. */
export interface ResourceLookup {
  /** One resource, or undefined when no such id is indexed. */
  resource(id: string): Promise<Resource | undefined>;
  /** Its sections in reading order. */
  sections(resourceId: string): Promise<Section[]>;
  /** Changes whenever the index does; absent: resolutions are not kept between calls. */
  version?(): Promise<string>;
}

/** One resource, or undefined when no such id is indexed. */
export async function findResource(
  deps: IndexReadDeps,
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
export async function sectionsOf(deps: IndexReadDeps, resourceId: string): Promise<Section[]> {
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

/** The index as a `ResourceLookup`, its version following the resources index's updates. */
export function indexLookup(deps: IndexReadDeps): ResourceLookup {
  return {
    resource: (id) => findResource(deps, id),
    sections: (resourceId) => sectionsOf(deps, resourceId),
    async version() {
      const info = await deps.meili.index(deps.indexes.resources).getRawInfo();
      return `${info.uid}@${info.updatedAt}`;
    },
  };
}
