import type { Parcours, ParcoursStep } from '../../parcours/model.ts';
import type { ParcoursStore } from '../../parcours/parcours-store.ts';
import type { ParcoursCatalogue, ParcoursStepView, ParcoursView } from './view.ts';

/** The pages' view of the parcours store: only the fields they show. */
export function parcoursCatalogue(
  store: Pick<ParcoursStore, 'listParcours' | 'getParcours'>,
): ParcoursCatalogue {
  return {
    list: async () =>
      (await store.listParcours()).map((parcours) => ({
        slug: parcours.slug,
        title: parcours.title,
        audience: parcours.audience,
        description: parcours.description,
        readingMinutes: parcours.readingMinutes,
        stepCount: parcours.steps.length,
      })),
    get: async (slug) => {
      const parcours = await store.getParcours(slug);
      return parcours === undefined ? undefined : presentParcours(parcours);
    },
  };
}

function presentParcours(parcours: Parcours): ParcoursView {
  return {
    slug: parcours.slug,
    title: parcours.title,
    audience: parcours.audience,
    description: parcours.description,
    readingMinutes: parcours.readingMinutes,
    steps: parcours.steps.map(presentStep),
  };
}

function presentStep(step: ParcoursStep): ParcoursStepView {
  return {
    resourceId: step.resource,
    title: step.title,
    type: step.type,
    heading: step.heading,
    url: pageAnchor(step.url),
    page: step.page,
    note: step.note,
    week: step.week,
    readingMinutes: step.readingMinutes,
  };
}

/**
 * `/ressources/<id>#page=3` (the PDF viewer's fragment) → `#page-3`, the id of that page's
 * text on the resource page, where the parcours navigation is shown.
 */
export function pageAnchor(url: string): string {
  return url.startsWith('/ressources/') ? url.replace(/#page=(\d+)$/, '#page-$1') : url;
}
