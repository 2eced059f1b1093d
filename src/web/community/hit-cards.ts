import type { Skill } from '../../content/programme-fields.ts';
import type { ResourceStoreDeps } from '../../resources/resource-store.ts';
import type { StoredResource } from '../../index-lookup/index-lookup.ts';
import type { SearchHit } from '../../search/search-sections.ts';

/**
 * What a results page shows of défi and person hits beyond the hit itself: a défi's card
 * (administration, promotion, skills, one-line description) and a person's profile and
 * promotions, read from their resources in one request.
 */

export interface DefiCardView {
  kind: 'defi';
  administration: string;
  promotion: string;
  year: number;
  skills: Skill[];
  description?: string;
}

export interface PersonCardView {
  kind: 'personne';
  profile: string;
  promotions: string[];
  defis: string[];
}

export type HitCardView = DefiCardView | PersonCardView;

/** Cards by resource id. */
export type HitCards = ReadonlyMap<string, HitCardView>;

/** The fields of the resources a card needs; the rest of the record stays in the index. */
const cardFields = ['id', 'type', 'summary', 'defi', 'person'] as const;

/** One card per défi or person hit that carries the programme's data; no request without one. */
export async function hitCards(
  deps: ResourceStoreDeps,
  hits: readonly Pick<SearchHit, 'type' | 'resourceId'>[],
): Promise<HitCards> {
  const ids = [
    ...new Set(
      hits
        .filter((hit) => hit.type === 'defi' || hit.type === 'personne')
        .map((hit) => hit.resourceId),
    ),
  ];
  if (ids.length === 0) return new Map();
  const { results } = await deps.meili
    .index<StoredResource>(deps.indexes.resources)
    .getDocuments<StoredResource>({ ids, fields: [...cardFields], limit: ids.length });
  return new Map(
    results.flatMap((resource): [string, HitCardView][] => {
      const card = cardOf(resource);
      return card === undefined ? [] : [[resource.id, card]];
    }),
  );
}

function cardOf(resource: StoredResource): HitCardView | undefined {
  if (resource.type === 'defi' && resource.defi !== undefined) {
    const { administration, promotion, year, skills } = resource.defi;
    const description = resource.defi.description ?? resource.summary;
    return {
      kind: 'defi',
      administration,
      promotion,
      year,
      skills,
      ...(description === undefined ? {} : { description }),
    };
  }
  if (resource.type === 'personne' && resource.person !== undefined) {
    const { profile, promotions, defis } = resource.person;
    return { kind: 'personne', profile, promotions, defis: defis.map((defi) => defi.title) };
  }
  return undefined;
}
