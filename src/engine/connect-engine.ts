import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedMeilisearch } from './embedded-meilisearch.ts';

/** Where Meilisearch is, and how to let go of it when the process ends. */
export interface EngineHandle {
  url: string;
  apiKey: string | undefined;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** Uses the Meilisearch at MEILI_URL, or starts the embedded one. */
export async function connectEngine(config: Config, logger: Logger): Promise<EngineHandle> {
  if (config.meiliUrl !== undefined) {
    logger.info({ url: config.meiliUrl }, 'using external Meilisearch');
    return {
      url: config.meiliUrl,
      apiKey: config.meiliMasterKey,
      embedded: false,
      stop: async () => {},
    };
  }
  const embedded = await startEmbeddedMeilisearch({
    dataDir: config.dataDir,
    binary: config.meiliBin,
    startTimeoutMs: config.meiliStartTimeoutMs,
    logger,
  });
  return { url: embedded.url, apiKey: embedded.masterKey, embedded: true, stop: embedded.stop };
}
