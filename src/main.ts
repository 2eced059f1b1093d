import { loadReviewPolicy } from './freshness/review-policy.ts';
import type { Server } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IngestLockTimeoutError } from '../ingest/ingest-lock.ts';
import type { ParsePool } from '../ingest/parse-pool.ts';
import { syncContent } from '../ingest/pipeline.ts';
import { createPublishHooks } from '../ingest/publish-hooks.ts';
import { discoverFiles } from '../ingest/sources.ts';
import { createConfiguredParsePool, createPipelineDeps } from '../ingest/pipeline-deps.ts';
import { createAnalytics, schedulePruning } from './analytics/analytics.ts';
import { createSearchLog } from './analytics/search-log.ts';
import { fileApiTokens } from './auth/api-tokens.ts';
import { createAuth } from './auth/auth.ts';
import { loadAllowList } from './auth/coordinators.ts';
import { createLocalSignIn, localSignInAllowed } from './auth/local-sign-in.ts';
import { oidcSignIn } from './auth/oidc-sign-in.ts';
import { loadSessionSecret } from './auth/session-secret.ts';
import { toCliFailure } from './cli/cli-failure.ts';
import { checkServiceConfig, loadConfig, type Config } from './config.ts';
import { contentRoots, publishRootKey, withPublishRoot } from './content/roots.ts';
import { connectEngine, type EngineHandle } from './engine/connect-engine.ts';
import { createMeiliClient } from './engine/meili-client.ts';
import { deriveSearchKey, ensureSearchKey } from './engine/search-key.ts';
import { isEngineUnreachable } from './errors.ts';
import { trackContentSync } from './health/content-sync.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { createLogger } from './logger.ts';
import { prepareDataDir } from './data-dir.ts';
import { ContentStore } from './publishing/content-store.ts';
import { ParcoursPublisher } from './publishing/parcours-publisher.ts';
import { Publisher } from './publishing/publisher.ts';
import { findResource, indexLookup } from './index-lookup/index-lookup.ts';

/** The one wiring place: config → engine → clients → app → listen. */

let config: Config;
try {
  config = loadConfig(process.env);
  checkServiceConfig(config);
} catch (error) {
  const failure = toCliFailure(error, "Le service n'a pas démarré");
  console.error(failure.message);
  process.exit(failure.exitCode);
}

const logger = createLogger(config.logLevel);
// The web app's modules (most of the start-up's CPU) load while the engine starts and the
// first sync runs; awaited just before the app is built.
const appModule = import('./app.ts');
appModule.catch(() => undefined);
let engine: EngineHandle | undefined;
let parsePool: ParsePool | undefined;
let syncing: Promise<void> | undefined;
/** Written through open streams: closed last, so that no line is lost. */
let analyticsLogs: { close(): Promise<void> }[] = [];
const stopSync = new AbortController();
let server: Server | undefined;
let shuttingDown = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  const force = setTimeout(() => server?.closeAllConnections(), 10_000);
  force.unref();
  if (server !== undefined) {
    const closing = server;
    // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
    await new Promise<void>((resolve) => {
      closing.close(() => resolve());
      closing.closeIdleConnections();
    });
  }
  // A sync under way stops between two files and releases the ingestion lock.
  stopSync.abort();
  await syncing?.catch(() => undefined);
  await parsePool?.close();
  await engine?.stop();
  await Promise.all(analyticsLogs.map((log) => log.close()));
  logger.flush();
  process.exit(exitCode);
}

process.once('SIGINT', () => void shutdown('SIGINT', 0));
process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  void shutdown('crash', 1);
});
process.on('unhandledRejection', (error) => {
  logger.fatal({ err: error }, 'unhandled rejection');
  void shutdown('crash', 1);
});

try {
  // What coordinators publish is one more content folder.
  const roots = withPublishRoot(contentRoots(config.contentDirs), config.publishDir);
  await prepareDataDir(config.dataDir);
  const localSignIn = localSignInAllowed(config) ? createLocalSignIn() : undefined;
  const auth = createAuth({
    config,
    secret: await loadSessionSecret({
      sessionSecret: config.auth.sessionSecret,
      dataDir: config.dataDir,
    }),
    allowList: await loadAllowList(config.auth),
    tokens: fileApiTokens(config.auth.tokensFile),
    ...(config.auth.oidc === undefined ? {} : { oidc: oidcSignIn(config.auth.oidc) }),
    ...(localSignIn === undefined ? {} : { localSignIn }),
  });
  if (config.auth.oidc !== undefined && auth.deps.allowList.size === 0)
    logger.warn('OIDC is configured but COORDINATORS is empty: nobody can publish');
  engine = await connectEngine(config, logger, { supervise: true });
  // The master key stays with ingestion; the app reads with a search-only key.
  const meili = createMeiliClient({ url: engine.url, apiKey: engine.apiKey });
  const searchMeili =
    engine.apiKey === undefined
      ? meili
      : createMeiliClient({
          url: engine.url,
          apiKey: deriveSearchKey(engine.apiKey, config.indexPrefix),
        });
  parsePool = createConfiguredParsePool(config);
  const pipelineDeps = await createPipelineDeps(config, meili, logger, parsePool);
  const { indexes } = pipelineDeps;
  // Opened (and repaired) before the first sync, so that it indexes a whole version.
  const { store } = await ContentStore.open({
    dir: config.publishDir,
    rootKey: publishRootKey,
    logger,
  });
  // /readyz says ready once the index holds what the folders hold, not as soon as it exists.
  const contentSync = trackContentSync({
    countFiles: async () =>
      (await Promise.all(roots.map((root) => discoverFiles(root)))).flat().length,
    countIndexed: async () => (await meili.index(indexes.resources).getStats()).numberOfDocuments,
  });

  // Brings the index up to date with the content folders; while Meilisearch cannot be
  // reached, keeps trying in the background (/readyz says 503 meanwhile).
  const synchronise = async (): Promise<void> => {
    for (let attempt = 1; !shuttingDown; attempt++) {
      try {
        if (engine?.apiKey !== undefined) await ensureSearchKey(meili, config.indexPrefix);
        const summary = await syncContent(pipelineDeps, {
          roots,
          signal: stopSync.signal,
          onProgress: (event) => {
            if (event.kind === 'start') contentSync.recordProgress(0, event.total);
            else if (event.kind === 'file') contentSync.recordProgress(event.done, event.total);
          },
        });
        logger.info(
          {
            seen: summary.seen,
            parsed: summary.parsed,
            unchanged: summary.unchanged,
            rechecked: summary.rechecked,
            removed: summary.removed,
            sections: summary.sectionsWritten,
            durationMs: summary.durationMs,
            uptimeMs: Math.round(process.uptime() * 1000),
          },
          'content synchronised',
        );
        for (const failure of summary.failed) logger.warn(failure, 'file not indexed');
        for (const warning of summary.warnings) logger.warn(warning, 'content warning');
        contentSync.markSynced();
        return;
      } catch (error) {
        if (stopSync.signal.aborted) return;
        if (error instanceof IngestLockTimeoutError) {
          // Another replica kept ingesting the same content: serve what it indexed.
          logger.warn({ lock: indexes.lock }, error.message);
          contentSync.markSynced();
          return;
        }
        if (!isEngineUnreachable(error)) throw error;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        logger.warn({ url: engine?.url, retryInMs: delay }, 'Meilisearch unreachable; will retry');
        await sleep(delay, undefined, { signal: stopSync.signal }).catch(() => undefined);
      }
    }
  };
  // Serve at once: the first sync runs behind the listening service, which answers from
  // what is indexed so far (the sync writes to the live indexes in batches), shows its
  // progress on every page and says 503 on /readyz until it ends.
  const firstSync = synchronise();
  syncing = firstSync;
  firstSync.catch((error: unknown) => {
    const failure = toCliFailure(error, "L'indexation des contenus n'a pas abouti");
    logger.fatal({ err: error }, failure.message);
    void shutdown('sync failed', failure.exitCode);
  });

  const searchLog = createSearchLog({
    dir: path.join(config.dataDir, 'analytics'),
    maxBytes: config.analyticsMaxBytes,
    logger,
  });
  const analytics = createAnalytics({
    dir: path.join(config.dataDir, 'analytics'),
    maxBytes: config.analyticsMaxBytes,
    logger,
  });
  analyticsLogs = [searchLog, analytics.clicks];
  schedulePruning({
    searchLog,
    analytics,
    now: () => new Date(),
    retentionMonths: config.analyticsRetentionMonths,
    logger,
  });
  const publishHooks = createPublishHooks(pipelineDeps, roots);
  const { createApp } = await appModule;
  const app = createApp({
    config,
    meili: searchMeili,
    indexes,
    taxonomy: pipelineDeps.taxonomy,
    promotions: pipelineDeps.promotions,
    reviewPolicy: await loadReviewPolicy(config.reviewPolicyFile),
    roots,
    searchLog,
    analytics,
    logger,
    contentSync,
    publishing: {
      store,
      publisher: new Publisher({
        store,
        hooks: publishHooks,
        isIndexed: async (id) =>
          (await findResource({ meili: searchMeili, indexes }, id)) !== undefined,
      }),
      parcoursPublisher: new ParcoursPublisher({
        store,
        hooks: publishHooks,
        lookup: indexLookup({ meili: searchMeili, indexes }),
        roots,
      }),
    },
    auth,
    // Markdown to HTML (unified, rehype) loads on the first preview: a third of the start-up's
    // module loading, for a page only coordinators open.
    markdownPreview: async (markdown) =>
      (await import('../ingest/markdown-preview.ts')).markdownPreview(markdown),
  });
  server = app.listen(config.port, config.host, (error?: Error) => {
    if (error !== undefined) {
      logger.fatal({ err: error }, 'cannot listen');
      void shutdown('listen failed', 1);
      return;
    }
    const address = server?.address();
    const port = address !== null && typeof address === 'object' ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    // Time since the process started, module loading included: the start-up profile.
    logger.info(
      { uptimeMs: Math.round(process.uptime() * 1000) },
      `Repères est prêt : http://${host}:${port}/`,
    );
    // No OIDC and reachable from this machine only: whoever reads this log runs the service.
    if (localSignIn !== undefined)
      logger.info(
        `Connexion de coordination locale (lien à usage unique) : ${localSignIn.issue(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`)}`,
      );
  });
  answerClientErrors(server, logger);
} catch (error) {
  const failure = toCliFailure(error, "Le service n'a pas démarré");
  if (failure.expected) console.error(failure.message);
  else logger.fatal({ err: error }, failure.message);
  await parsePool?.close();
  await engine?.stop();
  process.exit(failure.exitCode);
}
