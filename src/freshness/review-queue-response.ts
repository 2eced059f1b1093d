import { z } from 'zod';
import { resourceTypes } from '../content/model.ts';
import { brokenLinkSchema } from './broken-links.ts';
import type { ReviewQueueItem } from './review-queue.ts';

/** What `GET /api/review-queue` returns, written once: the presenter and OpenAPI use it. */

const itemBase = {
  resourceId: z.string(),
  title: z.string(),
  type: z.enum(resourceTypes),
  url: z.string().meta({ description: 'Sa page dans l’interface' }),
  owner: z.string().optional().meta({ description: 'Qui tient la ressource à jour' }),
  reads: z.number().int().nonnegative().meta({
    description: 'Combien de fois elle a été lue (clics sur ses résultats) ; 0 sans mesure',
  }),
};

export const reviewQueueItemSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('review'),
      ...itemBase,
      reviewed: z.iso
        .date()
        .optional()
        .meta({ description: 'Dernière relecture ; absente : comptée depuis la date du contenu' }),
      dueOn: z.iso.date().meta({ description: 'Date prévue de la prochaine relecture' }),
      overdueDays: z.number().int().meta({
        description: 'Jours de retard sur `dueOn` (négatif : jours restants)',
      }),
    }),
    z.strictObject({
      kind: z.literal('broken-link'),
      ...itemBase,
      link: brokenLinkSchema,
    }),
  ])
  .meta({ id: 'ReviewQueueItem' });

export const reviewQueueSchema = z
  .strictObject({
    generatedAt: z.iso.datetime(),
    soonDays: z.number().int().meta({
      description: 'Une ressource entre dans la file ce nombre de jours avant son échéance',
    }),
    items: z.array(reviewQueueItemSchema).meta({
      description:
        'Relectures en retard (les plus en retard, puis les plus lues, d’abord), liens cassés, relectures proches, puis liens déplacés',
    }),
  })
  .meta({ id: 'ReviewQueue' });
export type ReviewQueueResponse = z.infer<typeof reviewQueueSchema>;

/** Whitelists an item's fields for the API. */
export function presentItem(item: ReviewQueueItem): z.infer<typeof reviewQueueItemSchema> {
  const common = {
    resourceId: item.resourceId,
    title: item.title,
    type: item.type,
    url: item.url,
    ...(item.owner === undefined ? {} : { owner: item.owner }),
    reads: item.reads,
  };
  if (item.kind === 'broken-link') return { kind: 'broken-link', ...common, link: item.link };
  return {
    kind: 'review',
    ...common,
    ...(item.reviewed === undefined ? {} : { reviewed: item.reviewed }),
    dueOn: item.dueOn,
    overdueDays: item.overdueDays,
  };
}
