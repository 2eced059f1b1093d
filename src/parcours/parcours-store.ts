import type { ContentRoot } from '../content/roots.ts';
import { findResource, sectionsOf, type ResourceStoreDeps } from '../resources/resource-store.ts';
import { loadParcours, type ResourceLookup } from './load-parcours.ts';
import type { Parcours, ParcoursCatalog } from './model.ts';

/**
 * The parcours as pages and the API see them. The files are the source of truth and are
 * read again on each call (a handful of small files), so every replica sees an edit at once.
 */

export interface ParcoursStore {
  /** Every parcours that loads, and why the others did not. */
  catalog(): Promise<ParcoursCatalog>;
  /** Every parcours that loads, in file order. */
  listParcours(): Promise<Parcours[]>;
  /** One parcours, or undefined when no valid parcours has that slug. */
  getParcours(slug: string): Promise<Parcours | undefined>;
  /** The parcours a resource belongs to, with its step (from 1) in each. */
  parcoursOf(resourceId: string): Promise<ParcoursMembership[]>;
}

export interface ParcoursMembership {
  slug: string;
  title: string;
  step: number;
  of: number;
}

/** The index as a parcours sees it. */
export function indexLookup(deps: ResourceStoreDeps): ResourceLookup {
  return {
    resource: (id) => findResource(deps, id),
    sections: (resourceId) => sectionsOf(deps, resourceId),
  };
}

/** A store over the parcours files of the content folders, resolved against the index. */
export function createParcoursStore(deps: {
  roots: readonly ContentRoot[];
  lookup: ResourceLookup;
}): ParcoursStore {
  const catalog = (): Promise<ParcoursCatalog> => loadParcours(deps);
  const listParcours = async (): Promise<Parcours[]> => (await catalog()).parcours;
  return {
    catalog,
    listParcours,
    async getParcours(slug) {
      return (await listParcours()).find((parcours) => parcours.slug === slug);
    },
    async parcoursOf(resourceId) {
      return membershipsOf(await listParcours(), resourceId);
    },
  };
}

/** The first step of each parcours that reads a resource. */
export function membershipsOf(
  parcours: readonly Parcours[],
  resourceId: string,
): ParcoursMembership[] {
  return parcours.flatMap((one) => {
    const step = one.steps.find((candidate) => candidate.resource === resourceId);
    return step === undefined
      ? []
      : [{ slug: one.slug, title: one.title, step: step.position, of: one.steps.length }];
  });
}
