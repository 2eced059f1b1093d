import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent, type PipelineDeps } from '../ingest/pipeline.ts';
import { formatSummary } from '../ingest/report.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { contentRoots } from '../src/content/roots.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { findFreePort, startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { searchQuerySchema } from '../src/search/search-query.ts';
import { searchSections } from '../src/search/search-sections.ts';
import { benchQueries, formatLoad, loadRoute } from './load.ts';

/**
 * `npm run bench`: speed and memory of ingestion and search, on ../shared/corpus (and the
 * project's guides), and the service under load, against the targets below. Exits 1 when a
 * target is missed. `npm run bench -- load` (or `ingest`, `search`) runs only those
 * measures (the first ingestion always runs: the others need its index).
 * `npm run bench -- recovery`: the service's recovery time after `kill -9` of its engine
 * (bench/engine-recovery.ts).
 * `npm run bench -- publish`: publish request → searchable, Markdown and a 50-page PDF
 * (bench/publish.ts).
 * `npm run bench -- analytics`: aggregation of 1 000 000 logged searches (bench/analytics.ts).
 */

if (process.argv[2] === 'recovery') {
  await import('./engine-recovery.ts');
  process.exit();
}
if (process.argv[2] === 'publish') {
  await import('./publish.ts');
  process.exit();
}
if (process.argv[2] === 'scale') {
  const { runScaleCommand } = await import('./scale.ts');
  await runScaleCommand(process.argv.slice(3));
  process.exit();
}
if (process.argv[2] === 'analytics') {
  await import('./analytics.ts');
  process.exit();
}

const measures = ['ingest', 'search', 'load'] as const;
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(measures as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(
    `Mesure inconnue : ${unknown.join(', ')} (mesures : ${[...measures, 'recovery', 'publish', 'analytics'].join(', ')}).`,
  );
  process.exit(2);
}
const wanted = (measure: (typeof measures)[number]) =>
  requested.length === 0 || requested.includes(measure);

/** The load run: connections and duration on each search route. */
const load = { connections: 50, seconds: 30 };

const targets = {
  /** Whole corpus, first ingestion. */
  ingestSeconds: 60,
  /** Second ingestion with nothing changed. */
  unchangedSeconds: 5,
  peakRssMiB: 1024,
  /** Server-side time of one search, 95th percentile. */
  searchP95Ms: 50,
  /** Failed answers (connection errors, timeouts, non-2xx) under load, per route. */
  loadErrors: 0,
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
  if (wanted('ingest')) {
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
  }

  const queries = await benchQueries();
  if (wanted('search')) {
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
  }

  if (wanted('load')) {
    await fs.mkdir(path.join(dataDir, 'service'));
    const service = await startService({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      INDEX_PREFIX: 'bench',
      CONTENT_DIRS: folders.join(','),
      DATA_DIR: path.join(dataDir, 'service'),
      // The limits the bench's ingestion used: the service's own sync finds nothing to do.
      MAX_FILE_BYTES: String(deps.limits.maxFileBytes),
      PDF_MAX_PAGES: String(deps.limits.pdfMaxPages),
      OCR: 'off',
      // One client sends the whole load: the budgets are raised for the run.
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1000000',
      PAGES_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    try {
      console.log(
        `\nCharge : ${load.connections} connexions pendant ${load.seconds} s par route (charge de la machine : ${os.loadavg()[0]?.toFixed(1)} sur ${os.availableParallelism()} cœurs)`,
      );
      for (const route of ['/api/search', '/recherche']) {
        const figures = await loadRoute({ baseUrl: service.url, route, queries, ...load });
        console.log(formatLoad(figures));
        results.push({
          name: `erreurs sous charge ${route}`,
          value: figures.errors + figures.non2xx,
          target: targets.loadErrors,
          unit: '',
        });
      }
    } finally {
      await service.stop();
    }
  }
} finally {
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

console.log('\nObjectifs :');
let missed = 0;
const unit = (text: string) => (text === '' ? '' : ` ${text}`);
for (const result of results) {
  const ok = result.value <= result.target;
  if (!ok) missed++;
  console.log(
    `  ${ok ? 'OK   ' : 'RATÉ '} ${result.name.padEnd(32)} ${result.value.toFixed(1).padStart(8)}${unit(result.unit)} (objectif ≤ ${result.target}${unit(result.unit)})`,
  );
}
process.exitCode = missed === 0 ? 0 : 1;

/**
 * The service as `npm start` runs it, against the bench's Meilisearch and indexes; resolves
 * once its first sync is done, so that the load does not share the machine with it.
 */
async function startService(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 5 * 60_000;
  while (!log.includes('content synchronised')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`le service n'a pas démarré :\n${log}`);
    }
    await sleep(200);
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}
