import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { analyticsReportSchema } from '../analytics/analytics-response.ts';
import {
  analyticsQuerySchema,
  eventInputSchema,
  handledInputSchema,
  handledQuerySchema,
} from '../analytics/router.ts';
import { coordinatorSchema } from '../auth/api-router.ts';
import {
  defiDetailSchema,
  defiIdSchema,
  defiListQuerySchema,
  defiListSchema,
  personDetailSchema,
  personListQuerySchema,
  personListSchema,
  personSlugSchema,
} from '../community/community-response.ts';
import type { Taxonomy } from '../content/topics.ts';
import { reviewQueueSchema } from '../freshness/review-queue-response.ts';
import { healthOkSchema, notReadySchema } from '../health/health-response.ts';
import { errorResponseSchemas, type ErrorStatus } from '../http/http-error.ts';
import { resourceIdSchema } from '../resources/router.ts';
import { resourceDetailSchema, resourceListSchema } from '../resources/resource-response.ts';
import {
  auditQuerySchema,
  auditSchema,
  historySchema,
  multipartSchema,
  publishedResourceSchema,
  restoreSchema,
  retiredResourceSchema,
  submissionSchema,
} from '../publishing/publishing-schemas.ts';
import {
  parcoursInputSchema,
  retiredParcoursSchema,
  savedParcoursSchema,
} from '../publishing/parcours-write-schemas.ts';
import { searchQuerySchema } from '../search/search-query.ts';
import { searchResultSchema } from '../search/search-response.ts';
import {
  parcoursDetailSchema,
  parcoursListSchema,
  parcoursSlugSchema,
} from '../parcours/parcours-response.ts';
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
  403: 'Refusé : pas coordinateur, guide livré avec Repères, ou jeton anti-falsification (CSRF) absent (le message dit pourquoi)',
  404: 'Ressource ou fichier absent',
  405: 'Méthode non acceptée (l’en-tête `Allow` donne celles qui le sont)',
  409: 'Le fichier a changé depuis son indexation, ou dépasse MAX_FILE_BYTES : il n’est pas servi ; ou l’identifiant (slug) est déjà pris',
  412: 'La ressource a changé : If-Match ne correspond plus à sa version',
  413: 'Requête ou fichier trop volumineux (MAX_FILE_BYTES)',
  415: 'Ni un PDF ni du Markdown en UTF-8',
  422: 'Fichier refusé par les analyseurs d’ingestion, ou parcours invalide (le message donne la raison et l’étape)',
  428: 'En-tête If-Match manquant',
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
    request: { query: searchQuery.omit({ group: true, sort: true }) },
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
  registry.registerPath({
    method: 'get',
    path: '/api/parcours',
    summary: 'Les parcours de lecture, avec leur public et leur temps de lecture',
    responses: { 200: json(parcoursListSchema, 'Les parcours'), ...apiErrors(503) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/parcours/{slug}',
    summary: 'Un parcours et ses étapes dans l’ordre, chacune avec sa ressource et sa note',
    request: { params: parcoursSlugSchema },
    responses: {
      200: json(parcoursDetailSchema, 'Le parcours'),
      ...apiErrors(400, 404, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/defis',
    summary:
      'Les défis passés du programme : administration, promotion, compétences, équipe (filtres : administration, compétence, promotion)',
    request: { query: defiListQuerySchema },
    responses: { 200: json(defiListSchema, 'Les défis'), ...apiErrors(400, 503) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/defis/{id}',
    summary:
      'Un défi : administration, équipe, code source, chiffres clés, réalisations, défis proches et documents',
    request: { params: defiIdSchema },
    responses: { 200: json(defiDetailSchema, 'Le défi'), ...apiErrors(400, 404, 503) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/personnes',
    summary:
      'La communauté : EIG, mentors et équipe du programme (filtres : profil, promotion, compétence)',
    request: { query: personListQuerySchema },
    responses: { 200: json(personListSchema, 'Les personnes'), ...apiErrors(400, 503) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/personnes/{slug}',
    summary: 'Une personne : profil, promotions, défis et liens professionnels publics',
    request: { params: personSlugSchema },
    responses: { 200: json(personDetailSchema, 'La personne'), ...apiErrors(400, 404, 503) },
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
  registerWrites(registry, taxonomy);
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

/** The coordinators' write API (authenticated: a session cookie or `Authorization: Bearer`). */
function registerWrites(registry: OpenAPIRegistry, taxonomy: Taxonomy): void {
  const ifMatch = z.object({
    'If-Match': z.string().meta({
      description:
        'La version modifiée : l’ETag de `GET /api/resources/{id}` ou de la dernière écriture (SHA-256 du fichier, et de son fichier de métadonnées pour un PDF)',
      example: '"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
    }),
  });
  const multipart = (description: string) => ({
    description,
    content: { 'multipart/form-data': { schema: multipartSchema(taxonomy) } },
  });
  const published = (description: string) => ({
    ...json(publishedResourceSchema, description),
    headers: { ETag: { description: 'La nouvelle version', schema: { type: 'string' as const } } },
  });
  const writeErrors = (...statuses: ErrorStatus[]) => apiErrors(400, 401, 403, ...statuses, 503);
  registry.registerPath({
    method: 'post',
    path: '/api/resources',
    summary: 'Publier une ressource (PDF, ou Markdown en fichier ou en texte)',
    description:
      'Le nom du fichier est tiré du titre, jamais de l’envoi. Le fichier est analysé avant d’être écrit ; un commit par publication, dont l’auteur est la personne connectée. Au retour, la ressource est trouvée par la recherche.',
    request: { body: multipart('Le fichier (ou `markdown`) et ses métadonnées') },
    responses: {
      201: published('La ressource publiée'),
      ...writeErrors(413, 415, 422),
    },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/resources/{id}',
    summary: 'Modifier les métadonnées d’une ressource publiée et/ou remplacer son fichier',
    request: {
      params: resourceIdSchema,
      headers: ifMatch,
      body: {
        description: 'Les champs modifiés, et un fichier pour le remplacer',
        content: {
          'multipart/form-data': { schema: multipartSchema(taxonomy) },
          'application/json': { schema: submissionSchema(taxonomy) },
        },
      },
    },
    responses: {
      200: published('La ressource modifiée'),
      ...writeErrors(404, 412, 413, 415, 422, 428),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/resources/{id}',
    summary: 'Retirer une ressource publiée (un commit ; son historique la garde)',
    request: { params: resourceIdSchema, headers: ifMatch.partial() },
    responses: {
      200: json(retiredResourceSchema, 'La ressource est retirée'),
      ...writeErrors(404, 412),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/review-queue',
    summary: 'La file « À revoir » : ressources à relire et liens cassés, les plus urgents d’abord',
    responses: { 200: json(reviewQueueSchema, 'La file'), ...writeErrors() },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources/{id}/history',
    summary: 'L’historique d’une ressource publiée : commit, auteur, date, message',
    request: { params: resourceIdSchema },
    responses: { 200: json(historySchema, 'Du plus récent au plus ancien'), ...writeErrors(404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/resources/{id}/restore',
    summary: 'Restaurer une version de l’historique (un nouveau commit)',
    request: {
      params: resourceIdSchema,
      body: {
        description: 'La version',
        content: { 'application/json': { schema: restoreSchema } },
      },
    },
    responses: { 200: published('La ressource restaurée'), ...writeErrors(404, 422) },
  });
  const savedParcours = (description: string) => ({
    ...json(savedParcoursSchema, description),
    headers: { ETag: { description: 'La nouvelle version', schema: { type: 'string' as const } } },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/parcours/{slug}',
    summary: 'Créer un parcours, ou le remplacer (If-Match)',
    description:
      'Stocké en `parcours/<slug>.yml` dans le dépôt des contenus publiés, un commit dont l’auteur est la personne connectée. Validé comme à l’ingestion : un titre, des ressources et ancres connues, pas d’étape en double ; sinon 422 `invalid_parcours`, le message nomme l’étape, et rien n’est écrit. Les parcours livrés avec Repères sont en lecture seule (403).',
    request: {
      params: parcoursSlugSchema,
      headers: ifMatch.partial(),
      body: {
        description: 'Le parcours, en JSON ou en YAML (mêmes champs que le fichier)',
        content: {
          'application/json': { schema: parcoursInputSchema },
          'application/yaml': { schema: parcoursInputSchema },
        },
      },
    },
    responses: {
      200: savedParcours('Le parcours modifié'),
      201: savedParcours('Le parcours créé'),
      ...writeErrors(404, 409, 412, 422, 428),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/parcours/{slug}',
    summary: 'Retirer un parcours (un commit ; son historique le garde)',
    request: { params: parcoursSlugSchema, headers: ifMatch.partial() },
    responses: {
      200: json(retiredParcoursSchema, 'Le parcours est retiré'),
      ...writeErrors(404, 412),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/audit',
    summary: 'Qui a fait quoi : le journal des commits du dépôt des contenus publiés, par pages',
    request: { query: auditQuerySchema },
    responses: { 200: json(auditSchema, 'Une page du journal'), ...apiErrors(400, 401, 403) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/events',
    summary:
      'Signaler un clic sur un résultat, ou la réponse à « Cette page vous a-t-elle été utile ? » (envoyés par navigator.sendBeacon)',
    description:
      'Anonyme : ni cookie ni adresse IP ni navigateur conservés ; la recherche est désignée par son `queryId` aléatoire, l’avis par la page et la réponse (`oui` ou `non`). Corps en `application/json` ou `text/plain` (JSON). Sans JavaScript, les liens des résultats passent par `GET /aller`, qui enregistre le clic puis redirige (303) vers le résultat, seulement vers une adresse de ce site ; le formulaire d’avis est envoyé à `POST /avis`, qui redirige (303) vers la page.',
    request: {
      body: {
        description: 'Le clic (`type: click`) ou l’avis (`type: feedback`)',
        content: {
          'application/json': { schema: eventInputSchema },
          'text/plain': { schema: eventInputSchema },
        },
      },
    },
    responses: { 204: { description: 'Enregistré' }, ...apiErrors(400, 413) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/analytics',
    summary:
      'Ce que l’on cherche et ne trouve pas : requêtes fréquentes, sans résultat, sans clic, taux de clic, filtres, recherches par jour',
    description:
      'Calculé à la demande depuis les journaux de recherches et de clics de cette instance (DATA_DIR/analytics). Les requêtes sont regroupées après normalisation (casse, accents, « s » final).',
    security: [{ bearerAuth: [] }],
    request: { query: analyticsQuerySchema },
    responses: {
      200: json(analyticsReportSchema, 'Le rapport de la période'),
      ...apiErrors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/analytics/traitees',
    summary: 'Marquer une requête sans résultat comme traitée (ou retirer la marque)',
    security: [{ bearerAuth: [] }],
    request: {
      body: {
        description: 'La requête',
        content: { 'application/json': { schema: handledInputSchema } },
      },
    },
    responses: {
      200: json(handledQuerySchema, 'La marque enregistrée'),
      ...apiErrors(400, 401, 403),
    },
  });
}
