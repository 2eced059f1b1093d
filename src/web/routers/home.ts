import { Router } from 'express';
import { h } from 'preact';
import type { Taxonomy } from '../../content/topics.ts';
import { listResources, type ResourceStoreDeps } from '../../resources/resource-store.ts';
import { searchQuerySchema } from '../../search/search-query.ts';
import { readingTypes } from '../listed-types.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { HomePage } from '../pages/home.tsx';
import type { ParcoursCatalogue } from '../parcours/view.ts';
import { sendPage } from '../render.ts';

/** GET /: the search bar, the parcours, the topics with their counts, the recent resources. */
export function homeRouter(
  deps: PageConfigDeps &
    ResourceStoreDeps & { taxonomy: Taxonomy; parcours: Pick<ParcoursCatalogue, 'list'> },
): Router {
  const router = Router();
  const listSchema = searchQuerySchema(deps.taxonomy).omit({ group: true });

  router.get('/', async (req, res) => {
    // The unfiltered list's topic counts are the tiles' counts: one round trip for both.
    const [recent, parcours] = await Promise.all([
      listResources(deps, { ...listSchema.parse({ limit: 6 }), type: readingTypes }),
      deps.parcours.list(),
    ]);
    sendPage(
      res,
      h(HomePage, {
        context: pageContext(deps, req),
        taxonomy: deps.taxonomy,
        topicCounts: recent.facets.topics,
        recent: recent.resources,
        parcours,
      }),
    );
  });

  return router;
}
