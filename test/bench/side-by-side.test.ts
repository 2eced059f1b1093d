import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { formatScale, type ScaleRow } from '../../bench/scale.ts';
import { benchReport, formatBenchTable, type BenchRow } from '../../bench/side-by-side.ts';

const spread = (median: number, min = median, max = median) => ({ median, min, max });

const searchRow: BenchRow = {
  key: 'search-1-p50',
  name: 'Recherche, 1 connexion, p50',
  raw: { what: 'une recherche Meilisearch', value: spread(4.6, 4.5, 4.8), unit: 'ms' },
  reperes: { what: '`GET /api/search` p50', value: spread(5.52, 5.1, 6), unit: 'ms' },
  ratio: 1.2,
  target: { what: '≤ 1,3×', met: true },
  loadAverage: [1.52, 2.04],
};
const startupRow: BenchRow = {
  key: 'startup-ready',
  name: '`npm start` sur un index existant',
  raw: undefined,
  reperes: { what: 'prêt', value: spread(3.4, 3.1, 3.9), unit: 's' },
  ratio: undefined,
  target: { what: '< 3 s', met: false },
  loadAverage: [2, 2.5],
};
const referenceRow: BenchRow = {
  key: 'page-10-rps',
  name: 'Page HTML `/recherche`',
  raw: { what: 'une recherche Meilisearch', value: spread(480), unit: 'req/s' },
  reperes: { what: '`/recherche`', value: spread(240), unit: 'req/s' },
  ratio: 0.5,
  target: { what: '—', met: undefined },
  loadAverage: [2, 2],
};

describe('benchReport', () => {
  it('lists as missed the rows whose target is missed, not those without a target', () => {
    const report = benchReport([searchRow, startupRow, referenceRow], 'npm run bench', {
      rounds: 5,
    });
    assert.deepEqual(report.missed, ['startup-ready']);
  });

  it('survives a JSON round trip with its rows, machine and settings', () => {
    const report = benchReport([searchRow], 'npm run bench', { rounds: 5, seconds: 4 });
    const read = JSON.parse(JSON.stringify(report)) as typeof report;
    assert.deepEqual(read.rows, [searchRow]);
    assert.deepEqual(read.settings, { rounds: 5, seconds: 4 });
    assert.equal(read.machine.cores, os.availableParallelism());
    assert.equal(read.command, 'npm run bench');
  });
});

describe('formatBenchTable', () => {
  const lines = formatBenchTable(benchReport([searchRow, startupRow, referenceRow], 'x', {})).split(
    '\n',
  );

  it('prints a header, a separator and one line per row, each with the same six cells', () => {
    assert.equal(lines.length, 2 + 3);
    for (const line of lines) assert.equal(line.split(/(?<!\\)\|/).length - 2, 6, line);
  });

  it('gives the median with its min–max, the ratio and the target met, in French figures', () => {
    assert.equal(
      lines[2],
      '| Recherche, 1 connexion, p50 | une recherche Meilisearch : 4,6 ms (4,5–4,8) | `GET /api/search` p50 : 5,5 ms (5,1–6,0) | 1,20× | ≤ 1,3× : atteint | 1,5 → 2,0 |',
    );
  });

  it('shows a missed target and a row without raw tool nor ratio', () => {
    assert.equal(
      lines[3],
      '| `npm start` sur un index existant | — | prêt : 3,4 s (3,1–3,9) | — | < 3 s : **manqué** | 2,0 → 2,5 |',
    );
  });

  it('prints a single figure without a range, and a row without target without a verdict', () => {
    assert.match(
      lines[4] ?? '',
      /\| une recherche Meilisearch : 480 req\/s \| .* \| 0,50× \| — \|/,
    );
  });
});

describe('formatScale', () => {
  it('prints one line per corpus with its memory, size and both sides of the search', () => {
    const row: ScaleRow = {
      label: '10 000 sections',
      options: { maxIndexingMemory: 'défaut', proximityPrecision: 'byWord' },
      files: 1000,
      sections: 10000,
      ingestSeconds: 42.1,
      ingestPeakRssMiB: 600,
      engine: { peakRssMiB: 900, rssMiB: 700, anonymousMiB: 300 },
      databaseSizeMiB: 250.5,
      indexes: { sections: { documents: 10000, rawDocumentsMiB: 20 } },
      search: {
        connections: 10,
        raw: { p50Ms: spread(10), p99Ms: spread(30), requestsPerSecond: spread(800) },
        service: { p50Ms: spread(20), p99Ms: spread(60), requestsPerSecond: spread(400) },
        errors: 0,
      },
      loadAverage: [1, 2],
    };
    const lines = formatScale([row]).split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[2] ?? '',
      /^\| 10 000 sections \| défaut, byWord \| 1000 \| 10000 \| 42\.1 \| 600 \| 900 \/ 700 \/ 300 \| 250\.5 \|/,
    );
    assert.match(lines[2] ?? '', /10\.0 \(10\.0–10\.0\) \/ 30\.0 \(30\.0–30\.0\), 800 \(800–800\)/);
  });
});

describe('generateCorpus', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-generate-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Every file under a folder with its bytes, by relative path. */
  const filesOf = async (folder: string) => {
    const files = new Map<string, Buffer>();
    for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(folder, file), await fs.readFile(file));
    }
    return files;
  };

  it('writes the same files, byte for byte, from the same seed', async () => {
    const first = await generateCorpus({ dir: path.join(dir, 'a'), sections: 200, seed: 3 });
    await generateCorpus({ dir: path.join(dir, 'b'), sections: 200, seed: 3 });
    const [a, b] = [await filesOf(path.join(dir, 'a')), await filesOf(path.join(dir, 'b'))];
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name) ?? Buffer.alloc(0)), name);
    assert.equal(first.sections, 200);
    assert.equal(first.pdfFiles, 2);
    assert.equal(first.markdownFiles, 18);
  });

  it('writes other text from another seed', async () => {
    await generateCorpus({ dir: path.join(dir, 'c'), sections: 200, seed: 4 });
    const name = path.join('guides', 'lot-000', 'guide-000000.md');
    const [a, c] = await Promise.all(
      [path.join(dir, 'a', name), path.join(dir, 'c', name)].map((file) =>
        fs.readFile(file, 'utf8'),
      ),
    );
    assert.notEqual(a, c);
  });

  it('gives each Markdown guide front matter and one `##` heading per section', async () => {
    const text = await fs.readFile(
      path.join(dir, 'a', 'guides', 'lot-000', 'guide-000000.md'),
      'utf8',
    );
    assert.match(text, /^---\ntitle: ".+"\nsummary: ".+"\ntopics: \[[a-z-]+(, [a-z-]+)?\]\n---\n/);
    assert.equal(text.match(/^## /gm)?.length, 10);
  });
});
