import type { Meilisearch } from 'meilisearch';
import type { Section } from '../src/content/model.ts';
import type { IndexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import type { BuiltRecords, ResourceRecord } from './build-records.ts';

/** Writes records to the two indexes in batches, awaiting and checking every task. */

const BATCH_SIZE = 1000;
/** Sections held in memory before they are written. */
const FLUSH_AT = 5000;

/** What the index already knows of a file, enough to decide whether to parse it again. */
export interface IndexedResource {
  id: string;
  source: ResourceRecord['source'];
  signature: string;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Every resource the index holds for these content roots (all roots when omitted). */
export async function fetchIndexedResources(
  client: Meilisearch,
  names: IndexNames,
  rootKeys?: readonly string[],
): Promise<Map<string, IndexedResource>> {
  const index = client.index<IndexedResource>(names.resources);
  const found = new Map<string, IndexedResource>();
  const filter =
    rootKeys === undefined ? undefined : `source.root IN [${rootKeys.map(quote).join(', ')}]`;
  for (let offset = 0; ; offset += BATCH_SIZE) {
    const page = await index.getDocuments<IndexedResource>({
      fields: ['id', 'source', 'signature'],
      limit: BATCH_SIZE,
      offset,
      ...(filter === undefined ? {} : { filter }),
    });
    for (const resource of page.results) found.set(resource.id, resource);
    if (page.results.length < BATCH_SIZE) return found;
  }
}

async function sectionIdsOf(
  client: Meilisearch,
  names: IndexNames,
  resourceIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  const index = client.index<Pick<Section, 'id'>>(names.sections);
  for (let start = 0; start < resourceIds.length; start += 100) {
    const filter = `resourceId IN [${resourceIds
      .slice(start, start + 100)
      .map(quote)
      .join(', ')}]`;
    for (let offset = 0; ; offset += BATCH_SIZE) {
      const page = await index.getDocuments<Pick<Section, 'id'>>({
        fields: ['id'],
        filter,
        limit: BATCH_SIZE,
        offset,
      });
      ids.push(...page.results.map((section) => section.id));
      if (page.results.length < BATCH_SIZE) break;
    }
  }
  return ids;
}

async function deleteIds(
  client: Meilisearch,
  uid: string,
  ids: string[],
  what: string,
): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    await settle(client.index(uid).deleteDocuments(ids.slice(start, start + BATCH_SIZE)), what);
  }
}

/**
 * Buffers changed resources and writes them. A changed resource's new sections are added
 * before its stale ones are deleted, so that a search never finds it without sections.
 */
export class IndexWriter {
  #pending: BuiltRecords[] = [];
  #pendingSections = 0;
  sectionsWritten = 0;

  constructor(
    private readonly client: Meilisearch,
    private readonly names: IndexNames,
  ) {}

  /** Queues one resource; writes when enough sections are waiting. */
  async add(records: BuiltRecords): Promise<void> {
    this.#pending.push(records);
    this.#pendingSections += records.sections.length;
    if (this.#pendingSections >= FLUSH_AT) await this.flush();
  }

  /** Writes everything queued. */
  async flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingSections = 0;
    if (batch.length === 0) return;
    const previousIds = await sectionIdsOf(
      this.client,
      this.names,
      batch.map((r) => r.resource.id),
    );
    const sections = batch.flatMap((records) => records.sections);
    for (let start = 0; start < sections.length; start += BATCH_SIZE) {
      await settle(
        this.client
          .index(this.names.sections)
          .addDocuments(sections.slice(start, start + BATCH_SIZE), { primaryKey: 'id' }),
        'ajout des sections',
      );
    }
    const current = new Set(sections.map((section) => section.id));
    await deleteIds(
      this.client,
      this.names.sections,
      previousIds.filter((id) => !current.has(id)),
      'suppression des anciennes sections',
    );
    const resources = batch.map((records) => records.resource);
    for (let start = 0; start < resources.length; start += BATCH_SIZE) {
      await settle(
        this.client
          .index(this.names.resources)
          .addDocuments(resources.slice(start, start + BATCH_SIZE), { primaryKey: 'id' }),
        'ajout des ressources',
      );
    }
    this.sectionsWritten += sections.length;
  }

  /** Removes resources and all their sections. */
  async remove(resourceIds: string[]): Promise<void> {
    if (resourceIds.length === 0) return;
    await deleteIds(
      this.client,
      this.names.sections,
      await sectionIdsOf(this.client, this.names, resourceIds),
      'suppression des sections',
    );
    await deleteIds(this.client, this.names.resources, resourceIds, 'suppression des ressources');
  }
}
