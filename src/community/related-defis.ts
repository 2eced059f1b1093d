import type { Section } from '../content/model.ts';
import {
  findRelated,
  type DescribedResource,
  type RelatedDeps,
  type RelatedOptions,
  type RelatedResource,
} from '../resources/related.ts';

/**
 * « Défis proches »: the other défis closest to one, by the shared rare words of their
 * descriptions and pages (the "more like this" of src/resources/related.ts, restricted to
 * défis), more for each topic (domain) and each skill they share. Deterministic: the same
 * index gives the same list, ties broken by id.
 */

/**
 * Skills are coarse (most défis need developers): one shared skill adds a little, where a
 * shared topic adds more.
 */
export const relatedDefiOptions: RelatedOptions = {
  limit: 5,
  types: ['defi'],
  skillBoost: 0.2,
};

/**
 * The défis closest to one, best first, at most five.
 * @param deps the engine and the index names
 * @param defi the défi: its id, title, topics, summary and skill codes
 * @param sections its sections (headings and text)
 */
export async function findRelatedDefis(
  deps: RelatedDeps,
  defi: Omit<DescribedResource, 'keywords'>,
  sections: readonly Pick<Section, 'heading' | 'text' | 'chunk'>[],
): Promise<RelatedResource[]> {
  // A défi's keywords are its team's names: a shared mentor is no sign of a shared subject.
  return findRelated(deps, { ...defi, keywords: [] }, sections, relatedDefiOptions);
}
