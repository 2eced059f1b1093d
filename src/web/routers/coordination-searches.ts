import express, { Router, type RequestHandler } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { h } from 'preact';
import { z } from 'zod';
import type { Taxonomy } from '../../content/topics.ts';
import { analyticsWindows, type AnalyticsWindow } from '../../analytics/analytics-response.ts';
import { InvalidParameterError } from '../../errors.ts';
import { parseRequest } from '../../http/validate.ts';
import { tableToCsv } from '../analytics/analytics-csv.ts';
import {
  analyticsTableNames,
  analyticsTables,
  type SearchAnalyticsView,
} from '../analytics/search-analytics-view.ts';
import { topicLabel, typeLabel } from '../labels.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { handledPath, searchesPath, SearchesPage } from '../pages/coordination-searches.tsx';
import { sendPage } from '../render.ts';

/**
 * The coordinators' search analytics: the page, one CSV per table, and « marquer comme
 * traité » as a plain form (no JavaScript needed) that redirects back to the page.
 */

/** What the page reads and does; the aggregation of the search log provides it (wired by app). */
export interface SearchAnalyticsSource {
  report(days: AnalyticsWindow): Promise<SearchAnalyticsView>;
  /** Sets a zero-result query group aside until it is searched without result again. */
  markHandled(key: string): Promise<void>;
}

export interface CoordinationSearchesRouterDeps extends PageConfigDeps {
  requireCoordinator: RequestHandler;
  analytics: SearchAnalyticsSource;
  taxonomy: Taxonomy;
  /** Whether the publishing form exists, for « Rédiger une ressource ». */
  canPublish: boolean;
  /** The title of the resource a page of this site shows; absent: pages go by their path. */
  pageTitle?: (url: string) => Promise<string | undefined>;
}

const defaultWindow: AnalyticsWindow = 30;

const windowSchema = z.coerce
  .number()
  .pipe(z.literal(analyticsWindows, { error: 'période attendue : 7, 30 ou 90 (jours)' }))
  .default(defaultWindow);

const pageQuery = z.object({
  jours: windowSchema,
  traitee: z.string().max(200).optional().catch(undefined),
});

const csvQuery = z.object({
  jours: windowSchema,
  table: z.enum(analyticsTableNames, {
    error: `tableau attendu : ${analyticsTableNames.join(', ')}`,
  }),
});

const handledForm = z.object({
  cle: z.string().trim().min(1).max(200),
  recherche: z.string().max(200).default(''),
  jours: windowSchema,
});

export function coordinationSearchesRouter(deps: CoordinationSearchesRouterDeps): Router {
  const router = Router();
  const guard = deps.requireCoordinator;
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const filterLabel = (filter: string, value: string) => {
    if (filter === 'topic') return { filter: 'Thème', value: topicLabel(deps.taxonomy, value) };
    if (filter === 'type') return { filter: 'Type', value: typeLabel(value) };
    if (filter === 'promotion') return { filter: 'Promotion', value };
    return { filter, value };
  };

  /** The report, each page of the feedback table with its resource's title. */
  const report = async (days: AnalyticsWindow): Promise<SearchAnalyticsView> => {
    const view = await deps.analytics.report(days);
    const { pageTitle } = deps;
    if (pageTitle === undefined) return view;
    const feedback = await Promise.all(
      view.feedback.map(async (row) => {
        const title = await pageTitle(row.url);
        return title === undefined ? row : { ...row, title };
      }),
    );
    return { ...view, feedback };
  };

  router.get(searchesPath, guard, async (req, res) => {
    const query = parseRequest(pageQuery, req.query);
    const view = await report(query.jours);
    sendPage(
      res,
      h(SearchesPage, {
        context: pageContext(deps, req),
        view,
        tables: analyticsTables(view, filterLabel),
        canPublish: deps.canPublish,
        ...(query.traitee === undefined ? {} : { handled: query.traitee }),
      }),
    );
  });

  router.get(`${searchesPath}.csv`, guard, async (req, res) => {
    const query = parseRequest(csvQuery, req.query);
    const view = await report(query.jours);
    const table = analyticsTables(view, filterLabel).find((one) => one.name === query.table);
    if (table === undefined) throw new InvalidParameterError('table : inconnue', 'table');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Cache-Control', 'private, no-store')
      .setHeader(
        'Content-Disposition',
        contentDisposition(`reperes-recherches-${table.name}-${query.jours}-jours.csv`),
      )
      .send(tableToCsv(table));
  });

  router.post(handledPath, guard, form, async (req, res) => {
    const body = parseRequest(handledForm, req.body ?? null);
    await deps.analytics.markHandled(body.cle);
    const back = new URLSearchParams({ jours: String(body.jours), traitee: body.recherche });
    res.redirect(303, `${searchesPath}?${back.toString()}#sans-resultat`);
  });

  return router;
}
