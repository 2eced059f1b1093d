import { z } from 'zod';
import type { ParcoursDraft } from './parcours-publisher.ts';
import { retiredCommit, savedFileFields } from './publishing-schemas.ts';

/**
 * What the parcours write API reads and answers, written once (router and OpenAPI
 * document). Only the types are checked here; what a parcours must hold (a title, known
 * resources and anchors, no step twice) is checked as ingestion checks it: 422.
 */

const optionalText = z.string().max(4000, 'au plus 4000 caractères').optional();

export const parcoursStepInputSchema = z
  .strictObject({
    resource: z.string().max(300, 'au plus 300 caractères').meta({
      description: 'Identifiant de la ressource (voir GET /api/resources)',
    }),
    anchor: optionalText.meta({ description: 'Ancre d’une section de la ressource' }),
    page: z.int('doit être un nombre entier').min(1).optional().meta({
      description: 'Page d’un PDF (à partir de 1)',
    }),
    note: optionalText.meta({ description: 'Pourquoi lire cette étape maintenant' }),
    semaine: z.int('doit être un nombre entier').min(1).max(60).optional().meta({
      description: 'Semaine du programme',
    }),
  })
  .meta({ id: 'ParcoursStepInput' });

export const parcoursInputSchema = z
  .strictObject({
    title: optionalText,
    audience: optionalText.meta({ description: 'À qui il s’adresse (« nouvelle promotion »…)' }),
    description: optionalText,
    steps: z.array(parcoursStepInputSchema).max(100, 'au plus 100 étapes').default([]),
  })
  .meta({ id: 'ParcoursInput' });

export type ParcoursInput = z.infer<typeof parcoursInputSchema>;

/** A request body as a draft (absent text: empty, which the validation names). */
export function draftOfInput(input: ParcoursInput): ParcoursDraft {
  return {
    title: input.title ?? '',
    audience: input.audience ?? '',
    description: input.description ?? '',
    steps: input.steps.map((step) => ({
      resource: step.resource,
      anchor: step.anchor,
      page: step.page,
      note: step.note ?? '',
      week: step.semaine,
    })),
  };
}

export const savedParcoursSchema = z
  .strictObject({ slug: z.string(), title: z.string(), ...savedFileFields })
  .meta({ id: 'SavedParcours' });

export const retiredParcoursSchema = z
  .strictObject({ slug: z.string(), commit: retiredCommit })
  .meta({ id: 'RetiredParcours' });

export type SavedParcoursResponse = z.infer<typeof savedParcoursSchema>;
