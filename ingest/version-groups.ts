import type { VersionRef } from '../src/content/model.ts';
import { foldText } from '../src/text/fold-accents.ts';
import { estimateJaccard } from './minhash.ts';

/**
 * Near-duplicate resources (the same report as `-VF.pdf` and `.pdf`, a guide and its
 * archived copy) grouped from their MinHash signatures, each group named after its
 * preferred version.
 */

/**
 * Estimated Jaccard similarity (5-word shingles) from which two resources are versions of
 * one another. On the development corpus the one real pair (two guides with the same
 * text under two names) scores 1.0 and the closest unrelated pair (a guide that quotes a
 * mini-guide in full among other chapters) 0.54, then 0.23: 0.7 sits three standard
 * errors of the estimate above 0.54, and still groups a revision that changes about one
 * word in thirty.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;

/** LSH banding: pairs sharing one band of 4 values are compared (J = 0.7 → 99.98 % recall). */
const ROWS_PER_BAND = 4;

/** What grouping needs to know of a resource. */
export interface VersionCandidate extends Omit<VersionRef, 'path'> {
  /** Content date (YYYY-MM-DD), when known. */
  date?: string;
  source: { path: string; format: string };
  minhash: readonly number[];
}

/** A resource's place among its versions. */
export interface VersionAssignment {
  /** Id of the group's preferred version (the resource's own id when it stands alone). */
  versionGroup: string;
  /** All versions, the preferred first; empty when the resource stands alone. */
  versions: VersionRef[];
}

// A file name that says "final" wins; a path that says "archive", "draft" or "copy" loses.
const FINAL = /(^|[^a-z0-9])(vf|final|finale|definitif|definitive)([^a-z0-9]|$)/;
const SUPERSEDED =
  /(^|[^a-z0-9])(archives?|archivee?s?|old|obsolete|brouillon|draft|copie|copy|backup|bak)([^a-z0-9]|$)/;

function nameRank(candidate: VersionCandidate): number {
  const folded = foldText(candidate.source.path);
  const fileName = folded.split('/').at(-1) ?? folded;
  if (SUPERSEDED.test(folded)) return 2;
  return FINAL.test(fileName) ? 0 : 1;
}

/**
 * Orders versions, preferred first: a name marked final (`-VF`, `final`, `définitif`),
 * then not marked as superseded (`archive`, `old`, `brouillon`, `copie`…), then the
 * newest content date, then a web page before a PDF (readable and accessible in place),
 * then the shorter path and the id, so that the choice never depends on the order of
 * ingestion.
 */
export function compareVersions(a: VersionCandidate, b: VersionCandidate): number {
  return (
    nameRank(a) - nameRank(b) ||
    (b.date ?? '').localeCompare(a.date ?? '') ||
    Number(a.source.format === 'pdf') - Number(b.source.format === 'pdf') ||
    a.source.path.length - b.source.path.length ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Groups resources whose signatures estimate a Jaccard similarity of at least
 * `threshold` (transitively), and names each group after its preferred version.
 * Every candidate gets an assignment.
 */
export function groupVersions(
  candidates: readonly VersionCandidate[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): Map<string, VersionAssignment> {
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };

  // Candidate pairs share a band; only they are compared (linear, not quadratic).
  const buckets = new Map<string, number[]>();
  candidates.forEach((candidate, i) => {
    for (let start = 0; start + ROWS_PER_BAND <= candidate.minhash.length; start += ROWS_PER_BAND) {
      const key = `${start}:${candidate.minhash.slice(start, start + ROWS_PER_BAND).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else bucket.push(i);
    }
  });
  const compared = new Set<string>();
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x] as number;
        const j = bucket[y] as number;
        if (find(i) === find(j)) continue;
        const pair = `${i}:${j}`;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const a = candidates[i] as VersionCandidate;
        const b = candidates[j] as VersionCandidate;
        if (estimateJaccard(a.minhash, b.minhash) >= threshold) parent[find(i)] = find(j);
      }
    }
  }

  const members = new Map<number, VersionCandidate[]>();
  candidates.forEach((candidate, i) => {
    const root = find(i);
    const group = members.get(root);
    if (group === undefined) members.set(root, [candidate]);
    else group.push(candidate);
  });
  const assignments = new Map<string, VersionAssignment>();
  for (const group of members.values()) {
    const ordered = [...group].sort(compareVersions);
    const preferred = ordered[0] as VersionCandidate;
    const versions =
      ordered.length < 2
        ? []
        : ordered.map(({ id, title, url, source }) => ({ id, title, url, path: source.path }));
    for (const member of group)
      assignments.set(member.id, { versionGroup: preferred.id, versions });
  }
  return assignments;
}
