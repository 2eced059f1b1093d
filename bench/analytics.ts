import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { aggregateSearches } from '../src/analytics/aggregate.ts';
import { eventLogFile, searchLogFile } from '../src/analytics/log-files.ts';
import { formatBytes } from '../src/text/format-bytes.ts';

/**
 * `npm run bench -- analytics`: 1 000 000 synthetic logged searches over 90 days (half in
 * the rotated file) and one click for a search in five, aggregated over 90 days; prints the
 * time and the memory, against the target (under 5 s). Exits 1 when it is missed.
 */

const searches = 1_000_000;
const targetSeconds = 5;
const now = new Date('2026-11-26T12:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;

// A vocabulary like people's: a few frequent queries, a long tail, spellings that group.
const words = ['licence', 'hébergement', 'rgpd', 'cloud', 'marché', 'données', 'api', 'design'];
const tail = Array.from({ length: 20_000 }, (_, i) => `requête ${i} ${words[i % words.length]}`);
const topics = ['juridique', 'hebergement', 'donnees', 'design', 'logiciel-libre'];

function pick(i: number): string {
  // Roughly Zipf: i² spreads the draws towards the head of the list.
  const r = (i * 2_654_435_761) % 1_000_003;
  const rank = Math.floor((r / 1_000_003) ** 3 * tail.length);
  const query = tail[rank] ?? 'licence';
  return i % 7 === 0 ? `${query}s` : i % 11 === 0 ? query.toUpperCase() : query;
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

const dir =
  process.env.KEEP_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-analytics-')));
try {
  const started = performance.now();
  const files = {
    old: createWriteStream(path.join(dir, `${searchLogFile}.1`)),
    current: createWriteStream(path.join(dir, searchLogFile)),
    events: createWriteStream(path.join(dir, eventLogFile)),
  };
  for (let i = 0; i < searches; i++) {
    const at = new Date(now.getTime() - 89 * dayMs + Math.floor((i / searches) * 89 * dayMs));
    const id = randomUUID();
    const hits = i % 13 === 0 ? 0 : 1 + (i % 40);
    const entry = {
      at: at.toISOString(),
      id,
      query: pick(i),
      filters: { topic: i % 5 === 0 ? [topics[i % topics.length]] : [], type: [], promotion: [] },
      hits,
      page: i % 17 === 0 ? 2 : 1,
      durationMs: 4,
    };
    await write(i < searches / 2 ? files.old : files.current, `${JSON.stringify(entry)}\n`);
    if (hits > 0 && i % 5 === 0) {
      const click = {
        at: entry.at,
        type: 'click',
        queryId: id,
        url: '/ressources/x',
        rank: 1 + (i % 10),
      };
      await write(files.events, `${JSON.stringify(click)}\n`);
    }
  }
  for (const stream of Object.values(files)) {
    stream.end();
    await once(stream, 'finish');
  }
  let bytes = 0;
  for (const name of await fs.readdir(dir)) bytes += (await fs.stat(path.join(dir, name))).size;
  console.log(
    `Journal synthétique : ${searches.toLocaleString('fr-FR')} recherches, ${formatBytes(bytes)}, écrit en ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await aggregateSearches({ dir, days: 90, now });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  console.log(
    `Agrégation sur 90 jours : ${seconds.toFixed(2)} s (cible < ${targetSeconds} s), dont ${cpuSeconds.toFixed(2)} s de processeur ; ` +
      `${report.totals.searches.toLocaleString('fr-FR')} recherches comptées (pages suivantes exclues), ` +
      `${report.totals.clicks.toLocaleString('fr-FR')} clics, ${report.topQueries.length} requêtes listées`,
  );
  console.log(
    `Mémoire : tas au plus ${formatBytes(peakHeap)}, RSS au plus ${formatBytes(peakRss)} pendant l’agrégation ` +
      `(${formatBytes(rssBefore)} avant) ; maxRSS du processus ${formatBytes(maxRss)}`,
  );
  process.exitCode = seconds < targetSeconds ? 0 : 1;
} finally {
  if (process.env.KEEP_DIR === undefined) await fs.rm(dir, { recursive: true, force: true });
}
