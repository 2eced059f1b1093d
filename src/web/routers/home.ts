import { Router } from 'express';
import { h } from 'preact';
import type { Taxonomy } from '../../content/topics.ts';
import { listResources, type ResourceStoreDeps } from '../../resources/resource-store.ts';
import { searchQuerySchema } from '../../search/search-query.ts';
import { readingTypes } from '../listed-types.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { HomePage } from '../pages/home.tsx';
import { audienceQuerySchema, audiencesOf, chooseAudience } from '../parcours/audience.ts';
import type { ParcoursCatalogue } from '../parcours/view.ts';
import { sendPage } from '../render.ts';

/** GET /?public=<audience>: the search bar, that audience's parcours, the topics with their counts, the recent resources. */
export function homeRouter(
  deps: PageConfigDeps &
    ResourceStoreDeps & {
      taxonomy: Taxonomy;
      parcours: Pick<ParcoursCatalogue, 'list'>;
      now: () => Date;
    },
): Router {
  const router = Router();
  const listSchema = searchQuerySchema(deps.taxonomy).omit({ group: true, sort: true });

  router.get('/', async (req, res) => {
    // The unfiltered list's topic counts are the tiles' counts: one round trip for both.
    const [recent, parcours] = await Promise.all([
      // The parcours have their own section above: not "added resources" as well.
      // Archived resources (a filled offer, an expired page) are not news.
      listResources(
        deps,
        {
          ...listSchema.parse({ limit: 6 }),
          type: readingTypes,
          exceptTypes: ['parcours'],
          currentOnly: true,
        },
        deps.now(),
      ),
      deps.parcours.list(),
    ]);
    const audiences = audiencesOf(parcours);
    const audience = chooseAudience(audiences, audienceQuerySchema.parse(req.query).public);
    sendPage(
      res,
      h(HomePage, {
        context: pageContext(deps, req),
        taxonomy: deps.taxonomy,
        topicCounts: recent.facets.topics,
        recent: recent.resources,
        parcours: parcours.filter((one) => one.audience === audience),
        audiences,
        ...(audience === undefined ? {} : { audience }),
      }),
    );
  });

  return router;
}
