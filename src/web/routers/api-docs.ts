import { Router } from 'express';
import { h } from 'preact';
import { openApiDocumentOnDemand } from '../../api-docs/document-on-demand.ts';
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
  let reference: ReturnType<typeof buildApiReference> | undefined;
  router.get('/api/docs', async (req, res) => {
    // Read as it is served: the JSON, not the generator's wider types.
    reference ??= buildApiReference(
      JSON.parse(
        JSON.stringify(await openApiDocumentOnDemand(deps.taxonomy, deps.publicUrl)),
      ) as OpenApiDocument,
    );
    sendPage(res, h(ApiDocsPage, { context: pageContext(deps, req), reference }));
  });
  return router;
}
