import { z } from 'zod';
import { errorResponseSchemas } from '../http/http-error.ts';

/** What the probes return, written once (router type and OpenAPI document). */

export const healthOkSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'HealthOk' });
export type HealthOkResponse = z.infer<typeof healthOkSchema>;

export const notReadySchema = z
  .strictObject({
    status: z.literal('unavailable'),
    error: errorResponseSchemas[503].shape.error,
  })
  .meta({ id: 'NotReady' });
export type NotReadyResponse = z.infer<typeof notReadySchema>;
