import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';

/**
 * Bounds how many API requests one client may send per minute, so that a runaway script
 * cannot starve the search engine for everyone. Answers 429 in the API's error shape.
 */
export function apiRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({
        error: {
          code: 'rate_limited',
          message: 'Trop de requêtes en une minute. Réessayez dans quelques instants.',
        },
      });
    },
  });
}
