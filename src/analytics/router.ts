import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { InvalidParameterError } from '../errors.ts';
import { parseQuery, parseRequest } from '../http/validate.ts';
import { aggregateSearches, queryGroupKey } from './aggregate.ts';
import type { Analytics } from './analytics.ts';
import { analyticsWindows, type AnalyticsReport } from './analytics-response.ts';
import { clickEventInputSchema, clickRedirectQuerySchema } from './click-events.ts';

export const analyticsQuerySchema = z.object({
  days: z.coerce
    .number()
    .pipe(z.literal(analyticsWindows, { error: 'période attendue : 7, 30 ou 90 (jours)' }))
    .default(30)
    .meta({ description: 'La période, en jours : 7, 30 ou 90' }),
});

export const handledInputSchema = z
  .strictObject({
    query: z
      .string({ error: 'requête attendue (texte)' })
      .trim()
      .min(1, { error: 'requête attendue (texte non vide)' })
      .max(512)
      .meta({ description: 'La requête, telle qu’écrite ou déjà normalisée' }),
    handled: z
      .boolean({ error: 'vrai ou faux attendu' })
      .default(true)
      .meta({ description: 'Faux pour retirer la marque' }),
  })
  .meta({ id: 'HandledQueryInput' });

export const handledQuerySchema = z
  .strictObject({
    key: z.string().meta({ description: 'Le groupe de requêtes marqué (forme normalisée)' }),
    handledAt: z
      .string()
      .nullable()
      .meta({ description: 'Date de la marque (ISO 8601), null quand elle est retirée' }),
  })
  .meta({ id: 'HandledQuery' });

/**
 * Clicks on results (`POST /api/events` from the browser's beacon, `GET /aller` without
 * JavaScript) and, for coordinators, the analytics report and the "traité" marks.
 */
export function analyticsRouter(deps: {
  analytics: Analytics;
  requireCoordinator: RequestHandler;
  now: () => Date;
}): Router {
  const router = Router();
  // sendBeacon sends a Blob with its own type, or a string as text/plain: both are read.
  const beaconBody = express.json({ limit: '4kb', type: ['application/json', 'text/plain'] });
  const json = express.json({ limit: '4kb' });

  router.post('/api/events', beaconBody, (req, res) => {
    const event = parseRequest(clickEventInputSchema, req.body ?? null);
    deps.analytics.clicks.append({
      at: deps.now().toISOString(),
      type: 'click',
      queryId: event.queryId,
      ...(event.resultId === undefined ? {} : { resultId: event.resultId }),
      url: event.url,
      rank: event.rank,
    });
    res.status(204).end();
  });

  // Without JavaScript, a result link goes through here: recorded, then sent on (303, so
  // that the browser GETs the result). Only addresses of this site: never an open redirect.
  router.get('/aller', (req, res) => {
    const click = parseQuery(clickRedirectQuerySchema, req);
    deps.analytics.clicks.append({
      at: deps.now().toISOString(),
      type: 'click',
      queryId: click.recherche,
      ...(click.section === undefined ? {} : { resultId: click.section }),
      url: click.vers,
      rank: click.rang,
    });
    res.set('Cache-Control', 'no-store').redirect(303, click.vers);
  });

  router.get('/api/analytics', deps.requireCoordinator, async (req, res) => {
    const { days } = parseQuery(analyticsQuerySchema, req);
    const report = await aggregateSearches({
      dir: deps.analytics.dir,
      days,
      now: deps.now(),
      handled: await deps.analytics.handled.read(),
    });
    res.set('Cache-Control', 'no-store').json(report satisfies AnalyticsReport);
  });

  router.post('/api/analytics/traitees', deps.requireCoordinator, json, async (req, res) => {
    const input = parseRequest(handledInputSchema, req.body ?? null);
    const key = queryGroupKey(input.query);
    if (key === '')
      throw new InvalidParameterError('query: la requête ne contient aucun mot', 'query');
    const handledAt = input.handled ? deps.now().toISOString() : null;
    await deps.analytics.handled.mark(key, handledAt ?? undefined);
    res.json({ key, handledAt } satisfies z.infer<typeof handledQuerySchema>);
  });

  return router;
}
