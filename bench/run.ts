import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';
import { createParsePool } from '../ingest/parse-pool.ts';
import { syncContent } from '../ingest/pipeline.ts';
import { contentRoots } from '../src/content/roots.ts';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { benchPipelineDeps, projectRoot } from './bench-pipeline.ts';
import {
  benchFolders,
  measureIngest,
  measurePdfText,
  measureStartup,
  medianRange,
  type PdfTextRun,
} from './ingest-speed.ts';
import { benchQueries } from './load.ts';
import {
  benchReport,
  formatBenchTable,
  measurePair,
  measureRawStages,
  multiSearchSender,
  recordServiceBodies,
  type BenchRow,
} from './side-by-side.ts';
import {
  benchServiceEnv,
  distinctAsks,
  measureSearchSpeed,
  rawSearcher,
  serviceSearcher,
  startService,
} from './search-speed.ts';

/**
 * `npm run bench`: the raw tools and Repères side by side on ../shared/corpus and the
 * project's guides (issue 17), in one run, interleaved: one Markdown table of medians
 * (min–max), ratios and targets, and its JSON (`--json <file>`, or DATA_DIR/bench/). One
 * engine and one ingestion serve the search rows; the ingestion rows use their own indexes
 * on that engine; the start-up row its own data folder. Exits 1 when a target is missed.
 * Sizes (flags, or environment): `--seconds` (BENCH_SECONDS, 4) and `--rounds` (BENCH_ROUNDS,
 * 5) per search run; `--pdf-rounds` (3) and `--pdf-repeat` (20: passes over the PDFs per
 * round); `--ingest-rounds` (3); `--startup-rounds` (5).
 * `npm run bench -- scale [10000|100000…]`: how cost grows (bench/scale.ts).
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

const { values: flags, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    json: { type: 'string' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '4' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
    'pdf-rounds': { type: 'string', default: process.env.BENCH_PDF_ROUNDS ?? '3' },
    'pdf-repeat': { type: 'string', default: process.env.BENCH_PDF_REPEAT ?? '20' },
    'ingest-rounds': { type: 'string', default: process.env.BENCH_INGEST_ROUNDS ?? '3' },
    'startup-rounds': { type: 'string', default: process.env.BENCH_STARTUP_ROUNDS ?? '5' },
  },
});
if (positionals.length > 0) {
  console.error(
    `Mesure inconnue : ${positionals.join(', ')} (sans argument : le tableau complet ; sinon scale, recovery, publish, analytics).`,
  );
  process.exit(2);
}
const settings = {
  seconds: Number(flags.seconds),
  rounds: Number(flags.rounds),
  pdfRounds: Number(flags['pdf-rounds']),
  pdfRepeat: Number(flags['pdf-repeat']),
  ingestRounds: Number(flags['ingest-rounds']),
  startupRounds: Number(flags['startup-rounds']),
};
for (const [name, value] of Object.entries(settings)) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`Réglage invalide : ${name} = ${value} (attendu : un nombre positif).`);
    process.exit(2);
  }
}

const load = () => os.loadavg()[0] ?? 0;
const folders = await benchFolders();
if (folders.length === 1) console.warn(`(corpus absent : mesure sur guides/ seulement)`);
const rows: BenchRow[] = [];
const spreadOf = (values: number[]) => medianRange(values);
const prefix = 'bench';

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-'));
const meili = await startEmbeddedMeilisearch({ dataDir });
const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 120_000 });
const parsePool = createParsePool();
let stopService: (() => Promise<void>) | undefined;
try {
  // One ingestion for every search row.
  const deps = await benchPipelineDeps(client, prefix, parsePool);
  await syncContent(deps, { roots: contentRoots(folders) });
  await parsePool.close();

  await fs.mkdir(path.join(dataDir, 'service'));
  const service = await startService(
    projectRoot,
    benchServiceEnv({
      meili,
      indexPrefix: prefix,
      folders,
      dataDir: path.join(dataDir, 'service'),
      limits: deps.limits,
    }),
  );
  stopService = service.stop;
  const queries = await benchQueries();
  const engine = { url: meili.url, key: meili.masterKey };

  console.log('Recherche : Meilisearch brut et GET /api/search…');
  const search = await measureSearchSpeed({
    meili: engine,
    indexPrefix: prefix,
    serviceUrl: service.url,
    queries,
    seconds: settings.seconds,
    rounds: settings.rounds,
  });
  const [one, ten, zipf] = search;
  const single = (what = '') =>
    `une recherche Meilisearch (crop + surlignage)${what === '' ? '' : ` ${what}`}`;
  if (one !== undefined)
    rows.push({
      key: 'search-1-p50',
      name: 'Recherche, 1 connexion, p50',
      raw: { what: single('p50'), value: one.raw.p50Ms, unit: 'ms' },
      reperes: { what: '`GET /api/search` p50', value: one.service.p50Ms, unit: 'ms' },
      ratio: one.ratios.p50,
      target: { what: '≤ 1,3×', met: one.ratios.p50 <= 1.3 },
      loadAverage: one.loadAverage,
      ...(one.errors > 0 ? { note: `${one.errors} erreurs` } : {}),
    });
  if (ten !== undefined)
    rows.push({
      key: 'search-10-rps',
      name: 'Recherche, 10 connexions, req/s',
      raw: { what: single(), value: ten.raw.requestsPerSecond, unit: 'req/s' },
      reperes: { what: '`GET /api/search`', value: ten.service.requestsPerSecond, unit: 'req/s' },
      ratio: ten.ratios.requestsPerSecond,
      target: { what: '≥ 0,8×', met: ten.ratios.requestsPerSecond >= 0.8 },
      loadAverage: ten.loadAverage,
      ...(ten.errors > 0 ? { note: `${ten.errors} erreurs` } : {}),
    });

  console.log('Recherche : le multiSearch du service envoyé tel quel…');
  const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
  try {
    const rawAsks = queries.map((q) => ({ q, limit: 10 }));
    const bodies = await recordServiceBodies({
      meili: client,
      indexPrefix: prefix,
      taxonomy: deps.taxonomy,
      promotions: deps.promotions,
      asks: rawAsks,
    });
    const multi = await measurePair({
      raw: multiSearchSender(agent, engine, rawAsks, bodies),
      reperes: serviceSearcher(agent, service.url, '/api/search'),
      asks: distinctAsks(queries),
      rawAsks,
      connections: 10,
      seconds: settings.seconds,
      rounds: settings.rounds,
    });
    const ratio = multi.reperes.requestsPerSecond.median / multi.raw.requestsPerSecond.median;
    rows.push({
      key: 'search-10-multisearch-rps',
      name: 'Recherche, 10 connexions, req/s, contre le multiSearch du service',
      raw: {
        what: 'le multiSearch du service envoyé tel quel',
        value: multi.raw.requestsPerSecond,
        unit: 'req/s',
      },
      reperes: { what: '`GET /api/search`', value: multi.reperes.requestsPerSecond, unit: 'req/s' },
      ratio,
      target: {
        what: '— (ce que coûte le service au-dessus de ses propres requêtes)',
        met: undefined,
      },
      loadAverage: multi.loadAverage,
      note: `p50 ${multi.reperes.p50Ms.median.toFixed(1)} ms contre ${multi.raw.p50Ms.median.toFixed(1)} ms brut${multi.errors > 0 ? `, ${multi.errors} erreurs` : ''}`,
    });
    if (zipf !== undefined)
      rows.push({
        key: 'search-10-zipf-rps',
        name: 'Recherche répétée (loi de Zipf), 10 connexions, req/s',
        raw: { what: single(), value: zipf.raw.requestsPerSecond, unit: 'req/s' },
        reperes: {
          what: '`GET /api/search` (cache)',
          value: zipf.service.requestsPerSecond,
          unit: 'req/s',
        },
        ratio: zipf.ratios.requestsPerSecond,
        target: { what: '≥ 1,5×', met: zipf.ratios.requestsPerSecond >= 1.5 },
        loadAverage: zipf.loadAverage,
      });

    console.log('Page /recherche…');
    const page = await measurePair({
      raw: rawSearcher(agent, engine, prefix),
      reperes: serviceSearcher(agent, service.url, '/recherche'),
      asks: distinctAsks(queries),
      connections: 10,
      seconds: settings.seconds,
      rounds: settings.rounds,
    });
    rows.push({
      key: 'page-10-rps',
      name: 'Page HTML `/recherche`, 10 connexions, req/s',
      raw: { what: single(), value: page.raw.requestsPerSecond, unit: 'req/s' },
      reperes: { what: '`/recherche`', value: page.reperes.requestsPerSecond, unit: 'req/s' },
      ratio: page.reperes.requestsPerSecond.median / page.raw.requestsPerSecond.median,
      target: { what: '— (la page compose aussi le HTML)', met: undefined },
      loadAverage: page.loadAverage,
      ...(page.errors > 0 ? { note: `${page.errors} erreurs` } : {}),
    });
  } finally {
    await agent.close();
  }
  await stopService();
  stopService = undefined;

  console.log('Texte des PDF…');
  const pdfLoad = load();
  const pdfRuns = await measurePdfText({ rounds: settings.pdfRounds, repeat: settings.pdfRepeat });
  const runsOf = (what: PdfTextRun['what']) => pdfRuns.filter((run) => run.what === what);
  const pagesPerSecond = (what: PdfTextRun['what']) =>
    spreadOf(runsOf(what).map((run) => run.pagesPerSecond));
  const peakOf = (what: PdfTextRun['what']) =>
    Math.max(0, ...runsOf(what).map((run) => run.peakRssMiB));
  const pdfPages = runsOf('pdf-parse')[0]?.pages ?? 0;
  const haveTool = runsOf('pdftotext').length > 0;
  const stage = haveTool ? 'stage-pdftotext' : 'stage-pdfjs';
  if (!haveTool)
    console.warn(
      'pdftotext absent (paquet Debian poppler-utils) : le rapport au pdftotext est sauté, l’ingestion lit les PDF avec pdf.js.',
    );
  const pdfLoadEnd = load();
  if (haveTool) {
    const ratio = pagesPerSecond(stage).median / pagesPerSecond('pdftotext').median;
    rows.push({
      key: 'pdf-text',
      name: `Texte des PDF, ${pdfPages / settings.pdfRepeat} pages × ${settings.pdfRepeat}`,
      raw: {
        what: '`pdftotext`, un fichier après l’autre',
        value: pagesPerSecond('pdftotext'),
        unit: 'pages/s',
      },
      reperes: {
        what: 'étape PDF de l’ingestion (pdftotext)',
        value: pagesPerSecond(stage),
        unit: 'pages/s',
      },
      ratio,
      target: { what: '≥ 0,75×', met: ratio >= 0.75 },
      loadAverage: [pdfLoad, pdfLoadEnd],
      note: `pic ${peakOf(stage)} Mio`,
    });
  }
  rows.push({
    key: 'pdf-text-pdfjs',
    name: `Texte des PDF sans pdftotext, ${pdfPages / settings.pdfRepeat} pages × ${settings.pdfRepeat}`,
    raw: {
      what: 'pdf-parse seul, dans ce fil',
      value: pagesPerSecond('pdf-parse'),
      unit: 'pages/s',
    },
    reperes: {
      what: 'étape PDF de l’ingestion (pdf.js)',
      value: pagesPerSecond('stage-pdfjs'),
      unit: 'pages/s',
    },
    ratio: pagesPerSecond('stage-pdfjs').median / pagesPerSecond('pdf-parse').median,
    target: {
      what: haveTool ? '— (repli quand pdftotext manque)' : 'pdftotext absent : rapport sauté',
      met: undefined,
    },
    loadAverage: [pdfLoad, pdfLoadEnd],
    note: `pic ${peakOf('stage-pdfjs')} Mio`,
  });

  console.log('Ingestion…');
  const ingestLoad = load();
  const ingestRuns = await measureIngest(client, { folders, rounds: settings.ingestRounds });
  const stages = await measureRawStages({
    meili: client,
    folders,
    fromPrefix: prefix,
    taxonomy: deps.taxonomy,
  });
  const ingestLoadEnd = load();
  const fresh = ingestRuns.filter((run) => run.what === 'fresh');
  const unchanged = ingestRuns.filter((run) => run.what === 'unchanged');
  const pdftotextSeconds = haveTool
    ? medianRange(runsOf('pdftotext').map((run) => run.ms)).median / settings.pdfRepeat / 1000
    : medianRange(runsOf('pdf-parse').map((run) => run.ms)).median / settings.pdfRepeat / 1000;
  const rawSeconds = stages.markdownMs / 1000 + pdftotextSeconds + stages.indexingMs / 1000;
  const freshSeconds = spreadOf(fresh.map((run) => run.ms / 1000));
  rows.push({
    key: 'ingest-fresh',
    name: 'Ingestion complète, index neuf',
    raw: {
      what: `somme des étapes brutes (remark ${(stages.markdownMs / 1000).toFixed(1)} s, ${haveTool ? 'pdftotext' : 'pdf-parse'} ${pdftotextSeconds.toFixed(1)} s, indexation Meilisearch ${(stages.indexingMs / 1000).toFixed(1)} s)`,
      value: { median: rawSeconds, min: rawSeconds, max: rawSeconds },
      unit: 's',
    },
    reperes: { what: '`syncContent`', value: freshSeconds, unit: 's' },
    ratio: freshSeconds.median / rawSeconds,
    target: { what: '—', met: undefined },
    loadAverage: [ingestLoad, ingestLoadEnd],
    note: `pic ${Math.max(0, ...fresh.map((run) => run.peakRssMiB))} Mio, ${fresh[0]?.files ?? 0} fichiers, ${fresh[0]?.failed ?? 0} en échec`,
  });
  const unchangedSeconds = spreadOf(unchanged.map((run) => run.ms / 1000));
  rows.push({
    key: 'ingest-unchanged',
    name: 'Nouvelle ingestion, rien de changé',
    raw: undefined,
    reperes: { what: '`syncContent`', value: unchangedSeconds, unit: 's' },
    ratio: undefined,
    target: { what: '< 1 s', met: unchangedSeconds.median < 1 },
    loadAverage: [ingestLoad, ingestLoadEnd],
  });
} finally {
  await stopService?.();
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

console.log('Démarrage sur un index existant…');
const startLoad = load();
const startups = await measureStartup({ folders, rounds: settings.startupRounds });
const ready = spreadOf(startups.map((run) => run.readyMs / 1000));
rows.push({
  key: 'startup-ready',
  name: '`npm start` sur un index existant, jusqu’à prêt (`/readyz` 200)',
  raw: undefined,
  reperes: { what: 'prêt', value: ready, unit: 's' },
  ratio: undefined,
  target: { what: '< 3 s', met: ready.median < 3 },
  loadAverage: [startLoad, load()],
  note: `écoute après ${medianRange(startups.map((run) => run.listeningMs / 1000)).median.toFixed(1)} s`,
});

const report = benchReport(
  rows,
  `npm run bench ${process.argv.slice(2).join(' ')}`.trim(),
  settings,
);
console.log(
  `\n${report.machine.cores} cœurs (${report.machine.cpu}), ${report.machine.memoryGiB} Gio ; recherche : ${settings.rounds} manches de ${settings.seconds} s entrelacées ; médianes (min–max) ; charge = moyenne sur 1 min au début → à la fin\n`,
);
console.log(formatBenchTable(report));
const json =
  flags.json ??
  path.join(
    process.env.DATA_DIR ?? path.join(projectRoot, 'data'),
    'bench',
    `bench-${report.date.replaceAll(':', '-')}.json`,
  );
await fs.mkdir(path.dirname(json), { recursive: true });
await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nJSON : ${json}`);
if (report.missed.length > 0) console.log(`Objectifs manqués : ${report.missed.join(', ')}`);
process.exitCode = report.missed.length === 0 ? 0 : 1;
