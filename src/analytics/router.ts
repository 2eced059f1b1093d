import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { CsrfError, InvalidParameterError } from '../errors.ts';
import { parseQuery, parseRequest } from '../http/validate.ts';
import { aggregateSearches, queryGroupKey } from './aggregate.ts';
import type { Analytics } from './analytics.ts';
import { analyticsWindows, type AnalyticsReport } from './analytics-response.ts';
import { clickEventInputSchema, clickRedirectQuerySchema } from './click-events.ts';
import {
  feedbackEventInputSchema,
  feedbackFormSchema,
  feedbackPagePath,
  feedbackReturnUrl,
} from './feedback-events.ts';

/** What `POST /api/events` takes: a click on a result, or a page's feedback. */
export const eventInputSchema = z
  .discriminatedUnion('type', [clickEventInputSchema, feedbackEventInputSchema], {
    error: 'type d’événement attendu : « click » ou « feedback »',
  })
  .meta({ id: 'AnalyticsEvent' });

/** The address of the feedback form (no JavaScript): outside /api, it answers with pages. */
export const feedbackFormPath = '/avis';

export const analyticsQuerySchema = z.object({
  days: z.coerce
    .number()
    .pipe(z.literal(analyticsWindows, { error: 'période attendue : 7, 30 ou 90 (jours)' }))
    .default(30)
    .meta({ description: 'La période, en jours : 7, 30 ou 90', example: 30 }),
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
 * JavaScript), pages' feedback (`POST /api/events` from the page's script, `POST /avis`
 * without JavaScript) and, for coordinators, the analytics report and the "traité" marks.
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

  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.post('/api/events', beaconBody, (req, res) => {
    const event = parseRequest(eventInputSchema, req.body ?? null);
    if (event.type === 'feedback') {
      deps.analytics.feedback.append({
        at: deps.now().toISOString(),
        type: 'feedback',
        url: feedbackPagePath(event.url) ?? event.url,
        answer: event.answer,
      });
      res.status(204).end();
      return;
    }
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

  // Without JavaScript, the feedback form posts here, then goes back to the page (303) with
  // its thanks. Anonymous like the beacon, so no CSRF token is needed when no one is signed
  // in (the guard still checks a signed-in person's); a post another site makes a browser
  // send is refused all the same, so that nobody can stuff the table from elsewhere.
  router.post(feedbackFormPath, refuseCrossSite, form, (req, res) => {
    const answer = parseRequest(feedbackFormSchema, req.body ?? null);
    deps.analytics.feedback.append({
      at: deps.now().toISOString(),
      type: 'feedback',
      url: feedbackPagePath(answer.page) ?? answer.page,
      answer: answer.reponse,
    });
    res.set('Cache-Control', 'no-store').redirect(303, feedbackReturnUrl(answer.page));
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

/**
 * Refuses a post another site made the browser send: `Sec-Fetch-Site` (every current
 * browser sends it) or, failing it, an `Origin` of another host.
 */
const refuseCrossSite: RequestHandler = (req, _res, next) => {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) {
    next(site === 'same-origin' || site === 'none' ? undefined : new CsrfError());
    return;
  }
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') {
    next(origin === 'null' ? new CsrfError() : undefined);
    return;
  }
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  next(host !== undefined && host === req.get('host') ? undefined : new CsrfError());
};
