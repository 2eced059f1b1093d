import { Router } from 'express';
import { NotFoundError } from '../errors.ts';
import { parseQuery, parseRequest } from '../http/validate.ts';
import {
  defiIdSchema,
  defiListQuerySchema,
  personListQuerySchema,
  personSlugSchema,
  presentDefiDetail,
  presentDefiSummary,
  presentPersonDetail,
  presentPersonSummary,
  type DefiDetailResponse,
} from './community-response.ts';
import type { CommunityStore, Defi } from './community-store.ts';

/** Computes what a défi's detail adds beyond its data (related défis, its documents). */
export type DefiExtras = (defi: Defi) => Promise<Pick<DefiDetailResponse, 'related' | 'documents'>>;

/** GET /api/defis, /api/defis/:id, /api/personnes and /api/personnes/:slug. */
export function communityRouter(deps: {
  community: CommunityStore;
  defiExtras?: DefiExtras;
}): Router {
  const router = Router();
  router.get('/api/defis', async (req, res) => {
    const filter = parseQuery(defiListQuerySchema, req);
    const defis = await deps.community.listDefis(filter);
    res.json({ defis: defis.map(presentDefiSummary), total: defis.length });
  });
  router.get('/api/defis/:id', async (req, res) => {
    const { id } = parseRequest(defiIdSchema, req.params);
    const defi = await deps.community.getDefi(id);
    if (defi === undefined) throw new NotFoundError(`Aucun défi « ${id} ».`);
    const extras = deps.defiExtras === undefined ? {} : await deps.defiExtras(defi);
    res.json(presentDefiDetail(defi, extras));
  });
  router.get('/api/personnes', async (req, res) => {
    const filter = parseQuery(personListQuerySchema, req);
    const persons = await deps.community.listPersons(filter);
    res.json({ personnes: persons.map(presentPersonSummary), total: persons.length });
  });
  router.get('/api/personnes/:slug', async (req, res) => {
    const { slug } = parseRequest(personSlugSchema, req.params);
    const person = await deps.community.getPerson(slug);
    // Unknown, or removed at their request: the same answer, so that no one learns which.
    if (person === undefined) throw new NotFoundError(`Aucune personne « ${slug} ».`);
    res.json(presentPersonDetail(person));
  });
  return router;
}
