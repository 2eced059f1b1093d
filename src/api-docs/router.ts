import express, { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { Taxonomy } from '../content/topics.ts';
import { buildOpenApiDocument } from './openapi.ts';

const docsPage = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API Repères – documentation</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <main id="swagger-ui"></main>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file of its own: the CSP allows no inline script.
const initScript = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** GET /api/openapi.json and the interactive documentation at /api/docs (assets served locally). */
export function apiDocsRouter(deps: {
  taxonomy: Taxonomy;
  publicUrl?: string | undefined;
}): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.taxonomy, deps.publicUrl);
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(initScript);
  });
  router.use(
    '/api/docs/assets',
    express.static(getAbsoluteFSPath(), { maxAge: '7d', index: false }),
  );
  return router;
}
