import { Router } from 'express';
import { assetsRouter } from './assets.ts';
import { homeRouter } from './routers/home.ts';
import { legalPagesRouter } from './routers/legal.ts';
import { resourcePagesRouter } from './routers/resources.ts';
import { searchPageRouter, type SearchPageDeps } from './routers/search.ts';

/** The web UI: static assets, then the page routers of each area, server-rendered in French. */

export { sendErrorPage, webNotFound } from './error-pages.ts';

/** Everything the pages need together; each area's router takes only its part. */
export type WebDeps = SearchPageDeps;

export function webRouter(deps: WebDeps): Router {
  const router = Router();
  router.use(assetsRouter());
  router.use(homeRouter(deps));
  router.use(searchPageRouter(deps));
  router.use(resourcePagesRouter(deps));
  router.use(legalPagesRouter(deps));
  return router;
}
