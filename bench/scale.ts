import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { z } from 'zod';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent } from '../ingest/pipeline.ts';
import { contentRoots } from '../src/content/roots.ts';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { settle } from '../src/engine/tasks.ts';
import { benchPipelineDeps, projectRoot } from './bench-pipeline.ts';
import { benchQueries } from './load.ts';
import {
  benchServiceEnv,
  closedLoop,
  distinctAsks,
  rawSearcher,
  serviceSearcher,
  spread,
  startService,
  type RunFigures,
  type Spread,
} from './search-speed.ts';

/**
 * How cost grows with the corpus (issue 17): one content tree ingested fresh into its own
 * embedded Meilisearch, then ingest time, index size (the engine's stats), peak memory of the
 * ingestion (this process and its parse workers) and of the engine (/proc/<pid>/status), and
 * search p50/p99 at 10 connections, raw Meilisearch against `GET /api/search` of the service
 * on the same index (interleaved rounds, medians). Engine options (`--max-indexing-memory`,
 * `proximityPrecision`) can be varied to compare them.
 */

export interface ScaleOptions {
  /** The row's name in the table (e.g. « 10 000 sections »). */
  label: string;
  folders: string[];
  /** `--max-indexing-memory` of the engine (e.g. `256MiB`); unset: Meilisearch's default. */
  maxIndexingMemory?: string | undefined;
  /** Set on the sections index before the ingestion; unset: the project's settings. */
  proximityPrecision?: 'byWord' | 'byAttribute' | undefined;
  /** Search at 10 connections: duration of a run, interleaved rounds; 0 rounds: no search. */
  searchSeconds: number;
  searchRounds: number;
}

export interface ScaleRow {
  label: string;
  options: { maxIndexingMemory: string; proximityPrecision: string };
  files: number;
  /** Records in the sections index. */
  sections: number;
  ingestSeconds: number;
  /** Peak RSS of this process during the ingestion (parse workers are its threads). */
  ingestPeakRssMiB: number;
  /**
   * The engine's peak RSS (VmHWM) over its life, its RSS once the ingestion is done, and of
   * that the anonymous memory (not the pages of its memory-mapped database).
   */
  engine: { peakRssMiB: number; rssMiB: number; anonymousMiB: number };
  /** Meilisearch `/stats`: database size on disk, and the raw documents of each index. */
  databaseSizeMiB: number;
  indexes: Record<string, { documents: number; rawDocumentsMiB: number }>;
  search?: {
    connections: number;
    raw: { p50Ms: Spread; p99Ms: Spread; requestsPerSecond: Spread };
    service: { p50Ms: Spread; p99Ms: Spread; requestsPerSecond: Spread };
    errors: number;
  };
  loadAverage: [number, number];
}

const MiB = 1024 * 1024;

/** VmHWM and VmRSS of a process, in MiB (Linux). */
export async function processMemory(
  pid: number,
): Promise<{ peakRssMiB: number; rssMiB: number; anonymousMiB: number }> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    peakRssMiB: Math.round(kib('VmHWM') / 1024),
    rssMiB: Math.round(kib('VmRSS') / 1024),
    // RSS counts the pages of the memory-mapped database it touched; this part is the rest.
    anonymousMiB: Math.round(kib('RssAnon') / 1024),
  };
}

/** Meilisearch `/stats`: what the table uses of it. */
const engineStatsSchema = z.object({
  databaseSize: z.number(),
  indexes: z.record(
    z.string(),
    z.object({ numberOfDocuments: z.number(), rawDocumentDbSize: z.number().optional() }),
  ),
});

/** Ingests the folders into a fresh engine and measures; see the module's comment. */
export async function measureScale(options: ScaleOptions): Promise<ScaleRow> {
  const loadStart = os.loadavg()[0] ?? 0;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-scale-'));
  const meili = await startEmbeddedMeilisearch({
    dataDir,
    maxIndexingMemory: options.maxIndexingMemory,
    startTimeoutMs: 60_000,
  });
  const parsePool = createParsePool();
  const prefix = 'scale';
  let stopService: (() => Promise<void>) | undefined;
  try {
    const client = createMeiliClient({
      url: meili.url,
      apiKey: meili.masterKey,
      timeoutMs: 600_000,
    });
    const deps = await benchPipelineDeps(client, prefix, parsePool);
    if (options.proximityPrecision !== undefined) {
      // The pipeline's settings leave this one alone: set before the first document, it holds.
      await settle(client.createIndex(deps.indexes.sections, { primaryKey: 'id' }), 'index');
      await settle(
        client.index(deps.indexes.sections).updateSettings({
          proximityPrecision: options.proximityPrecision,
        }),
        'proximityPrecision',
      );
    }
    const summary = await syncContent(deps, { roots: contentRoots(options.folders) });
    await parsePool.close();
    const engine = await processMemory(meili.pid);
    const response = await fetch(new URL('/stats', meili.url), {
      headers: { authorization: `Bearer ${meili.masterKey}` },
    });
    if (!response.ok) throw new Error(`Meilisearch /stats: ${response.status}`);
    const stats = engineStatsSchema.parse(await response.json());
    const names = indexNames(prefix);
    const indexes: ScaleRow['indexes'] = {};
    for (const [uid, index] of Object.entries(stats.indexes)) {
      indexes[uid.replace(`${prefix}-`, '')] = {
        documents: index.numberOfDocuments,
        rawDocumentsMiB: Math.round(((index.rawDocumentDbSize ?? 0) / MiB) * 10) / 10,
      };
    }
    const row: ScaleRow = {
      label: options.label,
      options: {
        maxIndexingMemory: options.maxIndexingMemory ?? 'défaut',
        proximityPrecision: options.proximityPrecision ?? 'byWord',
      },
      files: summary.seen,
      sections: stats.indexes[names.sections]?.numberOfDocuments ?? 0,
      ingestSeconds: Math.round(summary.durationMs / 100) / 10,
      ingestPeakRssMiB: Math.round(summary.peakRssBytes / MiB),
      engine,
      databaseSizeMiB: Math.round((stats.databaseSize / MiB) * 10) / 10,
      indexes,
      loadAverage: [loadStart, 0],
    };

    if (options.searchRounds > 0) {
      await fs.mkdir(path.join(dataDir, 'service'));
      const service = await startService(
        projectRoot,
        benchServiceEnv({
          meili,
          indexPrefix: prefix,
          folders: options.folders,
          dataDir: path.join(dataDir, 'service'),
          limits: deps.limits,
        }),
      );
      stopService = service.stop;
      const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
      try {
        const sides = {
          raw: rawSearcher(agent, { url: meili.url, key: meili.masterKey }, prefix),
          service: serviceSearcher(agent, service.url),
        };
        const asks = distinctAsks(await benchQueries());
        const cursors = { raw: { next: 0 }, service: { next: 0 } };
        const connections = 10;
        await closedLoop(sides.raw, asks, { next: asks.length - 50 }, 2, 1);
        await closedLoop(sides.service, asks, { next: asks.length - 50 }, 2, 1);
        const runs = { raw: [] as RunFigures[], service: [] as RunFigures[] };
        for (let round = 0; round < options.searchRounds; round++) {
          const order =
            round % 2 === 0 ? (['raw', 'service'] as const) : (['service', 'raw'] as const);
          for (const side of order) {
            runs[side].push(
              await closedLoop(
                sides[side],
                asks,
                cursors[side],
                connections,
                options.searchSeconds,
              ),
            );
          }
        }
        const summarise = (list: RunFigures[]) => ({
          p50Ms: spread(list.map((run) => run.p50Ms)),
          p99Ms: spread(list.map((run) => run.p99Ms)),
          requestsPerSecond: spread(list.map((run) => run.requestsPerSecond)),
        });
        row.search = {
          connections,
          raw: summarise(runs.raw),
          service: summarise(runs.service),
          errors: [...runs.raw, ...runs.service].reduce((sum, run) => sum + run.errors, 0),
        };
      } finally {
        await agent.close();
      }
    }
    row.loadAverage[1] = os.loadavg()[0] ?? 0;
    return row;
  } finally {
    await stopService?.();
    await parsePool.close();
    await meili.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** The rows as a Markdown table, in French: how each cost grows with the corpus. */
export function formatScale(rows: readonly ScaleRow[]): string {
  const figure = (value: Spread, digits = 1) =>
    `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`;
  const lines = [
    '| Corpus | Options du moteur | Fichiers | Sections | Ingestion (s) | Pic ingestion (Mio) | Moteur : pic / après / dont anonyme (Mio) | Base (Mio) | Recherche 10 conn. brut : p50 / p99 ms, req/s | Repères `/api/search` : p50 / p99 ms, req/s | Charge |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => {
      const search = row.search;
      const side = (figures: NonNullable<ScaleRow['search']>['raw']) =>
        `${figure(figures.p50Ms)} / ${figure(figures.p99Ms)}, ${figure(figures.requestsPerSecond, 0)}`;
      return `| ${row.label} | ${row.options.maxIndexingMemory}, ${row.options.proximityPrecision} | ${row.files} | ${row.sections} | ${row.ingestSeconds.toFixed(1)} | ${row.ingestPeakRssMiB} | ${row.engine.peakRssMiB} / ${row.engine.rssMiB} / ${row.engine.anonymousMiB} | ${row.databaseSizeMiB.toFixed(1)} | ${search === undefined ? '—' : side(search.raw)} | ${search === undefined ? '—' : side(search.service)} | ${row.loadAverage.map((load) => load.toFixed(1)).join(' → ')} |`;
    }),
  ];
  return lines.join('\n');
}

/**
 * `npm run bench -- scale [sections…] [options]`: generates each corpus (bench/generate-corpus.ts,
 * seed 17) in a temporary folder, or reuses `--corpus-dir <dir>/<sections>` when it is there,
 * and measures it under each combination of engine options.
 * Options: `--max-indexing-memory 256MiB,512MiB,défaut`, `--proximity byWord,byAttribute`,
 * `--real` (a row for ../shared/corpus and guides/ too), `--seconds 5 --rounds 3` (search
 * runs; `--rounds 0` skips the search), `--json <file>`.
 */
export async function runScaleCommand(argv: string[]): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { generateCorpus } = await import('./generate-corpus.ts');
  const { benchFolders } = await import('./ingest-speed.ts');
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'max-indexing-memory': { type: 'string', default: 'défaut' },
      proximity: { type: 'string', default: 'byWord' },
      real: { type: 'boolean', default: false },
      seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '5' },
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
      'corpus-dir': { type: 'string' },
      json: { type: 'string' },
    },
  });
  // `--real` alone measures the real corpus only.
  const sizes = (positionals.length === 0 ? (values.real ? [] : ['10000']) : positionals).map(
    Number,
  );
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    console.error(
      `Tailles invalides : ${positionals.join(' ')} (attendu : des nombres de sections).`,
    );
    process.exitCode = 2;
    return;
  }
  const memories = values['max-indexing-memory']
    .split(',')
    .map((each) => (each === 'défaut' ? undefined : each));
  const proximities = values.proximity.split(',');
  if (proximities.some((each) => each !== 'byWord' && each !== 'byAttribute')) {
    console.error('--proximity : byWord ou byAttribute (séparés par des virgules).');
    process.exitCode = 2;
    return;
  }
  const corpora: { label: string; folders: string[]; cleanup?: string }[] = [];
  if (values.real) corpora.push({ label: 'corpus réel', folders: await benchFolders() });
  for (const size of sizes) {
    const kept =
      values['corpus-dir'] === undefined
        ? undefined
        : path.join(values['corpus-dir'], String(size));
    const dir = kept ?? (await fs.mkdtemp(path.join(os.tmpdir(), `reperes-corpus-${size}-`)));
    const present =
      kept !== undefined &&
      (await fs.readdir(dir).then(
        (list) => list.length > 0,
        () => false,
      ));
    if (!present) {
      const started = performance.now();
      const generated = await generateCorpus({ dir, sections: size, seed: 17 });
      console.log(
        `Corpus de ${size} sections généré dans ${dir} : ${generated.markdownFiles} Markdown, ${generated.pdfFiles} PDF, ${(generated.bytes / MiB).toFixed(1)} Mio, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    corpora.push({
      label: `${new Intl.NumberFormat('fr-FR').format(size)} sections`,
      folders: [dir],
      ...(kept === undefined ? { cleanup: dir } : {}),
    });
  }
  const rows: ScaleRow[] = [];
  try {
    for (const corpus of corpora) {
      for (const maxIndexingMemory of memories) {
        for (const proximity of proximities) {
          const row = await measureScale({
            label: corpus.label,
            folders: corpus.folders,
            maxIndexingMemory,
            proximityPrecision: proximity === 'byWord' ? undefined : (proximity as 'byAttribute'),
            searchSeconds: Number(values.seconds),
            searchRounds: Number(values.rounds),
          });
          rows.push(row);
          console.log(formatScale([row]).split('\n').at(-1));
        }
      }
    }
  } finally {
    for (const corpus of corpora)
      if (corpus.cleanup !== undefined)
        await fs.rm(corpus.cleanup, { recursive: true, force: true });
  }
  console.log(
    `\n${os.availableParallelism()} cœurs, ${Math.round(os.totalmem() / 1024 ** 3)} Gio ; recherche : ${values.rounds} manches de ${values.seconds} s entrelacées, médianes (min–max)\n`,
  );
  console.log(formatScale(rows));
  const json =
    values.json ??
    path.join(
      process.env.DATA_DIR ?? path.join(projectRoot, 'data'),
      'bench',
      `scale-${new Date().toISOString().replaceAll(':', '-')}.json`,
    );
  await fs.mkdir(path.dirname(json), { recursive: true });
  await fs.writeFile(json, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`\nJSON : ${json}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename)
  await runScaleCommand(process.argv.slice(2));
