import type { ContentRoot } from '../content/roots.ts';
import type { ResourceLookup } from '../index-lookup/index-lookup.ts';
import { readParcoursSources, resolveParcoursSources } from './load-parcours.ts';
import type { Parcours, ParcoursCatalog } from './model.ts';

/**
 * The parcours as pages and the API see them. The files are the source of truth and are
 * read again on each call (a handful of small files), so every replica sees an edit at once;
 * their resolution against the index is kept while neither the files nor the index change,
 * so that every search can carry its hits' parcours for one engine call.
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

/** A store over the parcours files of the content folders, resolved against the index. */
export function createParcoursStore(deps: {
  roots: readonly ContentRoot[];
  lookup: ResourceLookup;
}): ParcoursStore {
  let kept: { key: string; catalog: Promise<ParcoursCatalog> } | undefined;
  const catalog = async (): Promise<ParcoursCatalog> => {
    const sources = await readParcoursSources(deps.roots);
    // No parcours: nothing to ask the index (a search on a folder without any stays one call).
    if (sources.length === 0) return { parcours: [], problems: [] };
    if (deps.lookup.version === undefined) return resolveParcoursSources(deps.lookup, sources);
    const key = JSON.stringify([await deps.lookup.version(), sources]);
    if (kept?.key !== key) {
      const resolving = resolveParcoursSources(deps.lookup, sources);
      kept = { key, catalog: resolving };
      // A failed resolution (engine down) is not kept.
      resolving.catch(() => {
        if (kept?.catalog === resolving) kept = undefined;
      });
    }
    return kept.catalog;
  };
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

/**
 * The step of each parcours that reads a resource: the one on the same section or page
 * when there is one, else its first step on that resource.
 * @param parcours the parcours that load
 * @param resourceId the resource
 * @param target the section or page a hit points to
 */
export function membershipsOf(
  parcours: readonly Parcours[],
  resourceId: string,
  target: { anchor?: string | undefined; page?: number | undefined } = {},
): ParcoursMembership[] {
  return parcours.flatMap((one) => {
    const onResource = one.steps.filter((candidate) => candidate.resource === resourceId);
    const step =
      onResource.find(
        (candidate) =>
          (candidate.anchor !== undefined && candidate.anchor === target.anchor) ||
          (candidate.page !== undefined && candidate.page === target.page),
      ) ?? onResource[0];
    return step === undefined
      ? []
      : [{ slug: one.slug, title: one.title, step: step.position, of: one.steps.length }];
  });
}
