import type { EnqueuedTaskPromise, Meilisearch } from 'meilisearch';
import type { Section } from '../src/content/model.ts';
import type { IndexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import type { BuiltRecords, ResourceRecord } from './build-records.ts';
import type { JournalResource, SyncJournal } from './sync-journal.ts';

/** Writes records to the two indexes in batches, awaiting and checking every task. */

const BATCH_SIZE = 1000;
/** Resources per stale-section filter, which lists their current section ids. */
const RESOURCES_PER_FILTER = 50;
/** Sections held in memory before they are written. */
const FLUSH_AT = 5000;
/**
 * Resources held before they are written, however few sections they have: the service
 * answers searches during its first indexing, from what is written so far. At 100, the
 * development corpus (79 files) was searchable only once every file was parsed; 20 keeps
 * Meilisearch's tasks few (it batches them) and answers within the first files.
 */
const FLUSH_AT_RESOURCES = 20;

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

/** `attribute IN [...]` for one chunk of values. */
function inList(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(quote).join(', ')}]`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

/** Awaits and checks every task of a batched write. */
async function settleAll(enqueued: EnqueuedTaskPromise[], what: string): Promise<void> {
  await Promise.all(enqueued.map((task) => settle(task, what)));
}

/**
 * Buffers changed resources and writes them. A changed resource's new sections are added
 * before its stale ones are deleted, so that a search never finds it without sections;
 * its record (which carries the file's hash, the sign that it is indexed) comes last.
 * With a journal, each batch is announced before its first write and closed after its
 * last task succeeded: a batch cut off midway is re-checked by the next sync.
 */
export class IndexWriter {
  #pending: BuiltRecords[] = [];
  #pendingSections = 0;
  sectionsWritten = 0;

  constructor(
    private readonly client: Meilisearch,
    private readonly names: IndexNames,
    private readonly journal?: SyncJournal,
  ) {}

  /** Queues one resource; writes when enough sections are waiting. */
  async add(records: BuiltRecords): Promise<void> {
    this.#pending.push(records);
    this.#pendingSections += records.sections.length;
    if (this.#pendingSections >= FLUSH_AT || this.#pending.length >= FLUSH_AT_RESOURCES)
      await this.flush();
  }

  /** Writes everything queued. */
  async flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingSections = 0;
    if (batch.length === 0) return;
    const write = await this.journal?.open(
      batch.map(({ resource }) => ({ id: resource.id, root: resource.source.root })),
    );
    const sections = batch.flatMap((records) => records.sections);
    const index = this.client.index<Section>(this.names.sections);
    await settleAll(
      index.addDocumentsInBatches(sections, BATCH_SIZE, { primaryKey: 'id' }),
      'ajout des sections',
    );
    // Then the sections these resources no longer have (a heading renamed or removed).
    for (const group of chunks(batch, RESOURCES_PER_FILTER)) {
      const resourceIds = group.map((records) => records.resource.id);
      const current = group.flatMap((records) => records.sections.map((section) => section.id));
      await settle(
        index.deleteDocuments({
          filter: `${inList('resourceId', resourceIds)} AND id NOT IN [${current.map(quote).join(', ')}]`,
        }),
        'suppression des anciennes sections',
      );
    }
    await settleAll(
      this.client.index(this.names.resources).addDocumentsInBatches(
        batch.map((records) => records.resource),
        BATCH_SIZE,
        { primaryKey: 'id' },
      ),
      'ajout des ressources',
    );
    await write?.close();
    this.sectionsWritten += sections.length;
  }

  /** Removes resources and all their sections. */
  async remove(resources: JournalResource[]): Promise<void> {
    for (const batch of chunks(resources, BATCH_SIZE)) {
      const write = await this.journal?.open(batch);
      const group = batch.map((resource) => resource.id);
      await settle(
        this.client
          .index(this.names.sections)
          .deleteDocuments({ filter: inList('resourceId', group) }),
        'suppression des sections',
      );
      await settle(
        this.client.index(this.names.resources).deleteDocuments(group),
        'suppression des ressources',
      );
      await write?.close();
    }
  }
}
