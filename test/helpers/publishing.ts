import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from 'express';
import git from 'isomorphic-git';
import type { Meilisearch } from 'meilisearch';
import { createPublishHooks } from '../../ingest/publish-hooks.ts';
import type { AppDeps, createApp } from '../../src/app.ts';
import { contentRoots, publishRootKey, withPublishRoot } from '../../src/content/roots.ts';
import { ContentStore } from '../../src/publishing/content-store.ts';
import { ParcoursPublisher } from '../../src/publishing/parcours-publisher.ts';
import { Publisher } from '../../src/publishing/publisher.ts';
import { findResource, indexLookup } from '../../src/index-lookup/index-lookup.ts';
import { buildTestApp } from './app.ts';
import { pipelineDeps } from './ingest.ts';
import { silentLogger } from './meili.ts';

/** The header the test harness reads the coordinator from: `Name <email>`. */
export const coordinatorHeader = 'X-Test-Coordinator';
export const alice = 'Alice Martin <alice.martin@beta.gouv.fr>';

/**
 * The app's `requireCoordinator` dependency for tests of the write API: the coordinator
 * comes from a header; no header, 401 (the auth package's middleware takes its place in
 * the service).
 */
export const headerCoordinator: RequestHandler = (req, res, next) => {
  const match = /^(.+) <(.+)>$/.exec(req.get(coordinatorHeader) ?? '');
  const [, name, email] = match ?? [];
  if (name !== undefined && email !== undefined) res.locals.coordinator = { name, email };
  next();
};

export interface PublishingFixture {
  app: ReturnType<typeof createApp>;
  store: ContentStore;
  /** The store's folder (named `contenu`, as PUBLISH_DIR by default). */
  dir: string;
}

/**
 * A fresh store in a temporary folder, indexed in the test's indexes with the other
 * content folders, and the app serving them with the write API.
 */
export async function publishingApp(options: {
  meili: Meilisearch;
  prefix: string;
  contentDirs?: string[];
  env?: NodeJS.ProcessEnv;
  requireCoordinator?: RequestHandler | null;
  maxFileBytes?: number;
  /** More of the app's dependencies (sign-in, the Markdown preview). */
  deps?: Partial<AppDeps>;
}): Promise<PublishingFixture> {
  const parent = await fsp.mkdtemp(path.join(os.tmpdir(), 'reperes-publish-'));
  const dir = path.join(parent, 'contenu');
  const roots = withPublishRoot(contentRoots(options.contentDirs ?? []), dir);
  const deps = await pipelineDeps(options.meili, options.prefix, {
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
  });
  const { store } = await ContentStore.open({ dir, rootKey: publishRootKey, logger: silentLogger });
  const hooks = createPublishHooks(deps, roots);
  const parcoursPublisher = new ParcoursPublisher({
    store,
    hooks,
    lookup: indexLookup({ meili: options.meili, indexes: deps.indexes }),
    roots,
  });
  const publisher = new Publisher({
    store,
    hooks,
    isIndexed: async (id) =>
      (await findResource({ meili: options.meili, indexes: deps.indexes }, id)) !== undefined,
  });
  const requireCoordinator =
    options.requireCoordinator === null
      ? undefined
      : (options.requireCoordinator ?? headerCoordinator);
  const { app } = await buildTestApp({
    meili: options.meili,
    prefix: options.prefix,
    contentDirs: roots.map((root) => root.path),
    env: {
      ...(options.maxFileBytes === undefined
        ? {}
        : { MAX_FILE_BYTES: String(options.maxFileBytes) }),
      ...options.env,
    },
    deps: {
      publishing: { store, publisher, parcoursPublisher },
      ...(requireCoordinator === undefined ? {} : { requireCoordinator }),
      ...options.deps,
    },
  });
  return { app, store, dir };
}

/** The store's last commit and whether its folder differs from it: what a refused write must not change. */
export async function storeState(
  dir: string,
): Promise<{ head: string; clean: boolean; files: string[] }> {
  const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  const matrix = await git.statusMatrix({ fs, dir });
  const clean = matrix.every(([, h, w, s]) => h === 1 && w === 1 && s === 1);
  const files = (await fsp.readdir(dir)).filter((name) => name !== '.git').sort();
  return { head, clean, files };
}
