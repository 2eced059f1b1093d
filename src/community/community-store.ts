import type { Meilisearch } from 'meilisearch';
import type { IndexNames } from '../engine/indexes.ts';
import { findResource, type StoredResource } from '../index-lookup/index-lookup.ts';
import { comparePages, type DefiFields, type PersonFields } from '../content/programme-fields.ts';

/**
 * Past défis and the community as the index holds them (see ingest/programme-data.ts):
 * défi resources that carry the programme's data, and person resources (type `personne`).
 */

/** A défi with its structured fields. */
export interface Defi extends DefiFields {
  /** Resource id (the défi's page, or the data entry's own resource when it has no page). */
  id: string;
  title: string;
  url: string;
  summary?: string;
  topics: string[];
}

/** A member of the community. */
export interface Person extends PersonFields {
  /** Resource id. */
  id: string;
  url: string;
}

export interface DefiFilter {
  /** Host administrations (exact names, any of them). */
  administration?: readonly string[];
  /** Skill codes (any of them). */
  competence?: readonly string[];
  /** Promotion labels (`EIG 2`, `DIG`; any of them). */
  promotion?: readonly string[];
}

export interface PersonFilter {
  /** Profiles as the data names them (`Designer`, `Mentor`…; any of them). */
  profil?: readonly string[];
  /** Promotion labels (any of them). */
  promotion?: readonly string[];
  /** Skill codes (any of them). */
  competence?: readonly string[];
}

export interface CommunityStore {
  /** Every défi with programme data matching the filter, most recent first, then by title. */
  listDefis(filter?: DefiFilter): Promise<Defi[]>;
  /** One défi by resource id, or undefined when none (or it has no programme data). */
  getDefi(id: string): Promise<Defi | undefined>;
  /** Every person matching the filter, by name. */
  listPersons(filter?: PersonFilter): Promise<Person[]>;
  /** One person by slug, or undefined when none (unknown, or removed at their request). */
  getPerson(slug: string): Promise<Person | undefined>;
}

export interface CommunityStoreDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

/** Enough for every défi and person of the programme (about 70 and 260). */
const LIST_LIMIT = 1000;

function anyOf(attribute: string, values: readonly string[] | undefined): string[] {
  return values === undefined || values.length === 0
    ? []
    : [`${attribute} IN [${values.map((value) => JSON.stringify(value)).join(', ')}]`];
}

/** A défi as the store returns it, or undefined for a resource without programme data. */
export function defiOf(resource: StoredResource): Defi | undefined {
  if (resource.type !== 'defi' || resource.defi === undefined) return undefined;
  return {
    ...resource.defi,
    id: resource.id,
    title: resource.title,
    url: resource.url,
    topics: resource.topics,
    ...(resource.summary === undefined ? {} : { summary: resource.summary }),
  };
}

/** A person as the store returns it, or undefined for any other resource. */
export function personOf(resource: StoredResource): Person | undefined {
  if (resource.type !== 'personne' || resource.person === undefined) return undefined;
  return { ...resource.person, id: resource.id, url: resource.url };
}

/** A store reading défis and people from the resources index. */
export function createCommunityStore(deps: CommunityStoreDeps): CommunityStore {
  const documents = async (filter: string[], sort: string[]): Promise<StoredResource[]> => {
    const page = await deps.meili
      .index<StoredResource>(deps.indexes.resources)
      .getDocuments<StoredResource>({ filter: filter.join(' AND '), sort, limit: LIST_LIMIT });
    return page.results;
  };
  return {
    async listDefis(filter = {}) {
      const found = await documents(
        [
          'type = "defi"',
          'defi.key EXISTS',
          ...anyOf('organisation', filter.administration),
          ...anyOf('skills', filter.competence),
          ...anyOf('promotion', filter.promotion),
        ],
        ['sortDate:desc', 'title:asc'],
      );
      // A défi told by two pages is listed once, by its closest match.
      const kept = new Map<string, StoredResource>();
      for (const resource of [...found].sort(comparePages)) {
        const key = resource.defi?.key;
        if (key !== undefined && !kept.has(key)) kept.set(key, resource);
      }
      const shown = new Set(kept.values());
      return found
        .filter((resource) => shown.has(resource))
        .flatMap((resource) => defiOf(resource) ?? []);
    },
    async getDefi(id) {
      const resource = await findResource(deps, id);
      return resource === undefined ? undefined : defiOf(resource);
    },
    async listPersons(filter = {}) {
      const found = await documents(
        [
          'type = "personne"',
          ...anyOf('person.profile', filter.profil),
          ...anyOf('person.promotions', filter.promotion),
          ...anyOf('skills', filter.competence),
        ],
        ['title:asc'],
      );
      return found.flatMap((resource) => personOf(resource) ?? []);
    },
    async getPerson(slug) {
      const [found] = await documents(
        ['type = "personne"', `person.slug = ${JSON.stringify(slug)}`],
        ['title:asc'],
      );
      return found === undefined ? undefined : personOf(found);
    },
  };
}
