import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Agent, request } from 'undici';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent } from '../ingest/pipeline.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { contentRoots } from '../src/content/roots.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { findFreePort, startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { hitRecordFields } from '../src/search/search-response.ts';
import { benchQueries } from './load.ts';

/**
 * Search speed side by side with the raw engine (issue 17): one Meilisearch search with
 * crop and highlight, sent straight, against `GET /api/search` of a running service on the
 * same index; 1 and 10 connections; distinct queries (no two alike within the cache's
 * size, so none is answered from memory) and Zipf-skewed repeats (as people search).
 * Runs are interleaved (raw, service, service, raw…) and each figure is the median of the
 * rounds with their min–max, on a machine whose load is reported beside them.
 *
 * `measureSearchSpeed()` is what `npm run bench` calls; `node --import tsx
 * bench/search-speed.ts [seconds] [rounds]` runs it alone (its own engine, ingestion of
 * ../shared/corpus and guides/, and service).
 */

export interface SearchSpeedOptions {
  /** A Meilisearch holding the ingested indexes, and a key that may search them. */
  meili: { url: string; key: string };
  indexPrefix: string;
  /** The service on the same indexes (rate limits raised), e.g. http://127.0.0.1:3000 */
  serviceUrl: string;
  /** Queries as people type them (bench/relevance/queries.yml). */
  queries: readonly string[];
  /** Duration of one run. */
  seconds: number;
  /** Interleaved rounds: each figure is their median. */
  rounds: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface SearchSpeedRow {
  /** What is measured, in French (the bench table's row). */
  name: string;
  connections: number;
  pattern: 'distinct' | 'zipf';
  raw: { p50Ms: Spread; requestsPerSecond: Spread };
  service: { p50Ms: Spread; requestsPerSecond: Spread };
  /** service ÷ raw for latency, service ÷ raw for throughput. */
  ratios: { p50: number; requestsPerSecond: number };
  /** The target and whether it is met. */
  target: { what: string; met: boolean };
  /** Load average (1 min) at the start and end of the row's runs. */
  loadAverage: [number, number];
  errors: number;
}

/** Results per page as the service sends them by default. */
const LIMIT = 10;
/** Distinct keys: each query with this many page sizes (more than the cache holds). */
const LIMIT_VARIANTS = 10;

/** A request of a pattern: the query and the page size. */
export interface Ask {
  q: string;
  limit: number;
}

/** Every query with several page sizes, in an order that repeats none before all are used. */
export function distinctAsks(queries: readonly string[]): Ask[] {
  const asks: Ask[] = [];
  for (let variant = 0; variant < LIMIT_VARIANTS; variant++)
    for (const q of queries) asks.push({ q, limit: LIMIT - 4 + variant });
  return asks;
}

/** Draws following Zipf's law (s = 1) over the queries, from a fixed seed: a few are most asked. */
function zipfAsks(queries: readonly string[], count: number, seed = 17): Ask[] {
  const weights = queries.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let state = seed >>> 0;
  // mulberry32: small, seeded, good enough to spread the draws.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    let draw = random() * total;
    let rank = 0;
    while (rank < weights.length - 1 && (draw -= weights[rank] ?? 0) > 0) rank++;
    return { q: queries[rank] ?? '', limit: LIMIT };
  });
}

export interface RunFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  errors: number;
}

/**
 * `connections` clients sending requests back to back for `seconds`, each the next ask of
 * the list (shared, so that concurrent clients do not send the same one).
 */
export async function closedLoop(
  send: (ask: Ask) => Promise<boolean>,
  asks: readonly Ask[],
  cursor: { next: number },
  connections: number,
  seconds: number,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const ask = asks[cursor.next++ % asks.length] as Ask;
        const sent = performance.now();
        const ok = await send(ask).catch(() => false);
        if (ok) latencies.push(performance.now() - sent);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    requestsPerSecond: latencies.length / elapsed,
    errors,
  };
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

async function drain(response: Awaited<ReturnType<typeof request>>): Promise<boolean> {
  await response.body.text();
  return response.statusCode === 200;
}

/**
 * One Meilisearch search with crop and highlight, sent straight (what the service asks for
 * a results page, without its own layer); resolves true on a 200.
 */
export function rawSearcher(
  agent: Agent,
  meili: { url: string; key: string },
  indexPrefix: string,
): (ask: Ask) => Promise<boolean> {
  const rawUrl = new URL(`/indexes/${indexNames(indexPrefix).sections}/search`, meili.url);
  const rawHeaders = { authorization: `Bearer ${meili.key}`, 'content-type': 'application/json' };
  return async (ask) =>
    drain(
      await request(rawUrl, {
        dispatcher: agent,
        method: 'POST',
        headers: rawHeaders,
        body: JSON.stringify({
          q: ask.q,
          limit: ask.limit,
          locales: ['fra'],
          attributesToRetrieve: hitRecordFields,
          attributesToCrop: ['text'],
          cropLength: 36,
          attributesToHighlight: ['text'],
        }),
      }),
    );
}

/** `GET <route>?q=…&limit=…` of a running service (`/api/search` or `/recherche`). */
export function serviceSearcher(
  agent: Agent,
  serviceUrl: string,
  route = '/api/search',
): (ask: Ask) => Promise<boolean> {
  return async (ask) =>
    drain(
      await request(`${serviceUrl}${route}?q=${encodeURIComponent(ask.q)}&limit=${ask.limit}`, {
        dispatcher: agent,
      }),
    );
}

/** Measures the rows of the search table; see the module's comment. */
export async function measureSearchSpeed(options: SearchSpeedOptions): Promise<SearchSpeedRow[]> {
  const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
  const raw = rawSearcher(agent, options.meili, options.indexPrefix);
  const service = serviceSearcher(agent, options.serviceUrl);

  const scenarios = [
    {
      name: 'Recherche, 1 connexion, requêtes distinctes',
      connections: 1,
      pattern: 'distinct' as const,
    },
    {
      name: 'Recherche, 10 connexions, requêtes distinctes',
      connections: 10,
      pattern: 'distinct' as const,
    },
    {
      name: 'Recherche, 10 connexions, répétitions (loi de Zipf)',
      connections: 10,
      pattern: 'zipf' as const,
    },
  ];
  const distinct = distinctAsks(options.queries);
  const zipf = zipfAsks(options.queries, 50_000);
  // One cursor per side, never reset: a distinct ask is not sent twice to the service within
  // the bench (beyond the cache's size), nor to the engine.
  const cursors = { raw: { next: 0 }, service: { next: 0 } };
  const zipfCursors = { raw: { next: 0 }, service: { next: 0 } };

  // Warm-up: connections opened, the engine's and the service's first requests paid.
  await closedLoop(raw, distinct, { next: distinct.length - 50 }, 2, 1);
  await closedLoop(service, distinct, { next: distinct.length - 50 }, 2, 1);

  const rows: SearchSpeedRow[] = [];
  try {
    for (const scenario of scenarios) {
      const loadStart = os.loadavg()[0] ?? 0;
      const figures = { raw: [] as RunFigures[], service: [] as RunFigures[] };
      const asks = scenario.pattern === 'distinct' ? distinct : zipf;
      const cursorsOf = scenario.pattern === 'distinct' ? cursors : zipfCursors;
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which side goes first, so that neither always follows the other.
        const order =
          round % 2 === 0 ? (['raw', 'service'] as const) : (['service', 'raw'] as const);
        for (const side of order) {
          figures[side].push(
            await closedLoop(
              side === 'raw' ? raw : service,
              asks,
              cursorsOf[side],
              scenario.connections,
              options.seconds,
            ),
          );
        }
      }
      const summary = (runs: RunFigures[]) => ({
        p50Ms: spread(runs.map((run) => run.p50Ms)),
        requestsPerSecond: spread(runs.map((run) => run.requestsPerSecond)),
      });
      const rawSummary = summary(figures.raw);
      const serviceSummary = summary(figures.service);
      const ratios = {
        p50: serviceSummary.p50Ms.median / rawSummary.p50Ms.median,
        requestsPerSecond:
          serviceSummary.requestsPerSecond.median / rawSummary.requestsPerSecond.median,
      };
      const target =
        scenario.connections === 1
          ? { what: 'p50 ≤ 1,3 × brut', met: ratios.p50 <= 1.3 }
          : scenario.pattern === 'distinct'
            ? { what: 'req/s ≥ 0,8 × brut', met: ratios.requestsPerSecond >= 0.8 }
            : { what: 'req/s ≥ 1,5 × brut', met: ratios.requestsPerSecond >= 1.5 };
      rows.push({
        ...scenario,
        raw: rawSummary,
        service: serviceSummary,
        ratios,
        target,
        loadAverage: [loadStart, os.loadavg()[0] ?? 0],
        errors: [...figures.raw, ...figures.service].reduce((sum, run) => sum + run.errors, 0),
      });
    }
  } finally {
    await agent.close();
  }
  return rows;
}

/** The rows as a Markdown table, in French. */
export function formatSearchSpeed(rows: readonly SearchSpeedRow[]): string {
  const figure = (spread: Spread, digits: number) =>
    `${spread.median.toFixed(digits)} (${spread.min.toFixed(digits)}–${spread.max.toFixed(digits)})`;
  const lines = [
    '| Mesure | Meilisearch brut : p50 ms, req/s | Repères `GET /api/search` : p50 ms, req/s | Rapport | Objectif | Charge |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${figure(row.raw.p50Ms, 1)} ms, ${figure(row.raw.requestsPerSecond, 0)} | ${figure(row.service.p50Ms, 1)} ms, ${figure(row.service.requestsPerSecond, 0)} | p50 ${row.ratios.p50.toFixed(2)}×, req/s ${row.ratios.requestsPerSecond.toFixed(2)}× | ${row.target.what} : ${row.target.met ? 'atteint' : 'manqué'} | ${row.loadAverage.map((load) => load.toFixed(1)).join(' → ')} |`,
    ),
  ];
  return lines.join('\n');
}

/** Alone: its own engine, ingestion and service, then the table. */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const rounds = Number(process.argv[3] ?? 5);
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
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-search-speed-'));
  const meili = await startEmbeddedMeilisearch({ dataDir });
  const parsePool = createParsePool();
  let stopService: (() => Promise<void>) | undefined;
  try {
    const limits = { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 1000 };
    await syncContent(
      {
        meili: createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 }),
        indexes: indexNames('bench'),
        taxonomy: await loadTaxonomy(path.join(root, 'guides/topics.yml')),
        promotions: await loadPromotions(path.join(root, 'guides/promotions.yml')),
        limits,
        parsePool,
        logger: pino({ level: 'silent' }),
      },
      { roots: contentRoots(folders) },
    );
    await parsePool.close();
    await fs.mkdir(path.join(dataDir, 'service'));
    const service = await startService(root, {
      ...benchServiceEnv({
        meili,
        indexPrefix: 'bench',
        folders,
        dataDir: path.join(dataDir, 'service'),
        limits,
      }),
      ...(process.env.SEARCH_CACHE_ENTRIES === undefined
        ? {}
        : { SEARCH_CACHE_ENTRIES: process.env.SEARCH_CACHE_ENTRIES }),
    });
    stopService = service.stop;
    const rows = await measureSearchSpeed({
      meili: { url: meili.url, key: meili.masterKey },
      indexPrefix: 'bench',
      serviceUrl: service.url,
      queries: await benchQueries(),
      seconds,
      rounds,
    });
    console.log(
      `${os.availableParallelism()} cœurs, ${rounds} manches de ${seconds} s entrelacées ; médianes (min–max)\n`,
    );
    console.log(formatSearchSpeed(rows));
    await fs.writeFile(
      path.join(root, 'bench/search-speed.json'),
      `${JSON.stringify(rows, null, 2)}\n`,
    );
  } finally {
    await stopService?.();
    await parsePool.close();
    await meili.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The environment of a benched service on an index the bench ingested: the same engine,
 * folders and limits (its own sync finds nothing to do), no OCR, and rate limits raised
 * since one client sends the whole load.
 */
export function benchServiceEnv(options: {
  meili: { url: string; masterKey: string };
  indexPrefix: string;
  folders: readonly string[];
  dataDir: string;
  limits: { maxFileBytes: number; pdfMaxPages: number };
}): NodeJS.ProcessEnv {
  return {
    MEILI_URL: options.meili.url,
    MEILI_MASTER_KEY: options.meili.masterKey,
    INDEX_PREFIX: options.indexPrefix,
    CONTENT_DIRS: options.folders.join(','),
    DATA_DIR: options.dataDir,
    MAX_FILE_BYTES: String(options.limits.maxFileBytes),
    PDF_MAX_PAGES: String(options.limits.pdfMaxPages),
    OCR: 'off',
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1000000',
    PAGES_RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/** The service as `npm start` runs it; resolves once its first sync is done. */
export async function startService(
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  // SERVICE_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the service.
  const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
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

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename)
  await main();
