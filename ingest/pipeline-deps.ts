import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from '../src/config.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createParsePool, defaultParseTimeoutMs, type ParsePool } from './parse-pool.ts';
import type { PipelineDeps } from './pipeline.ts';

/** Everything the pipeline needs, read from the configured data files. */
export async function createPipelineDeps(
  config: Config,
  meili: Meilisearch,
  logger: Logger,
  parsePool: ParsePool,
): Promise<PipelineDeps> {
  return {
    meili,
    indexes: indexNames(config.indexPrefix),
    taxonomy: await loadTaxonomy(config.topicsFile),
    promotions: await loadPromotions(config.promotionsFile),
    limits: { maxFileBytes: config.maxFileBytes, pdfMaxPages: config.pdfMaxPages },
    parsePool,
    symlinks: config.followSymlinks,
    lock: { waitMs: config.ingestLockWaitMs },
    logger,
    ...(config.ocr.enabled
      ? {
          ocr: {
            pageTimeoutMs: config.ocr.pageTimeoutMs,
            maxPages: config.ocr.maxPages,
            // A cache of this instance: another replica that lacks it reads the pages again.
            cacheDir: path.join(config.dataDir, 'ocr-cache'),
          },
        }
      : {}),
  };
}

/** The parse pool sized from the configuration; the caller closes it. */
export function createConfiguredParsePool(config: Config): ParsePool {
  return createParsePool({
    ...(config.ingestPdfWorkers === undefined ? {} : { pdfWorkers: config.ingestPdfWorkers }),
    // A PDF's own time, plus the longest its OCR may take.
    pdfTimeoutMs:
      defaultParseTimeoutMs +
      (config.ocr.enabled ? config.ocr.maxPages * config.ocr.pageTimeoutMs : 0),
    ...(config.ingestWorkers === undefined ? {} : { workers: config.ingestWorkers }),
  });
}
