import { Router, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError } from '../errors.ts';

/**
 * Bounds how many requests one client may send per minute to a route, so that a runaway
 * script (or search-as-you-type gone wild) cannot starve the search engine for everyone.
 * Each limiter keeps its own counts: every route has its own budget. Clients are told
 * apart by `req.ip`, which follows the `trust proxy` setting (TRUST_PROXY). Past the
 * budget, the error middleware answers 429: JSON for programs, a page for people.
 */
export function clientRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A forged X-Forwarded-For is expected (and ignored unless TRUST_PROXY says otherwise):
    // no console error for it.
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) => {
      next(new RateLimitedError());
    },
  });
}

/** The budgets per minute and per client, from the settings. */
export interface RateLimitBudgets {
  /** Every `/api` route. */
  api: number;
  /** The results page, `/recherche`. */
  searchPage: number;
  /** The other pages that query the index: home, resource list, resource page. */
  pages: number;
}

/** The pages other than `/recherche` that query Meilisearch on every request. */
export const indexedPages = ['/', '/ressources', '/ressources/:id'];

/**
 * Every route that queries Meilisearch per request, each family with its own budget.
 * Static files, the legal pages and the probes are not limited: they cost nothing, and
 * orchestrators poll the probes.
 */
export function searchRateLimits(budgets: RateLimitBudgets): Router {
  const router = Router();
  router.use('/api', clientRateLimit(budgets.api));
  // The feedback form without JavaScript: the same budget as its beacon (`POST /api/events`).
  router.post('/avis', clientRateLimit(budgets.api));
  // A results page costs several searches, on every keystroke of search-as-you-type.
  router.use('/recherche', clientRateLimit(budgets.searchPage));
  router.get(indexedPages, clientRateLimit(budgets.pages));
  return router;
}
