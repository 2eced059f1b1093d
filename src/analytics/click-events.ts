import { z } from 'zod';

/**
 * Clicks on search results, as the browser reports them (`POST /api/events`, sent by
 * navigator.sendBeacon) or as the no-JavaScript redirect (`GET /aller`) sees them. They name
 * the search by its random id and the hit by its rank and address: nothing about the person.
 */

/** Whether a link stays on this site: a path, never `//host`, `/\host` nor a scheme. */
export function isInternalPath(url: string): boolean {
  if (!url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return false;
  // Browsers drop tabs and newlines from URLs, and read `\` as `/`: `/\t/host` is `//host`.
  if (/[\p{Cc}\\]/u.test(url)) return false;
  const base = 'http://reperes.invalid';
  try {
    return new URL(url, base).origin === base;
  } catch {
    return false;
  }
}

export const queryIdSchema = z
  .uuid({ error: 'identifiant de recherche attendu (UUID, donné par la recherche)' })
  .meta({ description: 'L’identifiant aléatoire de la recherche (`queryId` de sa réponse)' });

export const resultUrlSchema = z
  .string()
  .max(2048)
  .refine(isInternalPath, {
    error: 'adresse interne attendue (un chemin qui commence par « / » sur ce site)',
  })
  .meta({ description: 'Où mène le résultat : une adresse de ce site (chemin)' });

export const rankSchema = z.coerce
  .number({ error: 'rang attendu (nombre entier à partir de 1)' })
  .int({ error: 'rang attendu (nombre entier à partir de 1)' })
  .min(1, { error: 'rang attendu (nombre entier à partir de 1)' })
  .max(10_000, { error: 'rang trop grand (10 000 au plus)' })
  .meta({ description: 'Rang du résultat dans la liste, 1 pour le premier de la première page' });

export const clickEventInputSchema = z
  .strictObject({
    type: z.literal('click', { error: 'type d’événement attendu : « click »' }),
    queryId: queryIdSchema,
    resultId: z.string().max(512).optional().meta({ description: 'L’identifiant de la section' }),
    url: resultUrlSchema,
    rank: z
      .number({ error: 'rang attendu (nombre entier à partir de 1)' })
      .int({ error: 'rang attendu (nombre entier à partir de 1)' })
      .min(1, { error: 'rang attendu (nombre entier à partir de 1)' })
      .max(10_000, { error: 'rang trop grand (10 000 au plus)' }),
  })
  .meta({ id: 'ClickEvent' });
export type ClickEventInput = z.infer<typeof clickEventInputSchema>;

/** `GET /aller?vers=…&recherche=…&rang=…&section=…`: the no-JavaScript way to a result. */
export const clickRedirectQuerySchema = z.object({
  vers: resultUrlSchema,
  recherche: queryIdSchema,
  rang: rankSchema,
  section: z.string().max(512).optional(),
});

/** The redirect address a result link takes without JavaScript. */
export function clickRedirectUrl(click: {
  url: string;
  queryId: string;
  rank: number;
  resultId?: string;
}): string {
  const params = new URLSearchParams({
    vers: click.url,
    recherche: click.queryId,
    rang: String(click.rank),
  });
  if (click.resultId !== undefined) params.set('section', click.resultId);
  return `/aller?${params.toString()}`;
}
