import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MultiSearchParams } from 'meilisearch';
import { createParsePool } from '../../ingest/parse-pool.ts';
import { syncContent } from '../../ingest/pipeline.ts';
import { benchPipelineDeps } from '../bench-pipeline.ts';
import type { Section } from '../../src/content/model.ts';
import { startEmbeddedMeilisearch } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { findRelated, relatedDefaults, type RelatedOptions } from '../../src/resources/related.ts';
import { findResource, sectionsOf } from '../../src/index-lookup/index-lookup.ts';
import {
  loadRelatedSet,
  meanRelated,
  RelatedSetError,
  scoreRelated,
  type JudgedRelated,
  type RelatedSummary,
} from './related-set.ts';
import { splits } from './query-set.ts';
import { evalFolders, evalRoots, idOfAnswer, requireCorpus } from './eval-content.ts';

/**
 * `npm run eval:related`: "Voir aussi" over ../shared/corpus and guides/ against the judged
 * pairs of related.yml. Prints precision, recall and the share of lists whose first
 * resource is related, per split, for the settings in use, a few variants of them and a
 * naive reference (the resource's title as a query); then the dev lists in full. Test
 * lists are never printed, so that nobody tunes on them. Exits 2 when it cannot run.
 */

const K = relatedDefaults.limit;
await requireCorpus();

let pairs: JudgedRelated[];
try {
  pairs = await loadRelatedSet(path.join(import.meta.dirname, 'related.yml'), evalFolders);
} catch (error) {
  if (!(error instanceof RelatedSetError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const roots = evalRoots;
const idOf = idOfAnswer;

/** A way of listing related resources, measured on every pair. */
interface Variant {
  label: string;
  list: (resourceId: string) => Promise<{ id: string; title: string }[]>;
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-eval-related-'));
const meili = await startEmbeddedMeilisearch({ dataDir });
const rows: { label: string; summaries: Record<string, RelatedSummary> }[] = [];
const devLists: { pair: JudgedRelated; shown: { id: string; title: string }[] }[] = [];
/** Time of one `findRelated` (its one round trip included), in milliseconds. */
const timings: number[] = [];
const parsePool = createParsePool();

try {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 });
  const deps = await benchPipelineDeps(client, 'eval', parsePool);
  const summary = await syncContent(deps, { roots });
  for (const failure of summary.failed)
    console.warn(`Non indexé : ${failure.path} (${failure.code}) : ${failure.reason}`);

  const related = (options: RelatedOptions) => async (resourceId: string) => {
    const resource = await findResource(deps, resourceId);
    if (resource === undefined) throw new Error(`${resourceId} is not indexed`);
    return findRelated(deps, resource, await sectionsOf(deps, resourceId), options);
  };
  const variants: Variant[] = [
    { label: 'Repères', list: related({}) },
    { label: 'sans thématiques', list: related({ topicBoost: 0 }) },
    { label: 'sans titres', list: related({ titleFactor: 1, headingFactor: 1, textFactor: 1 }) },
    { label: 'texte comme titres', list: related({ textFactor: 1 }) },
    { label: '12 mots', list: related({ terms: 12 }) },
    { label: '40 mots', list: related({ terms: 40 }) },
    { label: '40 par mot', list: related({ perTerm: 40 }) },
    { label: '20 par mot', list: related({ perTerm: 20 }) },
    { label: 'sans longueur', list: related({ lengthNorm: 0 }) },
    { label: 'longueur 0.3', list: related({ lengthNorm: 0.3 }) },
    { label: 'longueur 1', list: related({ lengthNorm: 1 }) },
    { label: 'rareté²', list: related({ rarityPower: 2 }) },
    { label: 'thématiques 1', list: related({ topicBoost: 1 }) },
    {
      label: 'réf. : le titre',
      list: async (resourceId) => {
        const resource = await findResource(deps, resourceId);
        if (resource === undefined) throw new Error(`${resourceId} is not indexed`);
        const { results } = await client.multiSearch<MultiSearchParams, Section>({
          queries: [
            {
              indexUid: deps.indexes.sections,
              q: resource.title,
              filter: `resourceId != ${JSON.stringify(resourceId)}`,
              distinct: 'resourceId',
              limit: K,
              locales: ['fra'],
            },
          ],
        });
        return (results[0]?.hits ?? []).map((hit) => ({ id: hit.resourceId, title: hit.title }));
      },
    },
  ];

  for (const variant of variants) {
    const scores: { split: string; score: ReturnType<typeof scoreRelated> }[] = [];
    for (const pair of pairs) {
      const shown = await variant.list(idOf(pair.resource));
      const judged = new Set(pair.related.map(idOf));
      scores.push({
        split: pair.split,
        score: scoreRelated(
          shown.map((r) => r.id),
          judged,
          K,
        ),
      });
      if (variant === variants[0] && pair.split === 'dev') devLists.push({ pair, shown });
    }
    rows.push({
      label: variant.label,
      summaries: Object.fromEntries(
        splits.map((split) => [
          split,
          meanRelated(scores.filter((s) => s.split === split).map((s) => s.score)),
        ]),
      ),
    });
  }

  // Its cost on a resource page: every judged resource, three times each.
  for (const pair of pairs) {
    const id = idOf(pair.resource);
    const resource = await findResource(deps, id);
    if (resource === undefined) continue;
    const sections = await sectionsOf(deps, id);
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await findRelated(deps, resource, sections);
      timings.push(performance.now() - started);
    }
  }
} finally {
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

const figure = (value: number) => value.toFixed(3).padStart(11);
console.log(
  `\n« Voir aussi » sur ${pairs.length} ressources jugées (../shared/corpus et guides/) : au plus ${K} ressources par liste ; précision = part des ressources montrées jugées liées, rappel = ressources liées montrées sur min(${K}, nombre jugé), 1re = part des listes dont la première est liée.`,
);
for (const split of splits) {
  const n = rows[0]?.summaries[split]?.n ?? 0;
  console.log(`\n${split} (${n} ressources)`);
  console.log(
    `${''.padEnd(18)}${'précision'.padStart(11)}${'rappel'.padStart(11)}${'1re'.padStart(11)}`,
  );
  for (const { label, summaries } of rows) {
    const s = summaries[split];
    if (s === undefined) continue;
    console.log(label.padEnd(18) + figure(s.precision) + figure(s.recall) + figure(s.firstShare));
  }
}

const sorted = [...timings].sort((a, b) => a - b);
const at = (share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
console.log(
  `\nDurée d'un calcul (un aller-retour Meilisearch compris), sur ${sorted.length} calculs : médiane ${at(0.5)?.toFixed(1)} ms, 95e centile ${at(0.95)?.toFixed(1)} ms.`,
);

// Only dev lists: the test pairs are for reporting, never for tuning.
console.log('\nListes dev de Repères (✓ jugée liée) :');
for (const { pair, shown } of devLists) {
  const judged = new Set(pair.related.map(idOf));
  console.log(`\n  ${pair.resource.label}`);
  if (shown.length === 0) console.log('    (aucune)');
  for (const item of shown)
    console.log(`    ${judged.has(item.id) ? '✓' : '✗'} ${item.title} (${item.id})`);
}
