import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedMeilisearch } from './embedded-meilisearch.ts';
import { superviseEmbeddedMeilisearch } from './engine-supervisor.ts';

/** Where Meilisearch is, and how to let go of it when the process ends. */
export interface EngineHandle {
  url: string;
  apiKey: string | undefined;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * Uses the Meilisearch at MEILI_URL, or starts the embedded one.
 * @param options `supervise`: restart the embedded engine whenever it stops (the service)
 */
export async function connectEngine(
  config: Config,
  logger: Logger,
  options: { supervise?: boolean } = {},
): Promise<EngineHandle> {
  if (config.meiliUrl !== undefined) {
    logger.info({ url: config.meiliUrl }, 'using external Meilisearch');
    return {
      url: config.meiliUrl,
      apiKey: config.meiliMasterKey,
      embedded: false,
      stop: async () => {},
    };
  }
  const embeddedOptions = {
    dataDir: config.dataDir,
    binary: config.meiliBin,
    startTimeoutMs: config.meiliStartTimeoutMs,
    maxIndexingMemory: config.meiliMaxIndexingMemory,
    logger,
  };
  if (options.supervise === true) {
    const supervised = await superviseEmbeddedMeilisearch(embeddedOptions);
    return {
      url: supervised.url,
      apiKey: supervised.masterKey,
      embedded: true,
      stop: supervised.stop,
    };
  }
  const embedded = await startEmbeddedMeilisearch(embeddedOptions);
  return {
    url: embedded.url,
    apiKey: embedded.masterKey,
    embedded: true,
    stop: embedded.stop,
  };
}
