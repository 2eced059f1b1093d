import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Taxonomy } from '../src/content/topics.ts';
import { applyIndexSettings, type IndexNames } from '../src/engine/indexes.ts';

export interface PipelineDeps {
  meili: Meilisearch;
  indexes: IndexNames;
  taxonomy: Taxonomy;
  logger: Logger;
}

/** Synchronises the content folders into the index. */
export async function syncContent(deps: PipelineDeps, _contentDirs: string[]): Promise<void> {
  await applyIndexSettings(deps.meili, deps.indexes, deps.taxonomy);
}
