import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

/**
 * Bounds how many requests one client may send per minute to a route, so that a runaway
 * script (or search-as-you-type gone wild) cannot starve the search engine for everyone.
 * Each limiter keeps its own counts: every route has its own budget. Clients are told
 * apart by `req.ip`, which follows the `trust proxy` setting (TRUST_PROXY).
 */

export interface RateLimitOptions {
  /** Requests one client may send per minute. */
  perMinute: number;
  /** Answers a client past its budget; the status is already 429. */
  onLimit: (req: Request, res: Response) => void;
}

export const rateLimitMessage = 'Trop de requêtes en une minute. Réessayez dans quelques instants.';

/** A per-client limit on a route, with the standard RateLimit headers and Retry-After. */
export function clientRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    statusCode: 429,
    handler: (req, res) => {
      res.status(429);
      options.onLimit(req, res);
    },
  });
}

/** The API's limit: 429 in the API's error shape. */
export function apiRateLimit(perMinute: number): RequestHandler {
  return clientRateLimit({
    perMinute,
    onLimit: (_req, res) => {
      res.json({ error: { code: 'rate_limited', message: rateLimitMessage } });
    },
  });
}
