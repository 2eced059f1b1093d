import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { resourceTypes, sourceFormats } from '../content/model.ts';
import type { Taxonomy } from '../content/topics.ts';
import { resourceIdSchema } from '../resources/router.ts';
import { searchQuerySchema } from '../search/search-query.ts';

extendZodWithOpenApi(z);

/** The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. */

const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Code stable, pour les programmes' }),
      message: z.string().meta({ description: 'Message en français, pour les personnes' }),
    }),
  })
  .openapi('Error');

const sourceSchema = z.object({ path: z.string(), format: z.enum(sourceFormats) });

const hitSchema = z
  .object({
    id: z.string(),
    resourceId: z.string(),
    title: z.string(),
    type: z.enum(resourceTypes),
    topics: z.array(z.string()),
    promotion: z.string().optional(),
    organisation: z.string().optional(),
    heading: z.string(),
    hierarchy: z.array(z.string()),
    anchor: z.string().optional(),
    page: z.number().int().optional(),
    url: z
      .string()
      .meta({ description: "Lien profond vers l'ancre de la section ou la page du PDF" }),
    snippet: z
      .string()
      .meta({ description: 'Texte échappé en HTML, avec <mark> autour des correspondances' }),
    source: sourceSchema,
    otherSections: z.number().int().optional(),
  })
  .openapi('SearchHit');

const countsSchema = z.record(z.string(), z.number().int());

const searchResultSchema = z
  .object({
    query: z.string(),
    hits: z.array(hitSchema),
    facets: z.object({ topics: countsSchema, type: countsSchema, promotion: countsSchema }),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
    group: z.enum(['document', 'section']),
    processingTimeMs: z.number(),
    ignoredWords: z.array(z.string()).optional(),
  })
  .openapi('SearchResult');

const resourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.enum(resourceTypes),
    topics: z.array(z.string()),
    promotion: z.string().optional(),
    organisation: z.string().optional(),
    summary: z.string().optional(),
    author: z.string().optional(),
    date: z.string().optional(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    source: sourceSchema.extend({ bytes: z.number().int(), sha256: z.string() }),
    sectionCount: z.number().int(),
    pageCount: z.number().int().optional(),
    updatedAt: z.string(),
    url: z.string(),
    fileUrl: z.string(),
  })
  .openapi('Resource');

const sectionSchema = z
  .object({
    id: z.string(),
    heading: z.string(),
    hierarchy: z.array(z.string()),
    anchor: z.string().optional(),
    page: z.number().int().optional(),
    chunk: z.number().int(),
    position: z.number().int(),
    url: z.string(),
    text: z.string(),
  })
  .openapi('Section');

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const errors = {
  400: json(errorSchema, 'Paramètre invalide (le message le nomme)'),
  503: json(errorSchema, 'Moteur de recherche indisponible'),
};

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
    responses: { 200: json(searchResultSchema, 'Résultats, facettes et pagination'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources',
    summary: 'Lister les ressources',
    request: { query: searchQuery.omit({ group: true }) },
    responses: {
      200: json(
        z.object({
          resources: z.array(resourceSchema),
          facets: z.object({ topics: countsSchema, type: countsSchema }),
          total: z.number().int(),
          page: z.number().int(),
          limit: z.number().int(),
        }),
        'Une page de ressources',
      ),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources/{id}',
    summary: 'Une ressource, ses sections et son contenu en HTML sûr',
    request: { params: resourceIdSchema },
    responses: {
      200: json(
        z.object({
          resource: resourceSchema,
          sections: z.array(sectionSchema),
          html: z.string().nullable(),
        }),
        'La ressource',
      ),
      404: json(errorSchema, 'Ressource inconnue'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/resources/{id}/file',
    summary: "Le fichier d'origine (Markdown ou PDF)",
    request: { params: resourceIdSchema },
    responses: {
      200: {
        description: 'Le fichier',
        content: {
          'application/pdf': { schema: z.string() },
          'text/markdown': { schema: z.string() },
        },
      },
      404: json(errorSchema, 'Ressource ou fichier absent'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/topics',
    summary: 'La taxonomie des thématiques, avec le nombre de ressources de chacune',
    responses: {
      200: json(
        z.object({
          topics: z.array(
            z.object({
              slug: z.string(),
              label: z.string(),
              description: z.string(),
              count: z.number().int(),
            }),
          ),
        }),
        'Les thématiques',
      ),
      ...errors,
    },
  });
  for (const [probe, summary] of [
    ['/healthz', 'Le processus est vivant'],
    ['/readyz', 'Meilisearch répond et les index existent'],
  ] as const) {
    registry.registerPath({
      method: 'get',
      path: probe,
      summary,
      responses: {
        200: json(z.object({ status: z.literal('ok') }), 'Prêt'),
        503: json(
          z.object({ status: z.literal('unavailable'), error: errorSchema.shape.error }),
          'Pas prêt',
        ),
      },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'API Repères',
      version: '1.0.0',
      description:
        'Recherche dans les guides, PDF et défis du programme Entrepreneurs d’intérêt général. Erreurs : `{ error: { code, message } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    ...(serverUrl === undefined ? {} : { servers: [{ url: serverUrl }] }),
  });
}
