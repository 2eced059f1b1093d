import { z } from 'zod';
import { errorResponseSchemas } from '../http/http-error.ts';

/** What the probes return, written once (router type and OpenAPI document). */

export const healthOkSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'HealthOk' });
export type HealthOkResponse = z.infer<typeof healthOkSchema>;

export const notReadySchema = z
  .strictObject({
    status: z.literal('unavailable'),
    error: errorResponseSchemas[503].shape.error,
    progress: z
      .strictObject({
        done: z.int().nonnegative().meta({ description: 'Fichiers déjà traités.' }),
        total: z.int().nonnegative().meta({ description: 'Fichiers à traiter.' }),
      })
      .optional()
      .meta({
        description: 'Avancement de la première indexation depuis le démarrage, tant qu’elle dure.',
        example: { done: 120, total: 261 },
      }),
  })
  .meta({ id: 'NotReady' });
export type NotReadyResponse = z.infer<typeof notReadySchema>;
