import { MeilisearchApiError, type Meilisearch, type Settings } from 'meilisearch';
import { fra as frenchStopWords } from 'stopword';
import { buildSynonyms, type Taxonomy } from '../content/topics.ts';
import { IndexTaskError, settle } from './tasks.ts';

/** Index names and settings: the shape of the search index, as code. */

export interface IndexNames {
  sections: string;
  resources: string;
  /** Exists while an ingestion runs (see ingest/ingest-lock.ts). */
  lock: string;
  /** Writes of ingestions in progress: what one left open is checked again (ingest/sync-journal.ts). */
  journal: string;
}

/** The two indexes of a deployment, named from its prefix (tests use their own). */
export function indexNames(prefix: string): IndexNames {
  return {
    sections: `${prefix}-sections`,
    resources: `${prefix}-resources`,
    lock: `${prefix}-lock`,
    journal: `${prefix}-journal`,
  };
}

/**
 * How far a search may page (Meilisearch's `maxTotalHits`): the search parameters' bound
 * and the pages the UI offers come from this one number.
 */
export const MAX_TOTAL_HITS = 1000;

export const facetAttributes = ['type', 'topics', 'promotion', 'organisation'] as const;

/**
 * French stop words, except those that occur inside a multi-word synonym: Meilisearch
 * cannot match a synonym phrase whose words it dropped ("travailler à distance").
 */
export function stopWordsFor(taxonomy: Taxonomy): string[] {
  const inPhrases = new Set(
    Object.entries(buildSynonyms(taxonomy))
      .flatMap(([term, others]) => [term, ...others])
      .filter((term) => term.includes(' '))
      .flatMap((term) => term.split(/[\s'’]+/)),
  );
  return frenchStopWords.filter((word) => !inPhrases.has(word));
}

/** Settings of the sections index (what search queries). */
export function sectionSettings(taxonomy: Taxonomy): Settings {
  return {
    // Weight order: where a word matches matters as much as whether it does.
    searchableAttributes: [
      'title',
      'heading',
      'hierarchy',
      'keywords',
      'text',
      'organisation',
      // "défis EIG 1": a défi is found by its promotion's label.
      'promotion',
      // Below every exact word: a stem is a weaker sign than the word as written.
      'stems',
    ],
    // `id`: the ingester deletes a resource's stale sections with one filter.
    // `versionGroup`: search keeps one hit per group of near-duplicates (`distinct`).
    // `skills`: the facet « compétence » of défis and people (programme data).
    // `archivedAt`: current hits before archived ones, compared with the clock at query time.
    filterableAttributes: [
      ...facetAttributes,
      'skills',
      'resourceId',
      'id',
      'versionGroup',
      'archivedAt',
    ],
    // `topicRanks.<slug>`: browsing one topic without words lists its surest resources first.
    sortableAttributes: ['sortDate', 'position', 'title', 'topicRanks'],
    // `sort` first: only a search sorted by date sends one with words, and there the date
    // decides (the words still choose which sections match). Where the words match (a
    // heading, a title) counts before how close they are: a section titled with the query
    // beats a list of links that happens to hold its words.
    rankingRules: ['sort', 'words', 'typo', 'attribute', 'proximity', 'exactness'],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['fra'] }],
    stopWords: stopWordsFor(taxonomy),
    synonyms: buildSynonyms(taxonomy),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnWords: taxonomy.acronyms.map((word) => word.toLowerCase()),
    },
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Settings of the resources index (one record per file, for browsing and sync). */
export function resourceSettings(): Settings {
  return {
    searchableAttributes: ['title', 'summary', 'organisation', 'keywords', 'promotion'],
    // `skills`, `defi.key`, `person.*`: the défis and people of the programme's data.
    filterableAttributes: [
      ...facetAttributes,
      'source.root',
      'source.path',
      'skills',
      'defi.key',
      'person.slug',
      'person.profile',
      'person.promotions',
      // The défis a document refers to explicitly (src/community/defi-documents.ts).
      'fields.defis',
      // Lists put archived resources last, « Ajouts récents » leaves them out.
      'archivedAt',
    ],
    sortableAttributes: ['sortDate', 'updatedAt', 'title'],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['fra'] }],
    stopWords: frenchStopWords,
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Creates both indexes when missing and applies their settings; waits for every task. */
export async function applyIndexSettings(
  client: Meilisearch,
  names: IndexNames,
  taxonomy: Taxonomy,
): Promise<void> {
  await ensureIndex(client, names.sections, 'id');
  await ensureIndex(client, names.resources, 'id');
  await settle(
    client.index(names.sections).updateSettings(sectionSettings(taxonomy)),
    'réglages des sections',
  );
  await settle(
    client.index(names.resources).updateSettings(resourceSettings()),
    'réglages des ressources',
  );
}

/** Creates an index when missing, and waits for it. */
export async function ensureIndex(
  client: Meilisearch,
  uid: string,
  primaryKey: string,
): Promise<void> {
  if (await indexExists(client, uid)) return;
  try {
    await settle(client.createIndex(uid, { primaryKey }), `création de ${uid}`);
  } catch (error) {
    // Another process created it between the check and the creation: it is there.
    if (error instanceof IndexTaskError && error.task.error?.code === 'index_already_exists')
      return;
    throw error;
  }
}

/** True when the index exists; other errors (engine down…) propagate. */
export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return true;
  } catch (error) {
    if (isIndexNotFound(error)) return false;
    throw error;
  }
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}
