import type { RequestHandler } from 'express';
import type { ContentSync, IndexingProgress } from '../health/content-sync.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The first indexing since start, while it runs: every page shows its notice. */
      indexing?: IndexingProgress;
    }
  }
}

/** Tells the pages how far the first indexing is (`res.locals.indexing`), while it runs. */
export function indexingLocals(contentSync: Pick<ContentSync, 'progress'>): RequestHandler {
  return (_req, res, next) => {
    const progress = contentSync.progress();
    if (progress !== undefined) res.locals.indexing = progress;
    next();
  };
}
