import { z } from 'zod';
import { isInternalPath } from './click-events.ts';

/**
 * « Cette page vous a-t-elle été utile ? »: a yes or a no about a resource page, sent by the
 * page's script (`POST /api/events`) or by its form without JavaScript (`POST /avis`). It
 * names the page and the answer: nothing about the person (no address, agent nor cookie).
 */

export const feedbackAnswers = ['oui', 'non'] as const;
export type FeedbackAnswer = (typeof feedbackAnswers)[number];

/** The pages that ask: a resource's page (`/ressources/<id>`). */
const resourcePagePath = /^\/ressources\/[a-z0-9_-]{1,511}$/i;

/** The page's path, without its query nor fragment: one line per page in the table. */
export function feedbackPagePath(url: string): string | undefined {
  if (!isInternalPath(url)) return undefined;
  const pathname = new URL(url, 'http://reperes.invalid').pathname;
  return resourcePagePath.test(pathname) ? pathname : undefined;
}

const pageError = 'page attendue : l’adresse d’une ressource de ce site (« /ressources/… »)';

/** A resource page's address, query kept (where to come back), checked to be one of ours. */
export const feedbackPageSchema = z
  .string({ error: pageError })
  .max(2048, { error: pageError })
  .refine((url) => feedbackPagePath(url) !== undefined, { error: pageError })
  .meta({
    description: 'La page jugée : l’adresse (chemin) d’une ressource de ce site',
    example: '/ressources/guides-heberger-un-service-public',
  });

export const feedbackAnswerSchema = z
  .enum(feedbackAnswers, { error: 'réponse attendue : « oui » ou « non »' })
  .meta({ description: 'La réponse : la page a-t-elle été utile ?', example: 'oui' });

export const feedbackEventInputSchema = z
  .strictObject({
    type: z.literal('feedback', { error: 'type d’événement attendu : « feedback »' }),
    url: feedbackPageSchema,
    answer: feedbackAnswerSchema,
  })
  .meta({ id: 'FeedbackEvent' });
export type FeedbackEventInput = z.infer<typeof feedbackEventInputSchema>;

/** `POST /avis` (the form, without JavaScript): `page` and `reponse`. */
export const feedbackFormSchema = z.object({
  page: feedbackPageSchema,
  reponse: feedbackAnswerSchema,
});

/** The address the form's answer returns to: the page, with its thanks shown. */
export function feedbackReturnUrl(page: string): string {
  const url = new URL(page, 'http://reperes.invalid');
  url.searchParams.set('avis', 'merci');
  url.hash = 'avis';
  return `${url.pathname}${url.search}${url.hash}`;
}
