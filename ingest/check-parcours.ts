import type { ContentRoot } from '../src/content/roots.ts';
import { indexLookup, type IndexReadDeps } from '../src/index-lookup/index-lookup.ts';
import { readParcoursSources, resolveParcoursSources } from '../src/parcours/load-parcours.ts';
import type { ParcoursProblem } from '../src/parcours/model.ts';

/**
 * After a sync, checks the parcours of the content folders against the index as the
 * service will (unknown resource, anchor or page, duplicate step, missing title…), so
 * that `npm run ingest` reports a parcours the site would leave out.
 * @param deps the engine and the indexes just written
 * @param roots the content folders synchronised
 * @param failedPaths the files the sync already reported as failed (`<root>/<path>`): not reported twice
 */
export async function checkParcours(
  deps: IndexReadDeps,
  roots: readonly ContentRoot[],
  failedPaths: ReadonlySet<string>,
): Promise<ParcoursProblem[]> {
  const sources = await readParcoursSources(roots);
  if (sources.length === 0) return [];
  const { problems } = await resolveParcoursSources(indexLookup(deps), sources);
  return problems.filter((problem) => !failedPaths.has(problem.file));
}
