import { z } from 'zod';
import type { CommunityState } from './urls.ts';

/** The query string of /communaute, validated at the edge. */

/** `?a=x&a=y` gives ['x', 'y']; an empty value (« Tous les profils ») gives none. */
const values = z
  .preprocess(
    (value: unknown): unknown[] => {
      if (value === undefined) return [];
      const list: unknown[] = Array.isArray(value) ? value : [value];
      return list
        .map((item) => (typeof item === 'string' ? item.trim() : item))
        .filter((item) => item !== '');
    },
    z
      .array(z.string().max(100, 'ne doit pas dépasser 100 caractères'))
      .max(10, 'au plus 10 valeurs'),
  )
  .default([]);

const pageMessage = 'doit être un numéro de page écrit en chiffres (par ex. 2)';

export const communityQuerySchema = z.object({
  profil: values,
  promotion: values,
  competence: values,
  page: z
    .preprocess(
      (value: unknown): unknown =>
        Array.isArray(value) ? (value as unknown[]).at(-1) : value === '' ? undefined : value,
      z
        .string()
        .regex(/^[0-9]{1,4}$/, pageMessage)
        .transform(Number)
        .pipe(z.number().int().min(1, pageMessage))
        .optional(),
    )
    .transform((page) => page ?? 1),
}) satisfies z.ZodType<CommunityState, unknown>;

/** One French sentence per invalid parameter, as on the other list pages. */
export { describeIssues as describeCommunityIssues } from '../page-params.ts';
