import { z } from 'zod';
import { archiveReasons, resourceTypes } from '../content/model.ts';
import { countsSchema, sourceSchema, versionRefSchema } from '../search/search-response.ts';

/**
 * What `GET /api/resources` and `GET /api/resources/:id` return, written once: the
 * presenters are typed from these schemas and the OpenAPI document is generated from them.
 */

export const resourceSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    type: z.enum(resourceTypes),
    topics: z.array(z.string()),
    promotion: z.string().optional(),
    organisation: z.string().optional(),
    summary: z.string().optional(),
    author: z.string().optional(),
    date: z.iso.date().optional().meta({ description: 'Date du contenu (AAAA-MM-JJ)' }),
    owner: z.string().optional().meta({ description: 'Qui tient la ressource à jour' }),
    reviewed: z.iso
      .date()
      .optional()
      .meta({ description: 'Date de la dernière relecture (AAAA-MM-JJ)' }),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: 'Champs propres au format (expertises d’un défi, domaine, ville…)' }),
    archived: z.boolean().meta({
      description:
        'Vrai quand la ressource est archivée (déclarée archivée, offre pourvue, date d’expiration ou de clôture passée) : toujours trouvable, classée après les ressources actuelles',
    }),
    archive: z
      .strictObject({
        reason: z.enum(archiveReasons).meta({
          description:
            'archived : déclarée archivée ; offer-filled : offre pourvue ; expires : date d’expiration ; offer-closes : date limite de candidature',
        }),
        date: z.iso
          .date()
          .optional()
          .meta({ description: 'Date d’expiration ou de clôture (AAAA-MM-JJ)' }),
      })
      .optional()
      .meta({ description: 'Pourquoi et à partir de quand la ressource est (ou sera) archivée' }),
    source: sourceSchema.extend({ bytes: z.number().int(), sha256: z.string() }),
    sectionCount: z.number().int(),
    pageCount: z.number().int().optional(),
    updatedAt: z.iso.datetime(),
    url: z.string().meta({ description: 'Sa page dans l’interface' }),
    fileUrl: z.string().meta({ description: 'Le fichier d’origine' }),
    otherVersions: z.array(versionRefSchema).optional().meta({
      description:
        'Les autres versions du même document (quasi-doublons détectés à l’ingestion), la version de référence en tête',
    }),
  })
  .meta({ id: 'Resource' });
export type ResourceResponse = z.infer<typeof resourceSchema>;

/** The resource attributes a list asks of the index: the schema's keys but the computed ones. */
export const listedResourceFields = Object.keys(resourceSchema.shape)
  .filter((key) => key !== 'fileUrl' && key !== 'otherVersions' && key !== 'archived')
  .concat('versions', 'archivedAt');

export const sectionSchema = z
  .strictObject({
    id: z.string(),
    heading: z.string(),
    hierarchy: z.array(z.string()),
    anchor: z.string().optional(),
    page: z.number().int().optional(),
    ocr: z.boolean().optional().meta({
      description: 'Présent et vrai quand le texte a été reconnu automatiquement (OCR)',
    }),
    chunk: z.number().int(),
    position: z.number().int(),
    url: z.string(),
    text: z.string(),
  })
  .meta({ id: 'Section' });
export type SectionResponse = z.infer<typeof sectionSchema>;

export const resourceFacetsSchema = z.strictObject({ topics: countsSchema, type: countsSchema });

export const resourceListSchema = z
  .strictObject({
    resources: z.array(resourceSchema),
    facets: resourceFacetsSchema,
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  })
  .meta({ id: 'ResourceList' });
export type ResourceListResponse = z.infer<typeof resourceListSchema>;

export const relatedResourceSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    type: z.enum(resourceTypes),
    topics: z.array(z.string()),
    url: z.string().meta({ description: 'Sa page dans l’interface' }),
  })
  .meta({ id: 'RelatedResource' });
export type RelatedResourceResponse = z.infer<typeof relatedResourceSchema>;

export const resourceDetailSchema = z
  .strictObject({
    resource: resourceSchema,
    sections: z.array(sectionSchema),
    html: z.string().nullable().meta({ description: 'Le contenu en HTML sûr (null pour un PDF)' }),
    related: z.array(relatedResourceSchema).meta({
      description:
        'Voir aussi : au plus 5 ressources proches (mots rares et thématiques en commun), la plus proche d’abord',
    }),
  })
  .meta({ id: 'ResourceDetail' });
export type ResourceDetailResponse = z.infer<typeof resourceDetailSchema>;
