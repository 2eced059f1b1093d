import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Meilisearch, MultiSearchParams } from 'meilisearch';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Agent } from 'undici';
import { request } from 'undici';
import type { Taxonomy } from '../src/content/topics.ts';
import { applyIndexSettings, indexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import { searchQuerySchema } from '../src/search/search-query.ts';
import { searchSections } from '../src/search/search-sections.ts';
import type { PromotionTable } from '../src/content/promotions.ts';
import { closedLoop, spread, type Ask, type RunFigures, type Spread } from './search-speed.ts';

/**
 * The rows of `npm run bench` (issue 17): each compares a raw tool with Repères on the same
 * data, in the same run, and carries its ratio, its target and the machine's load. This
 * module holds the measures that bench/search-speed.ts and bench/ingest-speed.ts lack (the
 * service's own multiSearch sent straight, the `/recherche` page, the raw ingestion stages),
 * the table and its JSON.
 */

export interface BenchFigure {
  /** What was measured, in French (e.g. « `pdftotext` »). */
  what: string;
  value: Spread;
  unit: string;
}

export interface BenchRow {
  /** A stable code for programs (the JSON's consumers): `search-1`, `pdf-text`… */
  key: string;
  /** The row's name, in French. */
  name: string;
  raw: BenchFigure | undefined;
  reperes: BenchFigure;
  /** Repères ÷ raw on medians (the unit tells which way is better); undefined without raw. */
  ratio: number | undefined;
  /** The target; `met` undefined for a row that has none (figures for reference). */
  target: { what: string; met: boolean | undefined };
  /** Load average (1 min) at the start and at the end of the row's runs. */
  loadAverage: [number, number];
  note?: string;
}

export interface BenchReport {
  /** ISO date of the run. */
  date: string;
  machine: { cores: number; memoryGiB: number; cpu: string };
  command: string;
  settings: Record<string, number | string>;
  rows: BenchRow[];
  /** Keys of the rows whose target was missed. */
  missed: string[];
}

/** Builds the report: the missed targets listed from the rows. */
export function benchReport(
  rows: BenchRow[],
  command: string,
  settings: BenchReport['settings'],
): BenchReport {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: {
      cores: os.availableParallelism(),
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      cpu: cpus[0]?.model ?? 'inconnu',
    },
    command,
    settings,
    rows,
    missed: rows.filter((row) => row.target.met === false).map((row) => row.key),
  };
}

const number = (value: number, digits: number) =>
  new Intl.NumberFormat('fr-FR', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);

/** Median (min–max) with the unit, e.g. `4,6 ms (4,5–4,8)`. */
export function formatFigure(figure: BenchFigure): string {
  const digits = Math.abs(figure.value.median) >= 100 ? 0 : 1;
  const range =
    figure.value.min === figure.value.max
      ? ''
      : ` (${number(figure.value.min, digits)}–${number(figure.value.max, digits)})`;
  return `${figure.what} : ${number(figure.value.median, digits)} ${figure.unit}${range}`;
}

/** The report as one Markdown table, in French. */
export function formatBenchTable(report: BenchReport): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    '| Mesure | Outil brut | Repères | Rapport | Objectif | Charge |',
    '|---|---|---|---|---|---|',
    ...report.rows.map((row) =>
      [
        '',
        cell(row.name),
        row.raw === undefined ? '—' : cell(formatFigure(row.raw)),
        cell(formatFigure(row.reperes)) + (row.note === undefined ? '' : ` ; ${cell(row.note)}`),
        row.ratio === undefined ? '—' : `${number(row.ratio, 2)}×`,
        `${cell(row.target.what)}${row.target.met === undefined ? '' : row.target.met ? ' : atteint' : ' : **manqué**'}`,
        row.loadAverage.map((load) => number(load, 1)).join(' → '),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ];
  return lines.join('\n');
}

/**
 * The multiSearch bodies the service sends for each ask, recorded by running its own search
 * function against the real engine through a client that keeps what it is asked to send.
 */
export async function recordServiceBodies(options: {
  meili: Meilisearch;
  indexPrefix: string;
  taxonomy: Taxonomy;
  promotions: PromotionTable;
  asks: readonly Ask[];
}): Promise<MultiSearchParams[][]> {
  const recorded: MultiSearchParams[] = [];
  const recording = new Proxy(options.meili, {
    get(target, property, receiver) {
      if (property === 'multiSearch') {
        return (params: MultiSearchParams) => {
          recorded.push(structuredClone(params));
          return target.multiSearch(params);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  const schema = searchQuerySchema(options.taxonomy);
  const bodies: MultiSearchParams[][] = [];
  for (const ask of options.asks) {
    recorded.length = 0;
    await searchSections(
      {
        meili: recording,
        indexes: indexNames(options.indexPrefix),
        promotions: options.promotions,
      },
      schema.parse({ q: ask.q, limit: ask.limit }),
    );
    bodies.push([...recorded]);
  }
  return bodies;
}

/** Sends the recorded multiSearch bodies of an ask, straight to the engine, one after the other. */
export function multiSearchSender(
  agent: Agent,
  meili: { url: string; key: string },
  asks: readonly Ask[],
  bodies: readonly MultiSearchParams[][],
): (ask: Ask) => Promise<boolean> {
  const url = new URL('/multi-search', meili.url);
  const headers = { authorization: `Bearer ${meili.key}`, 'content-type': 'application/json' };
  const byAsk = new Map(asks.map((ask, n) => [`${ask.q}\u0000${ask.limit}`, bodies[n] ?? []]));
  const encoded = new Map(
    [...byAsk].map(([key, list]) => [key, list.map((body) => JSON.stringify(body))]),
  );
  return async (ask) => {
    const list = encoded.get(`${ask.q}\u0000${ask.limit}`) ?? [];
    // Nothing recorded for this ask: an error, never a free answer.
    if (list.length === 0) return false;
    for (const body of list) {
      const response = await request(url, { dispatcher: agent, method: 'POST', headers, body });
      await response.body.text();
      if (response.statusCode !== 200) return false;
    }
    return true;
  };
}

export interface PairFigures {
  raw: { p50Ms: Spread; requestsPerSecond: Spread };
  reperes: { p50Ms: Spread; requestsPerSecond: Spread };
  errors: number;
  loadAverage: [number, number];
}

/**
 * Two senders interleaved (A B, B A, …), `rounds` times, over distinct asks (`rawAsks` for the
 * raw side when it differs: the engine keeps no results, so repeats cost it the same).
 */
export async function measurePair(options: {
  raw: (ask: Ask) => Promise<boolean>;
  reperes: (ask: Ask) => Promise<boolean>;
  asks: readonly Ask[];
  rawAsks?: readonly Ask[];
  connections: number;
  seconds: number;
  rounds: number;
}): Promise<PairFigures> {
  const loadStart = os.loadavg()[0] ?? 0;
  const cursors = { raw: { next: 0 }, reperes: { next: 0 } };
  const asksOf = { raw: options.rawAsks ?? options.asks, reperes: options.asks };
  await closedLoop(options.raw, asksOf.raw, { next: 0 }, 2, 1);
  await closedLoop(options.reperes, options.asks, { next: options.asks.length - 20 }, 2, 1);
  const runs = { raw: [] as RunFigures[], reperes: [] as RunFigures[] };
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['raw', 'reperes'] as const) : (['reperes', 'raw'] as const);
    for (const side of order) {
      runs[side].push(
        await closedLoop(
          options[side],
          asksOf[side],
          cursors[side],
          options.connections,
          options.seconds,
        ),
      );
    }
  }
  const summary = (list: RunFigures[]) => ({
    p50Ms: spread(list.map((run) => run.p50Ms)),
    requestsPerSecond: spread(list.map((run) => run.requestsPerSecond)),
  });
  return {
    raw: summary(runs.raw),
    reperes: summary(runs.reperes),
    errors: [...runs.raw, ...runs.reperes].reduce((sum, run) => sum + run.errors, 0),
    loadAverage: [loadStart, os.loadavg()[0] ?? 0],
  };
}

export interface RawStages {
  /** remark (with the project's syntax extensions) over every Markdown file, in this thread. */
  markdownMs: number;
  markdownFiles: number;
  /** Meilisearch indexing the ingestion's own records into fresh indexes (settings first). */
  indexingMs: number;
  documents: number;
}

/**
 * The raw stages of an ingestion, each on its own: parsing the Markdown with remark, and
 * Meilisearch indexing the records the ingestion produced (read back from `fromPrefix`).
 * The PDF stage's raw tool (pdftotext) is measured by `measurePdfText`.
 */
export async function measureRawStages(options: {
  meili: Meilisearch;
  folders: string[];
  fromPrefix: string;
  taxonomy: Taxonomy;
}): Promise<RawStages> {
  const files: string[] = [];
  for (const folder of options.folders) {
    for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.md'))
        files.push(path.join(entry.parentPath, entry.name));
    }
  }
  const contents = await Promise.all(files.map((file) => fs.readFile(file, 'utf8')));
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter)
    .use(remarkGfm)
    .use(remarkDirective);
  const markdownStarted = performance.now();
  for (const text of contents) processor.runSync(processor.parse(text));
  const markdownMs = performance.now() - markdownStarted;

  const from = indexNames(options.fromPrefix);
  const to = indexNames(`${options.fromPrefix}-raw-${process.pid}`);
  const read = async (uid: string) => {
    const documents: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await options.meili.index(uid).getDocuments({ offset, limit: 1000 });
      documents.push(...page.results);
      if (page.results.length < 1000) return documents;
    }
  };
  const sections = await read(from.sections);
  const resources = await read(from.resources);
  await applyIndexSettings(options.meili, to, options.taxonomy);
  try {
    const indexingStarted = performance.now();
    const tasks = [];
    for (const [uid, documents] of [
      [to.sections, sections],
      [to.resources, resources],
    ] as const) {
      for (let start = 0; start < documents.length; start += 1000)
        tasks.push(options.meili.index(uid).addDocuments(documents.slice(start, start + 1000)));
    }
    for (const task of tasks) await settle(task, 'indexation brute');
    return {
      markdownMs,
      markdownFiles: files.length,
      indexingMs: performance.now() - indexingStarted,
      documents: sections.length + resources.length,
    };
  } finally {
    for (const uid of [to.sections, to.resources])
      await options.meili
        .deleteIndex(uid)
        .waitTask({ timeout: 60_000 })
        .catch(() => undefined);
  }
}
