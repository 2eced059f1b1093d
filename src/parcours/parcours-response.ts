import { z } from 'zod';
import { resourceTypes } from '../content/model.ts';
import type { Parcours, ParcoursStep } from './model.ts';

/** What the parcours API returns, written once (presenters and OpenAPI document). */

export const parcoursSlugSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant de parcours invalide')
    .meta({
      description: 'L’identifiant du parcours (`slug` de `GET /api/parcours`)',
      example: 'bien-demarrer',
    }),
});

const parcoursSummaryShape = {
  slug: z.string(),
  title: z.string(),
  audience: z.string().meta({ description: 'À qui il s’adresse (« nouvelle promotion »…)' }),
  description: z.string(),
  readingMinutes: z.number().int().meta({ description: 'Temps de lecture estimé, en minutes' }),
  stepCount: z.number().int(),
};

export const parcoursSummarySchema = z
  .strictObject(parcoursSummaryShape)
  .meta({ id: 'ParcoursSummary' });

export const parcoursStepSchema = z
  .strictObject({
    position: z.number().int().meta({ description: 'Rang de l’étape, à partir de 1' }),
    resourceId: z.string(),
    title: z.string().meta({ description: 'Titre de la ressource' }),
    heading: z.string().optional().meta({ description: 'Titre de la section visée' }),
    type: z.enum(resourceTypes),
    url: z.string().meta({ description: 'Lien vers la ressource, avec `#ancre` ou `#page=N`' }),
    anchor: z.string().optional(),
    page: z.number().int().optional(),
    note: z.string().meta({ description: 'Pourquoi lire cette étape maintenant' }),
    week: z.number().int().optional().meta({ description: 'Semaine du programme' }),
    readingMinutes: z.number().int(),
  })
  .meta({ id: 'ParcoursStep' });

export const parcoursListSchema = z
  .strictObject({ parcours: z.array(parcoursSummarySchema) })
  .meta({ id: 'ParcoursList' });

export const parcoursDetailSchema = z
  .strictObject({ ...parcoursSummaryShape, steps: z.array(parcoursStepSchema) })
  .meta({ id: 'ParcoursDetail' });

/** A search hit's place in a parcours: step `step` of `of`. */
export const parcoursMembershipSchema = z
  .strictObject({
    slug: z.string(),
    title: z.string(),
    step: z.number().int(),
    of: z.number().int(),
  })
  .meta({ id: 'ParcoursMembership' });

export type ParcoursSummaryResponse = z.infer<typeof parcoursSummarySchema>;
export type ParcoursDetailResponse = z.infer<typeof parcoursDetailSchema>;
export type ParcoursListResponse = z.infer<typeof parcoursListSchema>;

/** The fields of a parcours that a list shows. */
export function presentParcoursSummary(parcours: Parcours): ParcoursSummaryResponse {
  return {
    slug: parcours.slug,
    title: parcours.title,
    audience: parcours.audience,
    description: parcours.description,
    readingMinutes: parcours.readingMinutes,
    stepCount: parcours.steps.length,
  };
}

function presentStep(step: ParcoursStep): z.infer<typeof parcoursStepSchema> {
  return {
    position: step.position,
    resourceId: step.resource,
    title: step.title,
    ...(step.heading === undefined ? {} : { heading: step.heading }),
    type: step.type,
    url: step.url,
    ...(step.anchor === undefined ? {} : { anchor: step.anchor }),
    ...(step.page === undefined ? {} : { page: step.page }),
    note: step.note,
    ...(step.week === undefined ? {} : { week: step.week }),
    readingMinutes: step.readingMinutes,
  };
}

/** A parcours with its steps in order. */
export function presentParcoursDetail(parcours: Parcours): ParcoursDetailResponse {
  return { ...presentParcoursSummary(parcours), steps: parcours.steps.map(presentStep) };
}
