import type { Meilisearch } from 'meilisearch';
import type { Section, VersionFields } from '../src/content/model.ts';
import type { IndexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import {
  groupVersions,
  NEAR_DUPLICATE_THRESHOLD,
  type VersionCandidate,
} from './version-groups.ts';

/**
 * The pipeline's last step: groups near-duplicate resources from the signatures stored in
 * the index, and writes `versionGroup` and `versions` to the resources whose grouping
 * changed and to their sections.
 *
 * It regroups everything from the stored signatures rather than only the files of this
 * sync: a removed or changed file can split a group it bridged, and a sync stopped
 * between its writes and this step is put right by the next one. Reading 128 numbers per
 * resource and comparing only pairs that share an LSH band keeps it cheap.
 */

const PAGE = 1000;
/** Resources per section lookup filter. */
const RESOURCES_PER_FILTER = 50;

type StoredCandidate = VersionCandidate & Partial<VersionFields>;

export interface RegroupOutcome {
  /** Resources whose group changed (joined, left or renamed). */
  changed: string[];
  /** Groups of two versions or more, each listed preferred first. */
  groups: string[][];
}

/** Regroups near-duplicates in these indexes; returns what changed. */
export async function regroupVersions(
  client: Meilisearch,
  names: IndexNames,
  threshold = NEAR_DUPLICATE_THRESHOLD,
): Promise<RegroupOutcome> {
  const stored = await storedCandidates(client, names);
  const assignments = groupVersions(stored, threshold);

  const changed: (VersionFields & { id: string })[] = [];
  for (const resource of stored) {
    const wanted = assignments.get(resource.id);
    if (wanted === undefined) continue;
    const same =
      resource.versionGroup === wanted.versionGroup &&
      JSON.stringify(resource.versions ?? []) === JSON.stringify(wanted.versions);
    if (!same) changed.push({ id: resource.id, ...wanted });
  }

  if (changed.length > 0) {
    await writeSections(client, names, changed);
    await settle(
      client.index(names.resources).updateDocuments(changed, { primaryKey: 'id' }),
      'regroupement des versions (ressources)',
    );
  }
  const groups = new Map<string, string[]>();
  for (const assignment of assignments.values()) {
    if (assignment.versions.length > 1)
      groups.set(
        assignment.versionGroup,
        assignment.versions.map((version) => version.id),
      );
  }
  return { changed: changed.map((resource) => resource.id), groups: [...groups.values()] };
}

/** Every resource's signature and current grouping, as stored. */
async function storedCandidates(
  client: Meilisearch,
  names: IndexNames,
): Promise<StoredCandidate[]> {
  const index = client.index<StoredCandidate>(names.resources);
  const found: StoredCandidate[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await index.getDocuments<StoredCandidate>({
      fields: ['id', 'title', 'url', 'date', 'source', 'minhash', 'versionGroup', 'versions'],
      limit: PAGE,
      offset,
    });
    // Records written before signatures existed have none: they stand alone until parsed again.
    found.push(...page.results.map((record) => ({ ...record, minhash: record.minhash ?? [] })));
    if (page.results.length < PAGE) return found;
  }
}

/** Copies each resource's new grouping to all its sections (partial updates). */
async function writeSections(
  client: Meilisearch,
  names: IndexNames,
  changed: readonly (VersionFields & { id: string })[],
): Promise<void> {
  const index = client.index<Section>(names.sections);
  for (let start = 0; start < changed.length; start += RESOURCES_PER_FILTER) {
    const group = changed.slice(start, start + RESOURCES_PER_FILTER);
    const byResource = new Map(group.map((resource) => [resource.id, resource]));
    const filter = `resourceId IN [${group.map((resource) => JSON.stringify(resource.id)).join(', ')}]`;
    const updates: (VersionFields & { id: string })[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await index.getDocuments<Pick<Section, 'id' | 'resourceId'>>({
        fields: ['id', 'resourceId'],
        filter,
        limit: PAGE,
        offset,
      });
      for (const section of page.results) {
        const resource = byResource.get(section.resourceId);
        if (resource === undefined) continue;
        updates.push({
          id: section.id,
          versionGroup: resource.versionGroup,
          versions: resource.versions,
        });
      }
      if (page.results.length < PAGE) break;
    }
    if (updates.length > 0) {
      await settle(
        index.updateDocuments(updates, { primaryKey: 'id' }),
        'regroupement des versions (sections)',
      );
    }
  }
}
