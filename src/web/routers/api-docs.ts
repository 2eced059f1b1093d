import { Router } from 'express';
import { h } from 'preact';
import { buildOpenApiDocument } from '../../api-docs/openapi.ts';
import { buildApiReference, type OpenApiDocument } from '../../api-docs/reference.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { ApiDocsPage } from '../pages/api-docs.tsx';
import { sendPage } from '../render.ts';

/**
 * /api/docs: the API reference rendered on the server from the OpenAPI document, in the
 * site's layout. Not Swagger UI: its page had no header nor way back, six axe violations
 * in its own CSS and markup, and needed a script to show anything.
 */
export function apiDocsPageRouter(
  deps: PageConfigDeps & { taxonomy: Taxonomy; publicUrl?: string | undefined },
): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.taxonomy, deps.publicUrl);
  // Read as it is served: the JSON, not the generator's wider types.
  const reference = buildApiReference(JSON.parse(JSON.stringify(document)) as OpenApiDocument);
  router.get('/api/docs', (req, res) => {
    sendPage(res, h(ApiDocsPage, { context: pageContext(deps, req), reference }));
  });
  return router;
}
