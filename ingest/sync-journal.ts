import { createHash, randomUUID } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { ensureIndex } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';

/**
 * The journal of an index's writes, kept in Meilisearch beside the indexes (every
 * replica sees it). Before a batch of resources is written, an entry naming them is
 * committed; once every task of the batch has succeeded, the entry is deleted. An entry
 * still there when a sync starts belongs to a sync that stopped mid-write (killed,
 * engine gone): its resources may hold sections of a version no file has any more
 * while their records still carry the hash of the file, so the next sync re-checks
 * them instead of trusting that hash.
 *
 * It also remembers the files that could not be parsed (unreadable PDF, broken front
 * matter…), by hash: such a file is not parsed again until it, its metadata file or the
 * ingester changes. A re-run with nothing changed then reads no file twice.
 */

/** A resource a write touched, and the content folder it came from. */
export interface JournalResource {
  id: string;
  root: string;
}

/** One batch of writes, open until all its tasks succeeded. */
export interface JournalEntry {
  id: string;
  resources: JournalResource[];
  startedAt: string;
}

/** A file that failed to parse, as it was then. */
export interface RememberedFailure {
  resourceId: string;
  root: string;
  path: string;
  sha256: string;
  metadataSha256?: string;
  /** What the parse depended on besides the file (ingester version, taxonomy…). */
  signature: string;
  code: string;
  reason: string;
}

interface FailureDocument extends RememberedFailure {
  id: string;
  kind: 'failure';
}

/** An entry written before a batch; `close` once the batch is committed. */
export interface OpenWrite {
  close(): Promise<void>;
}

const PAGE = 1000;

export class SyncJournal {
  #ready: Promise<void> | undefined;

  constructor(
    private readonly client: Meilisearch,
    private readonly uid: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Entries left open by syncs that stopped mid-write. */
  async openEntries(): Promise<JournalEntry[]> {
    const documents = await this.#all();
    return documents.filter((document): document is JournalEntry => !isFailure(document));
  }

  /** Files that failed to parse, by resource id. */
  async failures(): Promise<Map<string, RememberedFailure>> {
    const documents = await this.#all();
    return new Map(
      documents
        .filter(isFailure)
        .map(({ id: _, kind: __, ...failure }) => [failure.resourceId, failure]),
    );
  }

  /** Remembers these failures (replacing older ones of the same files) and forgets those. */
  async rememberFailures(failed: RememberedFailure[], forget: string[]): Promise<void> {
    if (failed.length === 0 && forget.length === 0) return;
    await this.#ensure();
    const index = this.client.index(this.uid);
    if (forget.length > 0) {
      await settle(index.deleteDocuments(forget.map(failureId)), 'journal : échecs résolus');
    }
    if (failed.length > 0) {
      const documents: FailureDocument[] = failed.map((failure) => ({
        ...failure,
        id: failureId(failure.resourceId),
        kind: 'failure',
      }));
      await settle(index.addDocuments(documents), 'journal : fichiers en échec');
    }
  }

  /** Commits an entry naming these resources, before anything of theirs is written. */
  async open(resources: JournalResource[]): Promise<OpenWrite> {
    await this.#ensure();
    const entry: JournalEntry = {
      id: randomUUID(),
      resources,
      startedAt: this.now().toISOString(),
    };
    const index = this.client.index<JournalEntry>(this.uid);
    await settle(index.addDocuments([entry]), 'journal : début des écritures');
    return {
      close: async () => {
        await settle(index.deleteDocument(entry.id), 'journal : fin des écritures');
      },
    };
  }

  /**
   * Closes what a sync re-checked: an entry whose resources were all re-checked goes,
   * one with some left (files outside this sync) keeps only those.
   */
  async resolve(entries: JournalEntry[], rechecked: ReadonlySet<string>): Promise<void> {
    const index = this.client.index<JournalEntry>(this.uid);
    for (const entry of entries) {
      const left = entry.resources.filter((resource) => !rechecked.has(resource.id));
      if (left.length === entry.resources.length) continue;
      await settle(
        left.length === 0
          ? index.deleteDocument(entry.id)
          : index.addDocuments([{ ...entry, resources: left }]),
        'journal : reprise terminée',
      );
    }
  }

  /** Forgets every entry (the indexes were rebuilt from the files). */
  async clear(): Promise<void> {
    await this.#ensure();
    await settle(this.client.index(this.uid).deleteAllDocuments(), 'journal : remise à zéro');
  }

  async #all(): Promise<(JournalEntry | FailureDocument)[]> {
    await this.#ensure();
    const documents: (JournalEntry | FailureDocument)[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.client
        .index<JournalEntry | FailureDocument>(this.uid)
        .getDocuments<JournalEntry | FailureDocument>({ limit: PAGE, offset });
      documents.push(...page.results);
      if (page.results.length < PAGE) return documents;
    }
  }

  #ensure(): Promise<void> {
    this.#ready ??= ensureIndex(this.client, this.uid, 'id');
    return this.#ready;
  }
}

function isFailure(document: JournalEntry | FailureDocument): document is FailureDocument {
  return 'kind' in document && document.kind === 'failure';
}

/** A failure's document id: resource ids may hold characters Meilisearch ids refuse. */
function failureId(resourceId: string): string {
  return `failure-${createHash('sha256').update(resourceId).digest('hex').slice(0, 32)}`;
}
