import { Router } from 'express';
import { h } from 'preact';
import type { Taxonomy } from '../../content/topics.ts';
import { NotFoundError } from '../../errors.ts';
import { findResource, sectionsOf } from '../../index-lookup/index-lookup.ts';
import { listResources, type ResourceStoreDeps } from '../../resources/resource-store.ts';
import { findRelated } from '../../resources/related.ts';
import { defiLinks } from '../community/defi-links.ts';
import { resourceIdSchema } from '../../resources/router.ts';
import { MAX_QUERY_LENGTH, searchQuerySchema } from '../../search/search-query.ts';
import { prepareBodyHtml, queryTerms } from '../highlight.ts';
import { listedTypes } from '../listed-types.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { describeIssues, rawState, stateOf } from '../page-params.ts';
import { ResourcePage } from '../pages/resource.tsx';
import { ResourcesPage } from '../pages/resources.tsx';
import { positionIn, type ParcoursPosition } from '../components/parcours-step-nav.tsx';
import type { ParcoursCatalogue } from '../parcours/view.ts';
import { sendPage } from '../render.ts';
import { MAX_TOTAL_HITS } from '../../engine/indexes.ts';
import { isPastLastPage, pageCountOf } from '../components/pagination.tsx';
import { resultsReturnUrl } from '../urls.ts';
import type { ReviewPolicy } from '../../freshness/review-policy.ts';
import { reviewView } from '../components/review-note.tsx';
import { isArchived } from '../../search/archive-order.ts';

/** GET /ressources (the list, with filters) and GET /ressources/:id (one resource). */
export function resourcePagesRouter(
  deps: PageConfigDeps &
    ResourceStoreDeps & {
      taxonomy: Taxonomy;
      parcours: Pick<ParcoursCatalogue, 'get'>;
      reviewPolicy: ReviewPolicy;
      now: () => Date;
    },
): Router {
  const router = Router();
  const listSchema = searchQuerySchema(deps.taxonomy).omit({ group: true, sort: true });

  router.get('/ressources', async (req, res) => {
    const parsed = listSchema.safeParse(req.query);
    const base = { context: pageContext(deps, req), taxonomy: deps.taxonomy };
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
    const list = await listResources(
      deps,
      { ...parsed.data, type: listedTypes(parsed.data.type), limit, exceptTypes: ['parcours'] },
      deps.now(),
    );
    // Past the last page: 404 with a link to the last page, as on /recherche.
    const past = isPastLastPage(list.page, pageCountOf(list.total, list.limit, MAX_TOTAL_HITS));
    sendPage(
      res,
      h(ResourcesPage, { ...base, state: stateOf(parsed.data, req), list }),
      past ? 404 : 200,
    );
  });

  router.get('/ressources/:id', async (req, res) => {
    const id = resourceIdSchema.safeParse(req.params);
    if (!id.success) throw new NotFoundError('Cette adresse ne désigne aucune ressource.');
    const resource = await findResource(deps, id.data.id);
    if (resource === undefined)
      throw new NotFoundError(`Aucune ressource ne porte l’identifiant « ${id.data.id} ».`);
    // A parcours is read on its own page (steps, progress), not as a resource.
    if (resource.type === 'parcours') {
      res.redirect(301, resource.url);
      return;
    }
    const [sections, position] = await Promise.all([
      sectionsOf(deps, resource.id),
      parcoursPosition(deps.parcours, req.query, resource.id),
    ]);
    const defi = resource.type === 'defi' ? resource.defi : undefined;
    const [related, links] = await Promise.all([
      findRelated(deps, resource, sections),
      defi === undefined ? undefined : defiLinks(deps, resource, defi, sections),
    ]);
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
        context: pageContext(deps, req),
        taxonomy: deps.taxonomy,
        resource,
        review: reviewView(resource, { policy: deps.reviewPolicy, now: deps.now() }),
        archived: isArchived(resource.archivedAt, deps.now()),
        sections,
        related,
        ...(body === undefined ? {} : { body }),
        q,
        terms,
        ...withBack(resultsReturnUrl(req.query['retour'])),
        ...(position === undefined ? {} : { position }),
        ...(links === undefined ? {} : { defiLinks: links }),
        feedback: feedbackOf(req.originalUrl),
      }),
    );
  });

  return router;
}

/** The validated `retour` address as a page prop, when there is one. */
function withBack(back: string | undefined): { back?: string } {
  return back === undefined ? {} : { back };
}

/**
 * `?parcours=<slug>&etape=<n>`: where the page sits in the parcours it was reached from;
 * undefined (the page shows no parcours) when the slug or the step do not fit.
 */
async function parcoursPosition(
  catalogue: Pick<ParcoursCatalogue, 'get'>,
  query: Record<string, unknown>,
  resourceId: string,
): Promise<ParcoursPosition | undefined> {
  const slug = query['parcours'];
  if (typeof slug !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return undefined;
  const parcours = await catalogue.get(slug);
  if (parcours === undefined) return undefined;
  const rawStep = query['etape'];
  const asked =
    typeof rawStep === 'string' && /^\d{1,4}$/.test(rawStep) ? Number(rawStep) : undefined;
  return positionIn(parcours, resourceId, asked);
}

/** The feedback form's page (this address, without the thanks) and whether it was just answered. */
function feedbackOf(originalUrl: string): { page: string; thanked: boolean } {
  const url = new URL(originalUrl, 'http://reperes.invalid');
  const thanked = url.searchParams.get('avis') === 'merci';
  url.searchParams.delete('avis');
  return { page: `${url.pathname}${url.search}`, thanked };
}
