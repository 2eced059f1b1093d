import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { coordinatorSchema } from '../auth/api-router.ts';
import type { Taxonomy } from '../content/topics.ts';
import { healthOkSchema, notReadySchema } from '../health/health-response.ts';
import { errorResponseSchemas, type ErrorStatus } from '../http/http-error.ts';
import { resourceIdSchema } from '../resources/router.ts';
import { resourceDetailSchema, resourceListSchema } from '../resources/resource-response.ts';
import { searchQuerySchema } from '../search/search-query.ts';
import { searchResultSchema } from '../search/search-response.ts';
import { topicListSchema } from '../topics/topics-response.ts';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate their
 * input with and type their output from: nothing of the contract is written here twice.
 */

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'Paramètre invalide (le message et `parameter` le nomment)',
  401: 'Identification requise : session ou jeton d’API (`Authorization: Bearer`) absent ou invalide',
  403: 'Refusé : pas coordinateur, ou jeton anti-falsification (CSRF) absent',
  404: 'Ressource ou fichier absent',
  405: 'Méthode non acceptée (l’en-tête `Allow` donne celles qui le sont)',
  409: 'Le fichier a changé depuis son indexation, ou dépasse MAX_FILE_BYTES : il n’est pas servi',
  413: 'Requête trop volumineuse',
  429: 'Trop de requêtes en une minute',
  500: 'Erreur interne (enregistrée)',
  503: 'Moteur de recherche indisponible',
};

/** The error responses an operation may give, each with the codes of its status. */
const errors = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      json(errorResponseSchemas[status], errorDescriptions[status]),
    ]),
  );

/** Every `/api` route is rate-limited and may fail. */
const apiErrors = (...statuses: ErrorStatus[]) => errors(...statuses, 429, 500);

export function buildOpenApiDocument(taxonomy: Taxonomy, serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  const searchQuery = searchQuerySchema(taxonomy);

  registry.registerPath({
    method: 'get',
    path: '/api/search',
    summary: 'Rechercher dans les sections des ressources',
    description:
      'Plusieurs valeurs d’un même filtre se combinent en OU (`topic=a&topic=b`), des filtres différents en ET. Un `q` vide parcourt les ressources, les plus récentes d’abord.',
    request: { query: searchQuery },
    responses: {
      200: json(searchResultSchema, 'Résultats, facettes et pagination'),
      ...apiErrors(400, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources',
    summary: 'Lister les ressources',
    request: { query: searchQuery.omit({ group: true }) },
    responses: {
      200: json(resourceListSchema, 'Une page de ressources'),
      ...apiErrors(400, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources/{id}',
    summary: 'Une ressource, ses sections et son contenu en HTML sûr',
    request: { params: resourceIdSchema },
    responses: {
      200: json(resourceDetailSchema, 'La ressource'),
      ...apiErrors(400, 404, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources/{id}/file',
    summary: "Le fichier d'origine (Markdown ou PDF), dans la version indexée",
    request: { params: resourceIdSchema },
    responses: {
      200: {
        description: 'Le fichier',
        content: {
          'application/pdf': { schema: z.string() },
          'text/markdown': { schema: z.string() },
        },
      },
      ...apiErrors(400, 404, 409, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/topics',
    summary: 'La taxonomie des thématiques, avec le nombre de ressources de chacune',
    responses: { 200: json(topicListSchema, 'Les thématiques'), ...apiErrors(503) },
  });
  // Writes take a script's token (`npm run token`) or a coordinator's session cookie
  // (with the `X-CSRF-Token` header).
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Jeton d’API créé par `npm run token -- create "Nom" adresse`',
  });
  registry.registerPath({
    method: 'get',
    path: '/api/session',
    summary: 'La personne (coordinateur ou coordinatrice) à qui appartiennent les identifiants',
    security: [{ bearerAuth: [] }],
    responses: {
      200: json(coordinatorSchema, 'Son nom et son adresse'),
      ...apiErrors(401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'Ce document',
    responses: {
      200: json(z.record(z.string(), z.unknown()), 'La description OpenAPI 3.1 de l’API'),
      ...apiErrors(),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Le processus est vivant',
    responses: { 200: json(healthOkSchema, 'Vivant'), ...errors(500) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Meilisearch répond et les index tiennent le contenu des dossiers',
    responses: {
      200: json(healthOkSchema, 'Prêt'),
      503: json(
        notReadySchema,
        'Pas prêt : moteur injoignable (`search_unavailable`), index absents (`index_missing`) ou pas encore synchronisés avec les dossiers de contenu (`index_syncing`)',
      ),
      ...errors(500),
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'API Repères',
      version: '1.0.0',
      description:
        'Recherche dans les guides, PDF et défis du programme Entrepreneurs d’intérêt général. Erreurs : `{ error: { code, message } }`, le code stable, le message en français.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    ...(serverUrl === undefined ? {} : { servers: [{ url: serverUrl }] }),
  });
}
