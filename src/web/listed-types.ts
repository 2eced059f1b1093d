import { resourceTypes, type ResourceType } from '../content/model.ts';

/**
 * What the home page and the resources list show unless a type is asked for: everything to
 * read, not the people of the community, who have their own list (/communaute) and would
 * otherwise fill « recent » with some 250 names.
 */
export const readingTypes: ResourceType[] = resourceTypes.filter((type) => type !== 'personne');

/** The types a list filters on: the asked ones, or every type to read. */
export function listedTypes(asked: readonly ResourceType[]): ResourceType[] {
  return asked.length > 0 ? [...asked] : readingTypes;
}
