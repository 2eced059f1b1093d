import { Router, type RequestHandler } from 'express';
import { h } from 'preact';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { CoordinationPage } from '../pages/coordination.tsx';
import { sendPage } from '../render.ts';

/** The coordinators' pages, behind `requireCoordinator` (others are sent to sign in, or refused). */
export function coordinationRouter(
  deps: PageConfigDeps & { requireCoordinator: RequestHandler },
): Router {
  const router = Router();
  router.get('/coordination', deps.requireCoordinator, (req, res) => {
    sendPage(res, h(CoordinationPage, { context: pageContext(deps, req) }));
  });
  return router;
}
