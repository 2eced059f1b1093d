import { Router } from 'express';
import type { Taxonomy } from '../content/topics.ts';
import { openApiDocumentOnDemand } from './document-on-demand.ts';

/** GET /api/openapi.json; its reference page, /api/docs, is a page of the site (src/web). */
export function apiDocsRouter(deps: {
  taxonomy: Taxonomy;
  publicUrl?: string | undefined;
}): Router {
  const router = Router();
  router.get('/api/openapi.json', async (_req, res) => {
    res.json(await openApiDocumentOnDemand(deps.taxonomy, deps.publicUrl));
  });
  return router;
}
