import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { RateLimitedError } from '../errors.ts';

/**
 * Bounds how many API requests one client may send per minute, so that a runaway script
 * cannot starve the search engine for everyone. The error middleware answers the 429.
 */
export function apiRateLimit(perMinute: number): RequestHandler {
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
