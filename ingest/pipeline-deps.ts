import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from '../src/config.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { indexNames } from '../src/engine/indexes.ts';
import type { PipelineDeps } from './pipeline.ts';

/** Everything the pipeline needs, read from the configured data files. */
export async function createPipelineDeps(
  config: Config,
  meili: Meilisearch,
  logger: Logger,
): Promise<PipelineDeps> {
  return {
    meili,
    indexes: indexNames(config.indexPrefix),
    taxonomy: await loadTaxonomy(config.topicsFile),
    promotions: await loadPromotions(config.promotionsFile),
    limits: { maxFileBytes: config.maxFileBytes, pdfMaxPages: config.pdfMaxPages },
    logger,
  };
}
