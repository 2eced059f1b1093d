import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { IndexNames } from './engine/indexes.ts';
import { toPublicError } from './errors.ts';
import { healthRouter } from './health/router.ts';

/** Everything the app needs from outside, built by `main` (or by a test). */
export interface AppDeps {
  config: Config;
  meili: Meilisearch;
  indexes: IndexNames;
  logger: Logger;
  /** The current time; tests pass a fixed clock. */
  now?: () => Date;
}

/** Builds the Express application. Does no I/O: listening is the caller's business. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(healthRouter(deps));

  app.use('/api', (_req, res) => {
    res
      .status(404)
      .json({ error: { code: 'not_found', message: "Cette adresse d'API n'existe pas." } });
  });

  const handleError: ErrorRequestHandler = (error, req, res, _next) => {
    const publicError = toPublicError(error);
    if (publicError.status >= 500)
      deps.logger.error({ err: error, url: req.originalUrl }, 'request failed');
    res
      .status(publicError.status)
      .json({ error: { code: publicError.code, message: publicError.message } });
  };
  app.use(handleError);
  return app;
}
