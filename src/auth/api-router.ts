import { Router, type RequestHandler } from 'express';
import { z } from 'zod';

/** `GET /api/session`: who the credentials belong to; lets a script check its token. */

export const coordinatorSchema = z
  .strictObject({
    name: z.string().meta({ description: 'Nom de la personne, auteur des publications' }),
    email: z.string().meta({ description: 'Son adresse, auteur des commits' }),
  })
  .meta({ id: 'Coordinator' });

export function sessionApiRouter(deps: { requireCoordinator: RequestHandler }): Router {
  const router = Router();
  router.get('/api/session', deps.requireCoordinator, (_req, res) => {
    const coordinator = res.locals.coordinator;
    res.setHeader('Cache-Control', 'no-store');
    res.json(coordinatorSchema.parse(coordinator));
  });
  return router;
}
