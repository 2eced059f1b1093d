import path from 'node:path';
import { loadConfig } from '../config.ts';
import { prepareDataDir } from '../data-dir.ts';
import { connectEngine, type EngineHandle } from '../engine/connect-engine.ts';
import { indexNames } from '../engine/indexes.ts';
import { createMeiliClient } from '../engine/meili-client.ts';
import { brokenLinksFile } from '../freshness/broken-links.ts';
import { checkIndexedLinks, countFindings, type LinkCheckProgress } from '../links/check-links.ts';
import { formatLinkSummary } from '../links/format-summary.ts';
import { createLogger } from '../logger.ts';
import { exitCodes } from './cli-failure.ts';
import { parseCommandLine, runCommand } from './command.ts';
import { createProgressDisplay } from './progress-display.ts';

/**
 * `npm run check-links -- [--fresh]`: checks every external link of the indexed content
 * and hands the broken and moved ones to the review queue (DATA_DIR/link-check).
 * Exit codes: 0 no broken link (moved ones are listed), 1 some links are broken, 2 usage
 * or configuration error, 3 the index could not be read or written, 130 interrupted (see
 * cli-failure.ts).
 */

const usage = `Usage : npm run check-links -- [--fresh]

  --fresh     vérifie à nouveau toutes les adresses, sans reprendre le cache
  --help      affiche cette aide`;

// Ctrl-C (the signal) drops the requests in flight and keeps what was checked in the cache.
async function main(signal: AbortSignal): Promise<number> {
  const args = parseCommandLine(usage, {
    options: {
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args === 'help') return 0;
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false);
  let engine: EngineHandle | undefined;
  const progress = createProgress(process.stderr);
  try {
    await prepareDataDir(config.dataDir);
    engine = await connectEngine(config, logger);
    const meili = createMeiliClient({ url: engine.url, apiKey: engine.apiKey, timeoutMs: 60_000 });
    const summary = await checkIndexedLinks(
      {
        meili,
        indexes: indexNames(config.indexPrefix),
        brokenLinksFile: brokenLinksFile(config.dataDir),
        cacheFile: path.join(config.dataDir, 'link-check', 'cache.json'),
        ...config.linkCheck,
      },
      { fresh: args.values.fresh, onProgress: progress.onProgress, signal },
    );
    progress.stop();
    console.log(formatLinkSummary(summary));
    return countFindings(summary.findings).broken > 0 ? exitCodes.invalidContent : 0;
  } finally {
    progress.stop();
    await engine?.stop();
  }
}

/** A bar on a terminal; otherwise a line per tenth of the addresses. */
function createProgress(stream: NodeJS.WriteStream): {
  onProgress: (event: LinkCheckProgress) => void;
  stop: () => void;
} {
  const display = createProgressDisplay(stream, { name: 'Liens', unit: 'adresses' });
  return {
    onProgress: (event) => {
      if (event.kind === 'start')
        display.start(
          event.total,
          `Vérification de ${event.total} adresse(s) (${event.cached} reprise(s) du cache)…`,
        );
      else display.advance(event.done, event.total, event.url, `${event.done}/${event.total}`);
    },
    stop: () => display.stop(),
  };
}

await runCommand(main, {
  interrupted:
    'Vérification des liens interrompue : les adresses déjà vérifiées sont gardées en cache, la file « à revoir » est inchangée ; relancez-la pour finir.',
  failed: 'La vérification des liens n’a pas abouti',
});
