import { z } from 'zod';
import type { ParcoursStepDefinition } from './model.ts';

/** The shape of a parcours file (`parcours/*.yml`); references are checked afterwards. */

const text = z.string().trim().min(1, 'ne peut pas être vide');

export const parcoursStepSchema = z
  .object({
    resource: text,
    anchor: text.optional(),
    page: z.int().min(1, 'une page commence à 1').optional(),
    note: text,
    semaine: z.int().min(1, 'une semaine commence à 1').optional(),
  })
  .strict()
  .refine((step) => step.anchor === undefined || step.page === undefined, {
    message: 'une étape a une ancre ou une page, pas les deux',
  })
  .transform(({ resource, anchor, page, note, semaine }): ParcoursStepDefinition => ({
    resource,
    note,
    ...(anchor === undefined ? {} : { anchor }),
    ...(page === undefined ? {} : { page }),
    ...(semaine === undefined ? {} : { week: semaine }),
  }));

export const parcoursFileSchema = z
  .object({
    title: text,
    audience: text,
    description: text,
    steps: z.array(parcoursStepSchema).min(1, 'au moins une étape'),
  })
  .strict();

export type ParcoursFile = z.infer<typeof parcoursFileSchema>;
