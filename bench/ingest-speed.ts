import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent, type PipelineDeps } from '../ingest/pipeline.ts';
import { extractWithPdfjs } from '../ingest/parsers/pdf-extract.ts';
import { popplerAvailable } from '../ingest/parsers/pdf-poppler.ts';
import type { PdfExtractor } from '../ingest/parsers/pdf-protocol.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { contentRoots } from '../src/content/roots.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { findFreePort } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';

/**
 * Ingestion speed beside the raw tools, as functions for `npm run bench` (each returns
 * every run, so that the caller prints medians and min–max; rounds are interleaved):
 * - `measurePdfText`: pages/s of raw `pdftotext` over the PDFs, of pdf-parse alone, and of
 *   the ingester's PDF stage (parse pool, both extractors), with the peak RSS of the stage;
 * - `measureIngest`: a fresh ingestion and a re-run with nothing changed;
 * - `measureStartup`: `npm start` on an existing index, until /readyz says ready.
 * `npx tsx bench/ingest-speed.ts [pdf|ingest|startup]` prints them.
 */

const run = promisify(execFile);
export const projectRoot = path.resolve(import.meta.dirname, '..');
const sharedCorpus = path.resolve(projectRoot, '../shared/corpus');

/** The content folders of the bench: the project's guides and the corpus beside it. */
export async function benchFolders(): Promise<string[]> {
  const folders = [path.join(projectRoot, 'guides')];
  if (await exists(sharedCorpus)) folders.push(sharedCorpus);
  return folders;
}

/** Every PDF under the bench folders. */
export async function benchPdfs(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of await benchFolders()) {
    for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf'))
        files.push(path.join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

export interface PdfTextRun {
  round: number;
  /** `pdftotext` (raw tool, one process per file, one after the other), `pdf-parse` (alone,
   * in this thread), `stage-pdftotext` / `stage-pdfjs` (the ingester's parse pool). */
  what: 'pdftotext' | 'pdf-parse' | 'stage-pdftotext' | 'stage-pdfjs';
  pages: number;
  ms: number;
  pagesPerSecond: number;
  /** Peak RSS of this process while it ran (children not counted), in MiB. */
  peakRssMiB: number;
}

/**
 * Reads the same PDFs with each tool, `rounds` times, interleaved. The corpus holds few
 * pages: each round reads the files `repeat` times over (as distinct files) so that a
 * round lasts long enough to be measured.
 */
export async function measurePdfText(
  options: { files?: string[]; rounds?: number; repeat?: number; workers?: number } = {},
): Promise<PdfTextRun[]> {
  const files = options.files ?? (await benchPdfs());
  const rounds = options.rounds ?? 3;
  const repeat = options.repeat ?? 10;
  const contents = await Promise.all(files.map((file) => fs.readFile(file)));
  const haveTool = await popplerAvailable();
  const workers = options.workers ?? Math.min(4, os.availableParallelism());
  const pools = new Map(
    (['pdftotext', 'pdfjs'] as PdfExtractor[])
      .filter((extractor) => haveTool || extractor === 'pdfjs')
      .map((extractor) => [
        extractor,
        createParsePool({ workers: 1, pdfWorkers: workers, pdfExtractor: extractor }),
      ]),
  );
  const parseOptions = { pdfMaxPages: 100_000, promotions: new Map<number, string>() };
  const runs: PdfTextRun[] = [];
  try {
    // Workers started (and pdf.js loaded, here too) before anything is timed.
    if (contents[0] !== undefined)
      await extractWithPdfjs({ bytes: new Uint8Array(contents[0]), maxPages: 100_000 });
    for (const pool of pools.values()) {
      await Promise.all(
        contents.map((bytes, n) =>
          pool.parse({ relativePath: `warm-${n}.pdf`, bytes }, parseOptions),
        ),
      ).catch(() => undefined);
    }
    for (let round = 0; round < rounds; round++) {
      if (haveTool) {
        runs.push(
          await timed(round, 'pdftotext', async () => {
            let pages = 0;
            for (let copy = 0; copy < repeat; copy++) {
              for (const file of files) {
                const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
                  maxBuffer: 1024 * 1024 * 1024,
                });
                pages += stdout.split('\f').length - 1;
              }
            }
            return pages;
          }),
        );
      }
      runs.push(
        await timed(round, 'pdf-parse', async () => {
          let pages = 0;
          for (let copy = 0; copy < repeat; copy++) {
            for (const bytes of contents) {
              const reply = await extractWithPdfjs({
                bytes: new Uint8Array(bytes),
                maxPages: 100_000,
              });
              if (reply.kind === 'extracted') pages += reply.pageCount;
            }
          }
          return pages;
        }),
      );
      for (const [extractor, pool] of pools) {
        runs.push(
          await timed(round, `stage-${extractor}` as PdfTextRun['what'], async () => {
            const documents = await Promise.all(
              Array.from({ length: repeat }, (_, copy) =>
                contents.map((bytes, n) =>
                  pool.parse({ relativePath: `copie-${copy}/${n}.pdf`, bytes }, parseOptions),
                ),
              ).flat(),
            );
            return documents.reduce((sum, document) => sum + (document.pageCount ?? 0), 0);
          }),
        );
      }
    }
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
  return runs;
}

export interface IngestRun {
  round: number;
  what: 'fresh' | 'unchanged';
  ms: number;
  files: number;
  failed: number;
  peakRssMiB: number;
}

/** A fresh ingestion into new indexes, then a re-run with nothing changed, `rounds` times. */
export async function measureIngest(
  client: Meilisearch,
  options: { folders?: string[]; rounds?: number } = {},
): Promise<IngestRun[]> {
  const folders = options.folders ?? (await benchFolders());
  const rounds = options.rounds ?? 3;
  const parsePool = createParsePool();
  const runs: IngestRun[] = [];
  const prefixes: string[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const prefix = `bench-ingest-${process.pid}-${round}`;
      prefixes.push(prefix);
      const deps: PipelineDeps = {
        meili: client,
        indexes: indexNames(prefix),
        taxonomy: await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')),
        promotions: await loadPromotions(path.join(projectRoot, 'guides/promotions.yml')),
        limits: { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 1000 },
        parsePool,
        logger: pino({ level: 'silent' }),
      };
      for (const what of ['fresh', 'unchanged'] as const) {
        const sampler = sampleRss();
        const summary = await syncContent(deps, { roots: contentRoots(folders) });
        runs.push({
          round,
          what,
          ms: summary.durationMs,
          files: summary.seen,
          failed: summary.failed.length,
          peakRssMiB: sampler.stop(),
        });
      }
    }
  } finally {
    await parsePool.close();
    for (const prefix of prefixes) {
      const names = indexNames(prefix);
      for (const uid of [names.sections, names.resources, names.journal, names.lock]) {
        await client
          .deleteIndex(uid)
          .waitTask({ timeout: 60_000 })
          .catch(() => undefined);
      }
    }
  }
  return runs;
}

export interface StartupRun {
  round: number;
  /** From the process's start to /readyz answering 200 (index up to date). */
  readyMs: number;
  /** From the process's start to its first HTTP answer. */
  listeningMs: number;
}

/**
 * `npm start` (node --import tsx src/main.ts, its embedded Meilisearch) on the bench folders:
 * a first start builds the index, then each round starts the service on that existing index
 * and times it to ready, then stops it (SIGTERM).
 */
export async function measureStartup(
  options: { folders?: string[]; rounds?: number; timeoutMs?: number } = {},
): Promise<StartupRun[]> {
  const folders = options.folders ?? (await benchFolders());
  const rounds = options.rounds ?? 5;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-start-'));
  const runs: StartupRun[] = [];
  try {
    // Builds the index (not timed).
    await startOnce(dataDir, folders, timeoutMs);
    for (let round = 0; round < rounds; round++) {
      runs.push({ round, ...(await startOnce(dataDir, folders, timeoutMs)) });
    }
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return runs;
}

async function startOnce(
  dataDir: string,
  folders: string[],
  timeoutMs: number,
): Promise<{ readyMs: number; listeningMs: number }> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    // Its own process group: stopping it also stops its Meilisearch.
    detached: true,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CONTENT_DIRS: folders.join(','),
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let listeningMs: number | undefined;
  try {
    for (;;) {
      if (performance.now() - started > timeoutMs) throw new Error('service not ready in time');
      if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode})`);
      const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status,
        () => undefined,
      );
      if (status !== undefined) listeningMs ??= performance.now() - started;
      if (status === 200) {
        return { readyMs: performance.now() - started, listeningMs: listeningMs ?? 0 };
      }
      await sleep(20);
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!gone) process.kill(-child.pid, 'SIGKILL');
    }
  }
}

async function timed(
  round: number,
  what: PdfTextRun['what'],
  work: () => Promise<number>,
): Promise<PdfTextRun> {
  const sampler = sampleRss();
  const started = performance.now();
  const pages = await work();
  const ms = performance.now() - started;
  return {
    round,
    what,
    pages,
    ms: Math.round(ms),
    pagesPerSecond: Math.round((pages / ms) * 1000),
    peakRssMiB: sampler.stop(),
  };
}

/** Samples this process's RSS (worker threads included) every 20 ms; `stop` gives the peak. */
function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024);
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Median and range of numbers, for a table cell. */
export function medianRange(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

function summarise<T extends { what: string }>(runs: T[], value: (run: T) => number): string {
  const groups = new Map<string, T[]>();
  for (const each of runs) groups.set(each.what, [...(groups.get(each.what) ?? []), each]);
  return [...groups]
    .map(([what, group]) => {
      const { median, min, max } = medianRange(group.map(value));
      return `${what}: ${median} (${min}–${max})`;
    })
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = process.argv[2] ?? 'pdf';
  console.log(
    `charge : ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  if (wanted === 'pdf') {
    const runs = await measurePdfText();
    console.log(`pages/s, médiane (min–max)\n${summarise(runs, (each) => each.pagesPerSecond)}`);
    console.log(`pic RSS Mio\n${summarise(runs, (each) => each.peakRssMiB)}`);
  } else if (wanted === 'startup') {
    const runs = await measureStartup({ rounds: Number(process.env.ROUNDS ?? 5) });
    console.log(`prêt (ms) : ${JSON.stringify(medianRange(runs.map((each) => each.readyMs)))}`);
    console.log(
      `écoute (ms) : ${JSON.stringify(medianRange(runs.map((each) => each.listeningMs)))}`,
    );
  } else if (wanted === 'ingest') {
    const { startEmbeddedMeilisearch } = await import('../src/engine/embedded-meilisearch.ts');
    const { createMeiliClient } = await import('../src/engine/meili-client.ts');
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-ingest-'));
    const meili = await startEmbeddedMeilisearch({ dataDir });
    try {
      const client = createMeiliClient({
        url: meili.url,
        apiKey: meili.masterKey,
        timeoutMs: 60_000,
      });
      const runs = await measureIngest(client);
      console.log(`ms, médiane (min–max)\n${summarise(runs, (each) => each.ms)}`);
      console.log(`pic RSS Mio\n${summarise(runs, (each) => each.peakRssMiB)}`);
      console.log(`échecs : ${runs.map((each) => each.failed).join(', ')}`);
    } finally {
      await meili.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `charge : ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}
