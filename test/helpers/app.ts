import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { createAnalytics, type Analytics } from '../../src/analytics/analytics.ts';
import { createSearchLog, type SearchLog } from '../../src/analytics/search-log.ts';
import { createApp, type AppDeps } from '../../src/app.ts';
import { createAuth, type AuthDeps } from '../../src/auth/auth.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { loadReviewPolicy } from '../../src/freshness/review-policy.ts';
import { silentLogger, testConfig } from './meili.ts';
import { projectRoot } from './service.ts';

/** The app as `main` builds it, on a test's Meilisearch client, indexes and folders. */
export async function buildTestApp(options: {
  meili: Meilisearch;
  prefix: string;
  contentDirs?: string[];
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Silent unless a test reads the log. */
  logger?: Logger;
  /** More of the app's dependencies (the publishing store, the coordinator check). */
  deps?: Partial<AppDeps>;
  /** Sign-in and its dependencies (the config is the app's); absent: no sign-in. */
  auth?: Omit<AuthDeps, 'config'>;
}): Promise<{
  app: ReturnType<typeof createApp>;
  searchLog: SearchLog;
  analytics: Analytics;
  dataDir: string;
}> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-app-'));
  const config = testConfig({ DATA_DIR: dataDir, INDEX_PREFIX: options.prefix, ...options.env });
  const searchLog = createSearchLog({
    dir: path.join(dataDir, 'analytics'),
    maxBytes: config.analyticsMaxBytes,
    logger: silentLogger,
  });
  const analytics = createAnalytics({
    dir: path.join(dataDir, 'analytics'),
    maxBytes: config.analyticsMaxBytes,
    logger: silentLogger,
  });
  const app = createApp({
    config,
    meili: options.meili,
    indexes: indexNames(options.prefix),
    taxonomy: await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')),
    reviewPolicy: await loadReviewPolicy(path.join(projectRoot, 'guides/relecture.yml')),
    roots: contentRoots(options.contentDirs ?? []),
    searchLog,
    analytics,
    logger: options.logger ?? silentLogger,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...options.deps,
    ...(options.auth === undefined ? {} : { auth: createAuth({ config, ...options.auth }) }),
  });
  return { app, searchLog, analytics, dataDir };
}
