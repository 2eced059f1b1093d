import fs from 'node:fs/promises';
import path from 'node:path';
import { exitCodes } from '../src/cli/cli-failure.ts';
import { parseCommandLine, runCommand, UsageError } from '../src/cli/command.ts';
import { loadConfig } from '../src/config.ts';
import { contentRoots, withPublishRoot } from '../src/content/roots.ts';
import { connectEngine, type EngineHandle } from '../src/engine/connect-engine.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { prepareDataDir } from '../src/data-dir.ts';
import { createLogger } from '../src/logger.ts';
import type { ParsePool } from './parse-pool.ts';
import { syncContent } from './pipeline.ts';
import { createConfiguredParsePool, createPipelineDeps } from './pipeline-deps.ts';
import { checkParcours } from './check-parcours.ts';
import { createProgress, formatParcoursProblems, formatSummary } from './report.ts';

/**
 * `npm run ingest -- [paths…] [--prune] [--rebuild] [--strict]`
 * Exit codes: 0 what could be indexed is (bad files and parcours are listed), 1 some files
 * failed or some parcours do not load, and `--strict` was given (the others are indexed all the same), 2 usage or
 * configuration error, 3 the index could not be written, 4 another ingestion of the same
 * indexes kept the lock longer than INGEST_LOCK_WAIT_MS (or took it over), 130 interrupted
 * (see src/cli/cli-failure.ts).
 */

const usage = `Usage : npm run ingest -- [dossiers ou fichiers…] [--prune] [--rebuild] [--strict]

  dossiers…   dossiers de contenu à synchroniser (par défaut : CONTENT_DIRS et PUBLISH_DIR)
  fichiers…   fichiers à (ré)indexer un par un, sans rien retirer
  --prune     retire aussi les ressources des dossiers qui ne sont plus configurés
  --rebuild   reconstruit des index neufs puis les substitue d'un coup
  --strict    sort en code 1 si un fichier est en échec ou si un parcours ne se charge pas
              (sinon 0 : ils sont listés, tout le reste est indexé)
  --help      affiche cette aide`;

// Ctrl-C (the signal) stops between two files and releases the ingestion lock.
async function main(signal: AbortSignal): Promise<number> {
  const args = parseCommandLine(usage, {
    allowPositionals: true,
    options: {
      prune: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args === 'help') return 0;
  const config = loadConfig(process.env);
  const folders: string[] = [];
  const files: string[] = [];
  for (const given of args.positionals) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (stat === undefined) throw new UsageError(`« ${given} » n'existe pas.`, usage);
    (stat.isDirectory() ? folders : files).push(path.resolve(given));
  }
  if (folders.length > 0 && files.length > 0) {
    throw new UsageError(
      'Donnez soit des dossiers à synchroniser, soit des fichiers, pas les deux.',
      usage,
    );
  }
  if (files.length > 0 && (args.values.prune || args.values.rebuild)) {
    throw new UsageError(
      '--prune et --rebuild portent sur des dossiers, pas sur des fichiers.',
      usage,
    );
  }
  // By default the published content too (once the service has created it): a rebuild or
  // a prune of the configured folders must not take it out of the index.
  const publishDirExists = await fs.access(config.publishDir).then(
    () => true,
    () => false,
  );
  const roots =
    folders.length > 0
      ? contentRoots(folders)
      : publishDirExists
        ? withPublishRoot(contentRoots(config.contentDirs), config.publishDir)
        : contentRoots(config.contentDirs);

  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false);
  let engine: EngineHandle | undefined;
  let parsePool: ParsePool | undefined;
  const progress = createProgress(process.stderr);
  try {
    await prepareDataDir(config.dataDir);
    engine = await connectEngine(config, logger);
    const meili = createMeiliClient({ url: engine.url, apiKey: engine.apiKey, timeoutMs: 60_000 });
    parsePool = createConfiguredParsePool(config);
    const deps = await createPipelineDeps(config, meili, logger, parsePool);
    const summary = await syncContent(deps, {
      roots,
      files,
      prune: args.values.prune,
      rebuild: args.values.rebuild,
      onProgress: progress.onProgress,
      signal,
    });
    const parcoursProblems = await checkParcours(
      { meili, indexes: deps.indexes },
      roots,
      new Set(summary.failed.map((failure) => failure.path)),
    );
    progress.stop();
    console.log(formatSummary(summary));
    if (parcoursProblems.length > 0) console.log(formatParcoursProblems(parcoursProblems));
    if (summary.failed.length === 0 && parcoursProblems.length === 0) return 0;
    // A bad file must not keep a deployment from starting on everything else: it is
    // reported, and only --strict turns it into a failure.
    if (args.values.strict) return exitCodes.invalidContent;
    if (summary.failed.length > 0) {
      console.error(
        `Attention : ${summary.failed.length} fichier(s) en échec, non indexé(s) (liste ci-dessus) ; le reste est indexé. Avec --strict, l'ingestion sortirait en code 1.`,
      );
    }
    if (parcoursProblems.length > 0) {
      console.error(
        `Attention : ${parcoursProblems.length} parcours non chargé(s) par le site (liste ci-dessus) ; les autres le sont. Avec --strict, l'ingestion sortirait en code 1.`,
      );
    }
    return 0;
  } finally {
    progress.stop();
    await parsePool?.close();
    await engine?.stop();
  }
}

await runCommand(main, {
  interrupted:
    'Ingestion interrompue : ce qui a été écrit le reste, le verrou est libéré ; relancez-la pour finir.',
  failed: "L'ingestion n'a pas abouti",
});
