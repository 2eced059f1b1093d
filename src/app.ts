import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { createAnalytics, type Analytics } from './analytics/analytics.ts';
import { analyticsRouter } from './analytics/router.ts';
import { readCountsFromClicks } from './analytics/read-counts.ts';
import type { SearchLog } from './analytics/search-log.ts';
import { apiDocsRouter } from './api-docs/router.ts';
import type { Auth } from './auth/auth.ts';
import { sessionApiRouter } from './auth/api-router.ts';
import { authRouter } from './web/routers/sign-in.ts';
import type { Config } from './config.ts';
import type { ContentRoot } from './content/roots.ts';
import type { Taxonomy } from './content/topics.ts';
import type { IndexNames } from './engine/indexes.ts';
import { brokenLinksFile, readBrokenLinks } from './freshness/broken-links.ts';
import type { ReviewPolicy } from './freshness/review-policy.ts';
import type { ReadCounts } from './freshness/review-queue.ts';
import { reviewQueueRouter } from './freshness/router.ts';
import { NotFoundError, UnauthenticatedError } from './errors.ts';
import type { ContentSync } from './health/content-sync.ts';
import { trackEngineReachability, type EngineReachability } from './health/engine-reachability.ts';
import { healthRouter } from './health/router.ts';
import { sendApiError, toPublicError } from './http/http-error.ts';
import { methodNotAllowed } from './http/method-not-allowed.ts';
import { searchRateLimits } from './http/rate-limit.ts';
import type { ContentStore } from './publishing/content-store.ts';
import type { Publisher } from './publishing/publisher.ts';
import { findResource, indexLookup } from './index-lookup/index-lookup.ts';
import { createParcoursStore, type ParcoursStore } from './parcours/parcours-store.ts';
import { createCommunityStore, type CommunityStore } from './community/community-store.ts';
import { createDefiExtras } from './community/defi-extras.ts';
import { communityRouter } from './community/router.ts';
import { parcoursRouter } from './parcours/router.ts';
import type { ParcoursPublisher } from './publishing/parcours-publisher.ts';
import { parcoursWriteRouter } from './publishing/parcours-router.ts';
import { publishingRouter } from './publishing/router.ts';
import { resourcesRouter } from './resources/router.ts';
import type { PromotionTable } from './content/promotions.ts';
import { configuredSearchCache, type SearchCache } from './search/result-cache.ts';
import { searchRouter } from './search/router.ts';
import { topicsRouter } from './topics/router.ts';
import { coordinationRouter } from './web/routers/coordination.ts';
import { coordinationParcoursRouter } from './web/routers/coordination-parcours.ts';
import { coordinationSearchesRouter } from './web/routers/coordination-searches.ts';
import { analyticsSource } from './web/analytics/analytics-source.ts';
import { apiDocsPageRouter } from './web/routers/api-docs.ts';
import { reviewPagesRouter } from './web/routers/coordination-review.ts';
import { sendErrorPage, webNotFound, webRouter } from './web/router.ts';
import { securityHeaders } from './web/security-headers.ts';
import { indexingLocals } from './web/indexing-locals.ts';

/** Everything the app needs from outside, built by `main` (or by a test). */
export interface AppDeps {
  config: Config;
  meili: Meilisearch;
  indexes: IndexNames;
  taxonomy: Taxonomy;
  /** Year → promotion label, for queries that name a promotion. */
  promotions?: PromotionTable;
  /** Content folders, to serve original files. */
  roots: ContentRoot[];
  searchLog: SearchLog;
  /** Search results kept until the indexes change; by default per SEARCH_CACHE_ENTRIES. */
  searchCache?: SearchCache;
  /** Clicks and "traité" marks; by default beside the search log in DATA_DIR/analytics. */
  analytics?: Analytics;
  logger: Logger;
  /** Review intervals per resource type (`guides/relecture.yml`). */
  reviewPolicy: ReviewPolicy;
  /** How often each resource is read, for the review queue's order; by default its result clicks. */
  readCounts?: ReadCounts;
  /** The current time; tests pass a fixed clock. */
  now?: () => Date;
  /** Whether the index holds the content folders yet (`/readyz`); absent: once it exists. */
  contentSync?: ContentSync;
  /** Logs engine outages once each; by default one that probes `meili`. */
  reachability?: EngineReachability;
  /** The published content and its writers; absent: no write API. */
  publishing?: { publisher: Publisher; store: ContentStore; parcoursPublisher?: ParcoursPublisher };
  /** Sign-in, sessions, tokens and CSRF; absent: no sign-in, and every write answers 401. */
  auth?: Auth;
  /** Markdown → sanitised HTML for the publish form's preview (the ingester's processor). */
  markdownPreview?: (markdown: string) => string | Promise<string>;
  /** Sets `res.locals.coordinator` or refuses; by default the one `auth` gives. */
  requireCoordinator?: RequestHandler;
  /** The parcours; by default read from the content folders and resolved against the index. */
  parcours?: ParcoursStore;
  /** Past défis and the community (programme data); by default read from the index. */
  community?: CommunityStore;
}

/** Builds the Express application. Does no I/O: listening is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? (() => new Date());
  // One cache for the API and the results page, so that either warms it for the other.
  const searchCache =
    deps.searchCache === undefined
      ? configuredSearchCache(deps)
      : { searchCache: deps.searchCache };
  const parcours =
    deps.parcours ?? createParcoursStore({ roots: deps.roots, lookup: indexLookup(deps) });
  const analytics =
    deps.analytics ??
    createAnalytics({
      dir: path.join(deps.config.dataDir, 'analytics'),
      maxBytes: deps.config.analyticsMaxBytes,
      logger: deps.logger,
    });
  // The review queue (API and page): stale resources, and the link check's broken links.
  const reviewQueueDeps = {
    policy: deps.reviewPolicy,
    now,
    reads: deps.readCounts ?? (() => readCountsFromClicks({ dir: analytics.dir, now: now() })),
    brokenLinks: () => readBrokenLinks(brokenLinksFile(deps.config.dataDir)),
  };
  const app = express();
  app.disable('x-powered-by');
  // Who may tell the client's address (X-Forwarded-For): rate limits count per address.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(securityHeaders({ https: deps.config.publicUrl?.startsWith('https:') ?? false }));

  const reachability =
    deps.reachability ??
    trackEngineReachability({
      logger: deps.logger,
      engine: deps.meili.config.host,
      probe: () => deps.meili.health(),
    });
  app.use(healthRouter({ ...deps, reachability }));
  if (deps.contentSync !== undefined) app.use(indexingLocals(deps.contentSync));
  app.use(
    searchRateLimits({
      api: deps.config.apiRateLimitPerMinute,
      searchPage: deps.config.searchPageRateLimitPerMinute,
      pages: deps.config.pagesRateLimitPerMinute,
    }),
  );
  // Who is signed in, and the anti-forgery check, before any route that acts on it.
  if (deps.auth !== undefined) {
    app.use(deps.auth.middleware);
    app.use(authRouter({ ...deps, auth: deps.auth }));
  }
  const requireCoordinator =
    deps.requireCoordinator ?? deps.auth?.requireCoordinator() ?? refuseEveryone;
  app.use(sessionApiRouter({ requireCoordinator }));
  app.use(searchRouter({ ...deps, parcours, now, ...searchCache }));
  app.use(analyticsRouter({ analytics, requireCoordinator, now }));
  if (deps.publishing !== undefined)
    app.use(
      publishingRouter({
        ...deps.publishing,
        taxonomy: deps.taxonomy,
        config: deps.config,
        requireCoordinator,
      }),
    );
  app.use(resourcesRouter({ ...deps, now }));
  app.use(reviewQueueRouter({ ...deps, ...reviewQueueDeps, requireCoordinator }));
  app.use(topicsRouter(deps));
  if (deps.publishing?.parcoursPublisher !== undefined)
    app.use(
      parcoursWriteRouter({
        parcoursPublisher: deps.publishing.parcoursPublisher,
        requireCoordinator,
      }),
    );
  app.use(parcoursRouter({ parcours }));
  app.use(
    communityRouter({
      community: deps.community ?? createCommunityStore(deps),
      defiExtras: createDefiExtras(deps),
    }),
  );
  app.use(apiDocsRouter({ taxonomy: deps.taxonomy, publicUrl: deps.config.publicUrl }));
  app.use(apiDocsPageRouter({ ...deps, publicUrl: deps.config.publicUrl }));
  app.use(webRouter({ ...deps, parcours, now, ...searchCache }));
  app.use(
    coordinationRouter({
      ...deps,
      requireCoordinator,
      ...(deps.publishing === undefined ? {} : { publishing: deps.publishing }),
      ...(deps.markdownPreview === undefined ? {} : { markdownPreview: deps.markdownPreview }),
    }),
  );
  app.use(
    coordinationSearchesRouter({
      ...deps,
      requireCoordinator,
      analytics: analyticsSource({ analytics, now }),
      canPublish: deps.publishing !== undefined,
      pageTitle: async (url) => {
        const id = /^\/ressources\/([^/?#]+)$/.exec(url)?.[1];
        // A path with a broken escape names no resource.
        const decoded = id === undefined ? undefined : safeDecode(id);
        return decoded === undefined ? undefined : (await findResource(deps, decoded))?.title;
      },
    }),
  );
  app.use(
    reviewPagesRouter({
      ...deps,
      ...reviewQueueDeps,
      requireCoordinator,
      ...(deps.publishing === undefined ? {} : { publishing: deps.publishing }),
    }),
  );
  if (deps.publishing?.parcoursPublisher !== undefined)
    app.use(
      coordinationParcoursRouter({
        ...deps,
        parcours,
        requireCoordinator,
        parcoursPublisher: deps.publishing.parcoursPublisher,
      }),
    );
  // Known address, other method (POST /api/search): 405 with `Allow`, not 404.
  app.use(methodNotAllowed(() => app.router));

  app.use('/api', () => {
    throw new NotFoundError("Cette adresse d'API n'existe pas.");
  });
  app.use(webNotFound(deps));

  const handleError: ErrorRequestHandler = (error, req, res, next) => {
    const publicError = toPublicError(error);
    // An outage fails every request the same way: said once, not with a stack each time.
    if (publicError.status === 503) reachability.failed(error);
    else if (publicError.status >= 500)
      deps.logger.error({ err: error, url: req.originalUrl }, 'request failed');
    // Too late for an answer: Express's own handler closes the connection.
    if (res.headersSent) {
      next(error);
      return;
    }
    // People get a page in the site's layout; programs (API, probes) keep JSON.
    if (!isMachinePath(req.path)) {
      sendErrorPage(deps, req, res, publicError);
      return;
    }
    sendApiError(res, publicError);
  };
  app.use(handleError);
  return app;
}

/** Without auth wired, nobody is a coordinator: writes are never open. */
const refuseEveryone = (): never => {
  throw new UnauthenticatedError();
};

function isMachinePath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz';
}

/** `decodeURIComponent`, or undefined for a malformed escape. */
function safeDecode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}
