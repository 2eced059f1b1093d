import { Router } from 'express';
import { h } from 'preact';
import { NotFoundError } from '../../errors.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { ParcoursListPage } from '../pages/parcours-list.tsx';
import { ParcoursPage } from '../pages/parcours.tsx';
import { readSteps } from '../parcours/progress.ts';
import type { ParcoursCatalogue } from '../parcours/view.ts';
import { sendPage } from '../render.ts';

export interface ParcoursPagesDeps extends PageConfigDeps {
  parcours: ParcoursCatalogue;
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** GET /parcours (the list) and GET /parcours/:slug (one parcours, with `?lu=` progress). */
export function parcoursPagesRouter(deps: ParcoursPagesDeps): Router {
  const router = Router();

  router.get('/parcours', async (req, res) => {
    const parcours = await deps.parcours.list();
    sendPage(res, h(ParcoursListPage, { context: pageContext(deps, req), parcours }));
  });

  router.get('/parcours/:slug', async (req, res) => {
    const slug = req.params.slug;
    const parcours = slugPattern.test(slug) ? await deps.parcours.get(slug) : undefined;
    if (parcours === undefined)
      throw new NotFoundError(`Aucun parcours ne porte l’identifiant « ${slug} ».`);
    const read = readSteps(req.query['lu'], parcours.steps.length);
    sendPage(res, h(ParcoursPage, { context: pageContext(deps, req), parcours, read }));
  });

  return router;
}
