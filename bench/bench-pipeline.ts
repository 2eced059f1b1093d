import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import type { ParsePool } from '../ingest/parse-pool.ts';
import type { PipelineDeps } from '../ingest/pipeline.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { indexNames } from '../src/engine/indexes.ts';

/** The project's root, where the shipped taxonomy and promotions live. */
export const projectRoot = path.resolve(import.meta.dirname, '..');

/**
 * The pipeline's dependencies for a bench or an evaluation: the shipped taxonomy and
 * promotions, generous limits (real PDFs may be long), a silent logger.
 * @param meili a client with the master key
 * @param indexPrefix the indexes' prefix, of this run's own
 * @param parsePool the pool the caller created (and closes)
 */
export async function benchPipelineDeps(
  meili: Meilisearch,
  indexPrefix: string,
  parsePool: ParsePool,
): Promise<PipelineDeps> {
  return {
    meili,
    indexes: indexNames(indexPrefix),
    taxonomy: await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')),
    promotions: await loadPromotions(path.join(projectRoot, 'guides/promotions.yml')),
    limits: { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 1000 },
    logger: pino({ level: 'silent' }),
    parsePool,
  };
}
