import { z } from 'zod';
import type { Taxonomy } from '../content/topics.ts';

/** What the write API reads and answers, written once: the router and the OpenAPI document use these. */

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A form field, once: a repeated one keeps its last value. */
const field = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value: unknown) =>
      blankToUndefined(Array.isArray(value) ? (value as unknown[]).at(-1) : value),
    schema,
  );

/** The fields of a publish or replace (multipart form, or JSON for a replace without a file). */
export function submissionSchema(taxonomy: Taxonomy) {
  const slugs = taxonomy.topics.map((topic) => topic.slug) as [string, ...string[]];
  return z.strictObject({
    title: field(z.string().trim().max(200, 'au plus 200 caractères').optional()).meta({
      description: 'Titre ; le nom du fichier en est tiré (obligatoire pour publier)',
    }),
    summary: field(z.string().trim().max(1000, 'au plus 1000 caractères').optional()),
    topics: z
      .preprocess(
        (value: unknown): unknown => {
          if (value === undefined) return undefined;
          const values: unknown[] = Array.isArray(value) ? value : [value];
          return values
            .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
            .map((v) => (typeof v === 'string' ? v.trim() : v))
            .filter((v) => v !== '');
        },
        z
          .array(z.enum(slugs, { error: 'thème inconnu (voir GET /api/topics)' }))
          .max(20, 'au plus 20 thèmes')
          .optional(),
      )
      .meta({ description: 'Thèmes (slugs de la taxonomie), répétés ou séparés par des virgules' }),
    owner: field(z.string().trim().max(200, 'au plus 200 caractères').optional()).meta({
      description: 'Qui tient la ressource à jour',
    }),
    reviewed: field(z.iso.date({ error: 'doit être une date AAAA-MM-JJ' }).optional()).meta({
      description: 'Date de la dernière relecture (AAAA-MM-JJ)',
    }),
    type: field(z.enum(['guide', 'pdf'], { error: 'doit valoir guide ou pdf' }).optional()).meta({
      description: 'Le type attendu ; refusé s’il ne correspond pas au fichier',
    }),
    markdown: field(z.string().optional()).meta({
      description: 'Le texte Markdown, à la place d’un fichier',
    }),
  });
}

/** The multipart body, for the OpenAPI document: the fields and the file. */
export function multipartSchema(taxonomy: Taxonomy) {
  return submissionSchema(taxonomy).extend({
    file: z
      .string()
      .optional()
      .meta({ format: 'binary', description: 'Le fichier : PDF, ou Markdown en UTF-8' }),
  });
}

export const restoreSchema = z.strictObject({
  commit: z
    .string()
    .regex(/^[0-9a-f]{4,40}$/i, 'doit être un identifiant de commit (4 à 40 chiffres hexadécimaux)')
    .meta({ description: 'La version à restaurer (commit de l’historique)' }),
});

export const auditQuerySchema = z.strictObject({
  page: z.coerce
    .number()
    .int('doit être un nombre entier')
    .min(1, 'doit valoir au moins 1')
    .max(10_000)
    .default(1)
    .meta({ description: 'Le numéro de la page du journal, à partir de 1', example: 2 }),
  limit: z.coerce
    .number()
    .int('doit être un nombre entier')
    .min(1, 'doit valoir au moins 1')
    .max(100, 'doit valoir au plus 100')
    .default(20)
    .meta({ description: 'Le nombre d’entrées par page (100 au plus)', example: 50 }),
});

/** What every write to the content store answers: where the file is, its version, its commit. */
export const savedFileFields = {
  path: z.string().meta({ description: 'Le fichier dans le dépôt des contenus publiés' }),
  version: z
    .string()
    .meta({ description: 'La version (aussi dans l’en-tête ETag) ; à renvoyer dans If-Match' }),
  commit: z.string().meta({ description: 'Le commit de la modification' }),
  url: z.string(),
};

/** The commit of a removal, for resources and parcours alike. */
export const retiredCommit = z
  .string()
  .meta({ description: 'Le commit du retrait ; la version d’avant se restaure' });

export const publishedResourceSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    type: z.enum(['guide', 'pdf']),
    ...savedFileFields,
  })
  .meta({ id: 'PublishedResource' });

export const retiredResourceSchema = z
  .strictObject({ id: z.string(), commit: retiredCommit })
  .meta({ id: 'RetiredResource' });

export const revisionSchema = z
  .strictObject({
    commit: z.string(),
    author: z.strictObject({ name: z.string(), email: z.string() }),
    date: z.string().meta({ description: 'Date ISO 8601' }),
    message: z.string(),
    files: z.array(z.string()).meta({ description: 'Les fichiers que le commit a changés' }),
  })
  .meta({ id: 'Revision' });

export const historySchema = z
  .strictObject({ id: z.string(), revisions: z.array(revisionSchema) })
  .meta({ id: 'ResourceHistory' });

export const auditSchema = z
  .strictObject({
    revisions: z.array(revisionSchema),
    page: z.number().int(),
    limit: z.number().int(),
    hasMore: z.boolean().meta({ description: 'Des commits plus anciens suivent' }),
  })
  .meta({ id: 'Audit' });

export type PublishedResourceResponse = z.infer<typeof publishedResourceSchema>;
export type HistoryResponse = z.infer<typeof historySchema>;
export type AuditResponse = z.infer<typeof auditSchema>;
