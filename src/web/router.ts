import type { Config } from '../config.ts';
import { Router } from 'express';
import { assetsRouter } from './assets.ts';
import { homeRouter } from './routers/home.ts';
import { legalPagesRouter } from './routers/legal.ts';
import { createCommunityStore, type CommunityStore } from '../community/community-store.ts';
import type { ContentRoot } from '../content/roots.ts';
import { indexLookup } from '../index-lookup/index-lookup.ts';
import { createParcoursStore, type ParcoursStore } from '../parcours/parcours-store.ts';
import { parcoursCatalogue } from './parcours/catalogue.ts';
import { communityPagesRouter } from './routers/community.ts';
import { parcoursPagesRouter } from './routers/parcours.ts';
import { resourcePagesRouter } from './routers/resources.ts';
import { searchPageRouter, type SearchPageDeps } from './routers/search.ts';

/** The web UI: static assets, then the page routers of each area, server-rendered in French. */

export { sendErrorPage, webNotFound } from './error-pages.ts';

/** Everything the pages need together; each area's router takes only its part. */
export type WebDeps = SearchPageDeps & {
  /** The layout's settings, and the retention the personal-data page states. */
  config: SearchPageDeps['config'] & Pick<Config, 'analyticsRetentionMonths'>;
  /** Content folders, where the parcours files are. */
  roots: readonly ContentRoot[];
  /** The parcours; by default read from the content folders' `parcours/`. */
  parcours?: ParcoursStore;
  /** Past défis and the community; by default read from the index. */
  community?: CommunityStore;
};

export function webRouter(deps: WebDeps): Router {
  const router = Router();
  const store =
    deps.parcours ?? createParcoursStore({ roots: deps.roots, lookup: indexLookup(deps) });
  const pageDeps = { ...deps, parcours: parcoursCatalogue(store) };
  router.use(assetsRouter());
  router.use(homeRouter(pageDeps));
  router.use(searchPageRouter({ ...deps, parcours: store }));
  router.use(resourcePagesRouter(pageDeps));
  router.use(parcoursPagesRouter(pageDeps));
  router.use(
    communityPagesRouter({ ...deps, community: deps.community ?? createCommunityStore(deps) }),
  );
  router.use(legalPagesRouter(deps));
  return router;
}
