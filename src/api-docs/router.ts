import { Router } from 'express';
import type { Taxonomy } from '../content/topics.ts';
import { buildOpenApiDocument } from './openapi.ts';

/** GET /api/openapi.json; its reference page, /api/docs, is a page of the site (src/web). */
export function apiDocsRouter(deps: {
  taxonomy: Taxonomy;
  publicUrl?: string | undefined;
}): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.taxonomy, deps.publicUrl);
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
