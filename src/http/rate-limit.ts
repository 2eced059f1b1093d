import type { RequestHandler } from 'express';
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
    handler: (_req, _res, next) => {
      next(new RateLimitedError());
    },
  });
}
