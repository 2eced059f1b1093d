import { Router } from 'express';
import { h } from 'preact';
import type { Taxonomy } from '../content/topics.ts';
import { pageContext, type PageConfigDeps } from '../web/page-context.ts';
import { ApiDocsPage } from '../web/pages/api-docs.tsx';
import { sendPage } from '../web/render.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { buildApiReference, type OpenApiDocument } from './reference.ts';

/**
 * GET /api/openapi.json, and /api/docs: the reference rendered on the server from the same
 * document, in the site's layout. Not Swagger UI: its page had no header nor way back, six
 * axe violations in its own CSS and markup, and needs a script to show anything.
 */
export function apiDocsRouter(
  deps: PageConfigDeps & { taxonomy: Taxonomy; publicUrl?: string | undefined },
): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.taxonomy, deps.publicUrl);
  // Read as it is served: the JSON, not the generator's wider types.
  const reference = buildApiReference(JSON.parse(JSON.stringify(document)) as OpenApiDocument);
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (req, res) => {
    sendPage(res, h(ApiDocsPage, { context: pageContext(deps, req), reference }));
  });
  return router;
}
