import { z } from 'zod';
import { parcoursMembershipSchema } from '../parcours/parcours-response.ts';
import { resourceTypes, sourceFormats, type Section } from '../content/model.ts';
import { groupings, sortOrders } from './search-query.ts';

/**
 * What `GET /api/search` returns, written once: the route's presenter is typed from these
 * schemas, the OpenAPI document is generated from them, and the fields asked of Meilisearch
 * are their keys.
 */

/** The attributes counted per value: `organisation` is the administration, `skills` the compétences. */
export const facetNames = ['topics', 'type', 'promotion', 'organisation', 'skills'] as const;
export type FacetName = (typeof facetNames)[number];

export const countsSchema = z
  .record(z.string(), z.number().int())
  .meta({ description: 'Nombre de résultats par valeur' });

export const sourceSchema = z.strictObject({ path: z.string(), format: z.enum(sourceFormats) });

/** The fields a hit copies from its section, as stored in the index. */
const hitRecordShape = {
  id: z.string(),
  resourceId: z.string(),
  title: z.string(),
  type: z.enum(resourceTypes),
  topics: z.array(z.string()),
  promotion: z.string().optional(),
  organisation: z
    .string()
    .optional()
    .meta({ description: 'L’administration qui a accueilli le défi (facette `organisation`)' }),
  skills: z
    .array(z.string())
    .optional()
    .meta({ description: 'Codes des compétences d’un défi ou d’une personne (facette `skills`)' }),
  heading: z.string(),
  hierarchy: z.array(z.string()),
  anchor: z.string().optional(),
  page: z.number().int().optional(),
  ocr: z.boolean().optional().meta({
    description:
      'Présent et vrai quand le texte de la page a été reconnu automatiquement dans son image (OCR)',
  }),
  url: z
    .string()
    .meta({ description: "Lien profond vers l'ancre de la section ou la page du PDF" }),
  source: sourceSchema,
  owner: z.string().optional().meta({ description: 'Qui tient la ressource à jour' }),
  reviewed: z.iso
    .date()
    .optional()
    .meta({ description: 'Date (AAAA-MM-JJ) de la dernière relecture de la ressource' }),
  date: z.iso.date().optional().meta({ description: 'Date (AAAA-MM-JJ) du contenu lui-même' }),
  archivedAt: z.number().int().optional().meta({
    description:
      'Date (secondes Unix) à partir de laquelle la ressource est archivée : offre pourvue ou close, date d’expiration, archivage déclaré',
  }),
};

// Fails to compile if the hit names a field sections do not have.
type SectionField<Key extends keyof Section> = Key;
export type HitRecordField = SectionField<keyof typeof hitRecordShape>;

/** The section attributes Meilisearch returns for a hit: the hit schema's own keys. */
export const hitRecordFields = Object.keys(hitRecordShape) as HitRecordField[];

export const versionRefSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    url: z.string().meta({ description: 'Sa page dans l’interface' }),
    path: z.string().meta({ description: 'Son fichier, relatif à son dossier de contenu' }),
  })
  .meta({ id: 'VersionRef' });

export const searchHitSchema = z
  .strictObject({
    ...hitRecordShape,
    archived: z.boolean().meta({
      description:
        'Vrai quand la ressource est archivée à la date de la recherche : elle reste trouvable, classée après les ressources actuelles',
    }),
    snippet: z
      .string()
      .meta({ description: 'Texte échappé en HTML, avec <mark> autour des correspondances' }),
    otherSections: z.number().int().optional().meta({
      description:
        'Avec group=document : nombre d’autres sections de la ressource qui correspondent',
    }),
    parcours: z.array(parcoursMembershipSchema).optional().meta({
      description:
        'Les parcours dont la ressource est une étape : son rang (`step`) sur le nombre d’étapes (`of`)',
    }),
    otherVersions: z.array(versionRefSchema).optional().meta({
      description:
        'Les autres versions du même document (quasi-doublons détectés à l’ingestion), la version de référence en tête ; avec group=document, elles ne sont pas proposées comme résultats distincts',
    }),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof searchHitSchema>;

export const facetCountsSchema = z.strictObject({
  topics: countsSchema,
  type: countsSchema,
  promotion: countsSchema,
  organisation: countsSchema.meta({
    description: 'Nombre de résultats par administration (filtre `administration`)',
  }),
  skills: countsSchema.meta({
    description: 'Nombre de résultats par code de compétence des défis (filtre `competence`)',
  }),
} satisfies Record<FacetName, typeof countsSchema>);
export type FacetCounts = z.infer<typeof facetCountsSchema>;

export const searchResultSchema = z
  .strictObject({
    query: z.string(),
    hits: z.array(searchHitSchema),
    facets: facetCountsSchema,
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
    group: z.enum(groupings),
    sort: z.enum(sortOrders),
    processingTimeMs: z.number(),
    queryId: z.uuid().optional().meta({
      description:
        'Identifiant aléatoire de cette recherche, à renvoyer avec les clics (`POST /api/events`) ; aucune donnée personnelle',
    }),
    ignoredWords: z
      .array(z.string())
      .optional()
      .meta({ description: 'Mots laissés de côté parce qu’ils ne trouvaient rien' }),
    suggestions: z.array(z.string()).optional().meta({
      description:
        'Vouliez-vous dire : orthographes proches qui trouvent bien plus de résultats, quand la recherche en trouve peu ou aucun',
    }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof searchResultSchema>;
