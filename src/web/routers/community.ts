import { Router } from 'express';
import { h } from 'preact';
import type { CommunityStore, Defi, Person } from '../../community/community-store.ts';
import { NotFoundError } from '../../errors.ts';
import { communityQuerySchema, describeCommunityIssues } from '../community/community-query.ts';
import type { CommunityState } from '../community/urls.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { CommunityPage, type FilterOption } from '../pages/community.tsx';
import { PersonPage } from '../pages/person.tsx';
import { sendPage } from '../render.ts';
import type { ResourceStoreDeps } from '../../resources/resource-store.ts';
import { hitCards } from '../community/hit-cards.ts';

export interface CommunityPagesDeps extends PageConfigDeps, ResourceStoreDeps {
  community: Pick<CommunityStore, 'listPersons' | 'listDefis' | 'getPerson'>;
}

/** People a page of the list shows: three columns of ten on a wide screen. */
export const PEOPLE_PER_PAGE = 30;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** GET /communaute (the list, with filters) and GET /communaute/:slug (one person). */
export function communityPagesRouter(deps: CommunityPagesDeps): Router {
  const router = Router();

  router.get('/communaute', async (req, res) => {
    const context = pageContext(deps, req);
    const parsed = communityQuerySchema.safeParse(req.query);
    const state: CommunityState = parsed.success
      ? parsed.data
      : { profil: [], promotion: [], competence: [], page: 1 };
    const [everyone, defis, persons] = await Promise.all([
      deps.community.listPersons(),
      deps.community.listDefis(),
      parsed.success ? deps.community.listPersons(parsed.data) : [],
    ]);
    const options = filterOptions(everyone, defis);
    if (!parsed.success) {
      const error = describeCommunityIssues(parsed.error);
      sendPage(res, h(CommunityPage, { context, state, options, error }), 400);
      return;
    }
    const pageCount = Math.max(1, Math.ceil(persons.length / PEOPLE_PER_PAGE));
    const page = Math.min(state.page, pageCount);
    const list = {
      persons: persons.slice((page - 1) * PEOPLE_PER_PAGE, page * PEOPLE_PER_PAGE),
      total: persons.length,
      page,
      pageCount,
    };
    sendPage(res, h(CommunityPage, { context, state: { ...state, page }, options, list }));
  });

  router.get('/communaute/:slug', async (req, res) => {
    const slug = req.params.slug;
    const person = slugPattern.test(slug) ? await deps.community.getPerson(slug) : undefined;
    if (person === undefined)
      throw new NotFoundError(
        `Aucune personne de la communauté ne porte l’identifiant « ${slug} ».`,
      );
    // Each défi with its administration, promotion and description: one request.
    const cards = await hitCards(
      deps,
      person.defis.flatMap((defi) =>
        defi.id === undefined ? [] : [{ type: 'defi' as const, resourceId: defi.id }],
      ),
    );
    sendPage(res, h(PersonPage, { context: pageContext(deps, req), person, cards }));
  });

  return router;
}

/**
 * The values each filter offers, with how many people have them: profiles most common
 * first, promotions in order, skills by label (their labels come from the défis' data).
 */
export function filterOptions(
  persons: readonly Person[],
  defis: readonly Defi[],
): { profil: FilterOption[]; promotion: FilterOption[]; competence: FilterOption[] } {
  const skillLabels = new Map(defis.flatMap((defi) => defi.skills).map((s) => [s.code, s.label]));
  const count = (pick: (person: Person) => readonly string[]) => {
    const counts = new Map<string, number>();
    for (const person of persons)
      for (const value of new Set(pick(person))) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts];
  };
  const collator = new Intl.Collator('fr', { numeric: true });
  return {
    profil: count((person) => [person.profile])
      .map(([value, n]) => ({ value, label: value, count: n }))
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label)),
    promotion: count((person) => person.promotions)
      .map(([value, n]) => ({ value, label: value, count: n }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    competence: count((person) => person.skills)
      .map(([value, n]) => ({ value, label: skillLabels.get(value) ?? value, count: n }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  };
}
