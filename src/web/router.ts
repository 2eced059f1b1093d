import { Router, type Request, type RequestHandler, type Response } from 'express';
import { h } from 'preact';
import type { z } from 'zod';
import type { SearchLog } from '../analytics/search-log.ts';
import type { Config } from '../config.ts';
import type { Taxonomy } from '../content/topics.ts';
import { NotFoundError } from '../errors.ts';
import {
  countByTopic,
  findResource,
  listResources,
  sectionsOf,
} from '../resources/resource-store.ts';
import { resourceIdSchema } from '../resources/router.ts';
import { MAX_QUERY_LENGTH, searchQuerySchema, type SearchQuery } from '../search/search-query.ts';
import { searchSections, type SearchDeps } from '../search/search-sections.ts';
import { assetsRouter } from './assets.ts';
import { prepareBodyHtml, queryTerms } from './highlight.ts';
import type { PageContext } from './layout.tsx';
import { ErrorPage } from './pages/error.tsx';
import { HomePage } from './pages/home.tsx';
import { AccessibilityPage, LegalNoticePage, PrivacyPage, SiteMapPage } from './pages/legal.tsx';
import { ResourcePage } from './pages/resource.tsx';
import { ResourcesPage } from './pages/resources.tsx';
import { ResultsPage } from './pages/results.tsx';
import { sendPage } from './render.ts';
import { suggestionCandidates, taxonomyVocabulary } from './suggestions.ts';
import type { SearchState } from './urls.ts';
import { recordSearch } from '../search/record-search.ts';

/** The web UI's page routes, server-rendered in French. */

export interface WebDeps extends SearchDeps {
  config: Pick<Config, 'brand' | 'contactEmail' | 'hostingInfo'>;
  taxonomy: Taxonomy;
  searchLog: SearchLog;
  now: () => Date;
}

/** Sent by search-as-you-type: such intermediate searches are not logged. */
export const LIVE_SEARCH_HEADER = 'x-live-search';

const parameterNames: Record<string, string> = {
  q: 'mots recherchés',
  topic: 'thématique',
  type: 'type de document',
  promotion: 'promotion',
  organisation: 'administration',
  page: 'page',
  limit: 'nombre de résultats par page',
  group: 'regroupement',
};

/** One French sentence per invalid parameter. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.find((part) => typeof part === 'string');
      const name = key === undefined ? 'requête' : (parameterNames[key] ?? key);
      return `Paramètre « ${name} » : ${issue.message}.`;
    })
    .join(' ');
}

/** What the page can show of the raw query string when it is invalid. */
function rawState(query: Request['query']): SearchState {
  const q = typeof query['q'] === 'string' ? query['q'].slice(0, MAX_QUERY_LENGTH) : '';
  return { q, topic: [], type: [], promotion: [], page: 1 };
}

/** The page's state; `limit` only when the address set it, so that links keep it. */
function stateOf(
  query: Pick<SearchQuery, 'q' | 'topic' | 'type' | 'promotion' | 'page' | 'limit'>,
  req: Request,
): SearchState {
  const { q, topic, type, promotion, page, limit } = query;
  return {
    q,
    topic,
    type,
    promotion,
    page,
    ...(req.query['limit'] === undefined ? {} : { limit }),
  };
}

export function pageContext(deps: Pick<WebDeps, 'config'>, req: Request): PageContext {
  return {
    brand: deps.config.brand,
    path: req.path,
    contactEmail: deps.config.contactEmail,
    hostingInfo: deps.config.hostingInfo,
  };
}

/** Renders the error page; used by the app's last handlers for every non-API address. */
export function sendErrorPage(
  deps: Pick<WebDeps, 'config'>,
  req: Request,
  res: Response,
  error: { status: number; message?: string },
): void {
  sendPage(
    res,
    h(ErrorPage, {
      context: pageContext(deps, req),
      status: error.status,
      ...(error.message === undefined ? {} : { message: error.message }),
    }),
    error.status,
  );
}

/** Unknown pages: a 404 page in the site's layout. */
export function webNotFound(deps: Pick<WebDeps, 'config'>): RequestHandler {
  return (req, res) => {
    sendErrorPage(deps, req, res, { status: 404 });
  };
}

export function webRouter(deps: WebDeps): Router {
  const router = Router();
  const schema = searchQuerySchema(deps.taxonomy);
  const listSchema = schema.omit({ group: true });
  const vocabulary = taxonomyVocabulary(deps.taxonomy);
  const context = (req: Request) => pageContext(deps, req);

  router.use(assetsRouter());

  router.get('/', async (req, res) => {
    // The unfiltered list's topic counts are the tiles' counts: one round trip for both.
    const recent = await listResources(deps, listSchema.parse({ limit: 6 }));
    sendPage(
      res,
      h(HomePage, {
        context: context(req),
        taxonomy: deps.taxonomy,
        topicCounts: recent.facets.topics,
        recent: recent.resources,
      }),
    );
  });

  router.get('/recherche', async (req, res) => {
    const parsed = schema.safeParse(req.query);
    const base = {
      context: context(req),
      taxonomy: deps.taxonomy,
      suggestions: [],
      topicCounts: {},
    };
    if (!parsed.success) {
      sendPage(
        res,
        h(ResultsPage, {
          ...base,
          state: rawState(req.query),
          error: describeIssues(parsed.error),
        }),
        400,
      );
      return;
    }
    const query = parsed.data;
    const result = await searchSections(deps, query);
    if (req.get(LIVE_SEARCH_HEADER) === undefined) recordSearch(deps, query, result);
    const empty = result.total === 0;
    const [suggestions, topicCounts] = empty
      ? await Promise.all([workingSuggestions(deps, query, vocabulary), countByTopic(deps)])
      : [[], {}];
    sendPage(
      res,
      h(ResultsPage, { ...base, state: stateOf(query, req), result, suggestions, topicCounts }),
    );
  });

  router.get('/ressources', async (req, res) => {
    const parsed = listSchema.safeParse(req.query);
    const base = { context: context(req), taxonomy: deps.taxonomy };
    if (!parsed.success) {
      sendPage(
        res,
        h(ResourcesPage, {
          ...base,
          state: rawState(req.query),
          error: describeIssues(parsed.error),
        }),
        400,
      );
      return;
    }
    // Longer pages than the search's: a list is for browsing.
    const limit = req.query['limit'] === undefined ? 20 : parsed.data.limit;
    const list = await listResources(deps, { ...parsed.data, limit });
    sendPage(res, h(ResourcesPage, { ...base, state: stateOf(parsed.data, req), list }));
  });

  router.get('/ressources/:id', async (req, res) => {
    const id = resourceIdSchema.safeParse(req.params);
    if (!id.success) throw new NotFoundError('Cette adresse ne désigne aucune ressource.');
    const resource = await findResource(deps, id.data.id);
    if (resource === undefined)
      throw new NotFoundError(`Aucune ressource ne porte l’identifiant « ${id.data.id} ».`);
    const sections = await sectionsOf(deps, resource.id);
    const rawQ = req.query['q'];
    const q =
      typeof rawQ === 'string' ? rawQ.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY_LENGTH) : '';
    const terms = queryTerms(q);
    const body =
      resource.html === undefined || resource.source.format === 'pdf'
        ? undefined
        : prepareBodyHtml(resource.html, { title: resource.title, terms });
    sendPage(
      res,
      h(ResourcePage, {
        context: context(req),
        taxonomy: deps.taxonomy,
        resource,
        sections,
        ...(body === undefined ? {} : { body }),
        q,
        terms,
      }),
    );
  });

  router.get('/accessibilite', (req, res) =>
    sendPage(res, h(AccessibilityPage, { context: context(req) })),
  );
  router.get('/mentions-legales', (req, res) =>
    sendPage(res, h(LegalNoticePage, { context: context(req) })),
  );
  router.get('/donnees-personnelles', (req, res) =>
    sendPage(res, h(PrivacyPage, { context: context(req) })),
  );
  router.get('/plan-du-site', (req, res) =>
    sendPage(res, h(SiteMapPage, { context: context(req), taxonomy: deps.taxonomy })),
  );

  return router;
}

/** Suggestions that do find something with the same filters, at most three. */
async function workingSuggestions(
  deps: WebDeps,
  query: SearchQuery,
  vocabulary: Map<string, string>,
): Promise<string[]> {
  const candidates = suggestionCandidates(query.q, vocabulary).slice(0, 6);
  const results = await Promise.all(
    candidates.map((q) => searchSections(deps, { ...query, q, page: 1, limit: 1 })),
  );
  // A candidate that only finds something by dropping words is not what it says.
  return candidates
    .filter((_, i) => (results[i]?.total ?? 0) > 0 && results[i]?.ignoredWords === undefined)
    .slice(0, 3);
}
