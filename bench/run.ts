import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent, type PipelineDeps } from '../ingest/pipeline.ts';
import { formatSummary } from '../ingest/report.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { contentRoots } from '../src/content/roots.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { searchQuerySchema } from '../src/search/search-query.ts';
import { searchSections } from '../src/search/search-sections.ts';

/**
 * `npm run bench`: speed and memory of ingestion and search, on ../shared/corpus (and the
 * project's guides), against the targets below. Exits 1 when a target is missed.
 * `npm run bench -- recovery`: the service's recovery time after `kill -9` of its engine
 * (bench/engine-recovery.ts).
 */

if (process.argv[2] === 'recovery') {
  // `npm run bench -- recovery`: the engine's recovery time only.
  await import('./engine-recovery.ts');
  process.exit();
}

const targets = {
  /** Whole corpus, first ingestion. */
  ingestSeconds: 60,
  /** Second ingestion with nothing changed. */
  unchangedSeconds: 5,
  peakRssMiB: 1024,
  /** Server-side time of one search, 95th percentile. */
  searchP95Ms: 50,
};

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(root, '../shared/corpus');
const folders = [path.join(root, 'guides')];
if (
  await fs.access(corpus).then(
    () => true,
    () => false,
  )
)
  folders.push(corpus);
else console.warn(`(corpus absent : ${corpus} ; mesure sur guides/ seulement)`);

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-'));
const meili = await startEmbeddedMeilisearch({ dataDir });
const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 });
const results: { name: string; value: number; target: number; unit: string }[] = [];
const parsePool = createParsePool();

try {
  const deps: PipelineDeps = {
    meili: client,
    indexes: indexNames('bench'),
    taxonomy: await loadTaxonomy(path.join(root, 'guides/topics.yml')),
    promotions: await loadPromotions(path.join(root, 'guides/promotions.yml')),
    limits: { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 1000 },
    parsePool,
    logger: pino({ level: 'silent' }),
  };
  const roots = contentRoots(folders);
  const first = await syncContent(deps, { roots });
  console.log(`Ingestion complète de ${folders.join(', ')}\n${formatSummary(first)}\n`);
  results.push({
    name: 'ingestion complète',
    value: first.durationMs / 1000,
    target: targets.ingestSeconds,
    unit: 's',
  });
  // Parse workers are threads of this process: the peak includes them.
  results.push({
    name: 'mémoire (pic)',
    value: first.peakRssBytes / 1024 / 1024,
    target: targets.peakRssMiB,
    unit: 'Mio',
  });

  const second = await syncContent(deps, { roots });
  results.push({
    name: 'ingestion sans changement',
    value: second.durationMs / 1000,
    target: targets.unchangedSeconds,
    unit: 's',
  });

  const queries = z
    .object({ queries: z.array(z.object({ q: z.string() })) })
    .parse(parseYaml(await fs.readFile(path.join(root, 'bench/relevance/queries.yml'), 'utf8')))
    .queries.map((query) => query.q);
  // A query as a person types it: every other parameter at its default.
  const plainQuery = searchQuerySchema(deps.taxonomy);
  const timings: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      const started = performance.now();
      await searchSections(deps, plainQuery.parse({ q }));
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  const percentile = (p: number) =>
    timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? 0;
  console.log(
    `${timings.length} recherches : p50 ${percentile(50).toFixed(1)} ms, p95 ${percentile(95).toFixed(1)} ms, max ${percentile(100).toFixed(1)} ms`,
  );
  results.push({
    name: 'recherche p95',
    value: percentile(95),
    target: targets.searchP95Ms,
    unit: 'ms',
  });
} finally {
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

console.log('\nObjectifs :');
let missed = 0;
for (const result of results) {
  const ok = result.value <= result.target;
  if (!ok) missed++;
  console.log(
    `  ${ok ? 'OK   ' : 'RATÉ '} ${result.name.padEnd(28)} ${result.value.toFixed(1).padStart(8)} ${result.unit} (objectif ≤ ${result.target} ${result.unit})`,
  );
}
process.exitCode = missed === 0 ? 0 : 1;
