import { Router } from 'express';
import { NotFoundError } from '../errors.ts';
import { parseRequest } from '../http/validate.ts';
import {
  parcoursSlugSchema,
  presentParcoursDetail,
  presentParcoursSummary,
  type ParcoursListResponse,
} from './parcours-response.ts';
import type { ParcoursStore } from './parcours-store.ts';

/** GET /api/parcours and GET /api/parcours/:slug: the reading paths that load. */
export function parcoursRouter(deps: { parcours: ParcoursStore }): Router {
  const router = Router();
  router.get('/api/parcours', async (_req, res) => {
    const parcours = await deps.parcours.listParcours();
    res.json({ parcours: parcours.map(presentParcoursSummary) } satisfies ParcoursListResponse);
  });
  router.get('/api/parcours/:slug', async (req, res) => {
    const { slug } = parseRequest(parcoursSlugSchema, req.params);
    const parcours = await deps.parcours.getParcours(slug);
    if (parcours === undefined) throw new NotFoundError(`Aucun parcours « ${slug} ».`);
    res.json(presentParcoursDetail(parcours));
  });
  return router;
}
