import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { discoverFiles } from '../../ingest/sources.ts';
import { parseSource } from '../../ingest/parsers/index.ts';
import { createParsePool } from '../../ingest/parse-pool.ts';
import { syncContent } from '../../ingest/pipeline.ts';
import { resourceIdOf } from '../../src/content/ids.ts';
import { loadPromotions } from '../../src/content/promotions.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { startEmbeddedMeilisearch } from '../../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { settle } from '../../src/engine/tasks.ts';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import { searchSections } from '../../src/search/search-sections.ts';

/**
 * `npm run eval`: relevance of Repères over ../shared/corpus against a naive baseline
 * (one record per file, Meilisearch defaults), on the queries of queries.yml.
 * Prints success@5 and MRR@10 for both; exits 1 when Repères is under 0.95 at 5.
 */

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const querySet = z
  .object({
    queries: z
      .array(z.object({ q: z.string().min(1), answers: z.array(z.string()).min(1) }))
      .min(30),
  })
  .parse(parseYaml(await fs.readFile(path.join(import.meta.dirname, 'queries.yml'), 'utf8')));

try {
  await fs.access(corpus);
} catch {
  console.error(`Corpus introuvable : ${corpus}. L'évaluation porte sur ../shared/corpus.`);
  process.exit(2);
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-eval-'));
const meili = await startEmbeddedMeilisearch({ dataDir });
const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 });
const logger = pino({ level: 'silent' });
const parsePool = createParsePool();

try {
  const [corpusRoot] = contentRoots([corpus]);
  if (corpusRoot === undefined) throw new Error('no corpus root');
  const indexes = indexNames('eval');
  const promotions = await loadPromotions(path.join(root, 'guides/promotions.yml'));
  const taxonomy = await loadTaxonomy(path.join(root, 'guides/topics.yml'));
  // A query as a person types it: every other parameter at its default.
  const plainQuery = searchQuerySchema(taxonomy);
  await syncContent(
    {
      meili: client,
      indexes,
      taxonomy,
      promotions,
      limits: { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 1000 },
      parsePool,
      logger,
    },
    { roots: [corpusRoot] },
  );

  // The baseline: each file as one record, its whole text, no settings at all.
  const baseline = 'eval-baseline';
  const records = [];
  for (const file of await discoverFiles(corpusRoot)) {
    const bytes = await fs.readFile(file.absolutePath);
    const parsed = await parseSource(
      { relativePath: file.relativePath, bytes },
      { pdfMaxPages: 1000, promotionOfYear: (year) => promotions.get(year) },
    ).catch(() => undefined);
    if (parsed === undefined) continue;
    records.push({
      id: resourceIdOf(corpusRoot.key, file.relativePath),
      title: parsed.title,
      text: parsed.sections.map((section) => `${section.heading}\n${section.text}`).join('\n\n'),
    });
  }
  await settle(client.index(baseline).addDocuments(records, { primaryKey: 'id' }), 'baseline');

  const idOf = (answer: string) => resourceIdOf(corpusRoot.key, answer);
  const rows: { q: string; reperes: number; naive: number }[] = [];
  for (const { q, answers } of querySet.queries) {
    const expected = new Set(answers.map(idOf));
    const ours = await searchSections({ meili: client, indexes }, plainQuery.parse({ q }));
    const theirs = await client.index(baseline).search(q, { limit: 10 });
    const rank = (ids: string[]) => ids.findIndex((id) => expected.has(id)) + 1;
    rows.push({
      q,
      reperes: rank(ours.hits.map((hit) => hit.resourceId)),
      naive: rank(theirs.hits.map((hit) => String(hit.id))),
    });
  }

  const successAt5 = (ranks: number[]) =>
    ranks.filter((r) => r > 0 && r <= 5).length / ranks.length;
  const mrrAt10 = (ranks: number[]) =>
    ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0) / ranks.length;
  const show = (rank: number) => (rank === 0 ? '—' : String(rank)).padStart(8);
  console.log(`${'requête'.padEnd(42)}${'Repères'.padStart(8)}${'naïf'.padStart(8)}`);
  for (const row of rows)
    console.log(`${row.q.slice(0, 41).padEnd(42)}${show(row.reperes)}${show(row.naive)}`);
  const ours = rows.map((row) => row.reperes);
  const naive = rows.map((row) => row.naive);
  const figures = (ranks: number[]) =>
    `success@5 = ${successAt5(ranks).toFixed(3)}   MRR@10 = ${mrrAt10(ranks).toFixed(3)}`;
  console.log(
    `\n${rows.length} requêtes (rang de la première bonne réponse, — si absente du top 10)`,
  );
  console.log(`Repères : ${figures(ours)}`);
  console.log(`Naïf    : ${figures(naive)}`);
  process.exitCode = successAt5(ours) >= 0.95 ? 0 : 1;
} finally {
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
