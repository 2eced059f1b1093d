import type { Meilisearch } from 'meilisearch';
import type { IndexNames } from '../engine/indexes.ts';
import type { DefiFields } from '../content/programme-fields.ts';

/**
 * The French label of each skill code (`datascience` → « Data science »), as the défis of
 * the index carry them from `skills.yml`: the compétence facet shows labels, filters codes.
 */

export interface SkillLabelsDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

/** Enough for every défi of the programme (about 70). */
const MAX_DEFIS = 1000;

/**
 * Skill code → label, for every skill a défi of the index has.
 * @param deps the engine and the index names
 */
export async function skillLabels(deps: SkillLabelsDeps): Promise<Map<string, string>> {
  const { hits } = await deps.meili
    .index<{ defi?: Pick<DefiFields, 'skills'> }>(deps.indexes.resources)
    .search('', {
      filter: 'type = "defi" AND defi.key EXISTS',
      attributesToRetrieve: ['defi.skills'],
      limit: MAX_DEFIS,
    });
  const labels = new Map<string, string>();
  for (const hit of hits)
    for (const skill of hit.defi?.skills ?? []) labels.set(skill.code, skill.label);
  return labels;
}
