import { loadReviewPolicy } from '../src/freshness/review-policy.ts';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { createParsePool } from '../ingest/parse-pool.ts';
import { createPublishHooks } from '../ingest/publish-hooks.ts';
import { syncContent, type PipelineDeps } from '../ingest/pipeline.ts';
import { createSearchLog } from '../src/analytics/search-log.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadPromotions } from '../src/content/promotions.ts';
import { contentRoots, publishRootKey, withPublishRoot } from '../src/content/roots.ts';
import { loadTaxonomy } from '../src/content/topics.ts';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { indexNames } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { ContentStore } from '../src/publishing/content-store.ts';
import { Publisher } from '../src/publishing/publisher.ts';
import { findResource } from '../src/index-lookup/index-lookup.ts';
import { buildPdf } from '../test/helpers/pdf-builder.ts';

/**
 * `npm run bench -- publish`: time from a publish request (HTTP, multipart) to the
 * resource being found by /api/search, median of 20, for a short Markdown guide and for a
 * 50-page PDF. The service answers once the index holds the resource: the figure is the
 * request's own duration plus one search.
 */

const runs = 20;
const root = path.resolve(import.meta.dirname, '..');
const logger = pino({ level: 'silent' });
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-bench-publish-'));
const meili = await startEmbeddedMeilisearch({ dataDir });
const parsePool = createParsePool();

try {
  const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 60_000 });
  const config = loadConfig({ DATA_DIR: dataDir, MEILI_URL: meili.url, LOG_LEVEL: 'silent' }, root);
  // A realistic index: the shipped guides and the corpus (when present) are there first.
  const corpus = path.resolve(root, '../shared/corpus');
  const hasCorpus = await fs.access(corpus).then(
    () => true,
    () => false,
  );
  const roots = withPublishRoot(
    contentRoots([path.join(root, 'guides'), ...(hasCorpus ? [corpus] : [])]),
    config.publishDir,
  );
  const deps: PipelineDeps = {
    meili: client,
    indexes: indexNames(config.indexPrefix),
    taxonomy: await loadTaxonomy(config.topicsFile),
    promotions: await loadPromotions(config.promotionsFile),
    limits: { maxFileBytes: config.maxFileBytes, pdfMaxPages: config.pdfMaxPages },
    parsePool,
    logger,
  };
  const { store } = await ContentStore.open({
    dir: config.publishDir,
    rootKey: publishRootKey,
    logger,
  });
  const ingested = await syncContent(deps, { roots });
  console.log(
    `Index de départ : ${ingested.seen} fichiers (guides${hasCorpus ? ' et corpus' : ''}), ${ingested.sectionsWritten} sections`,
  );
  // The bench's coordinator: sign-in is not what is measured.
  const benchCoordinator: RequestHandler = (_req, res, next) => {
    res.locals['coordinator'] = { name: 'Banc d’essai', email: 'bench@localhost' };
    next();
  };
  const app = createApp({
    config: { ...config, apiRateLimitPerMinute: 1_000_000 },
    meili: client,
    indexes: deps.indexes,
    taxonomy: deps.taxonomy,
    reviewPolicy: await loadReviewPolicy(config.reviewPolicyFile),
    roots,
    searchLog: createSearchLog({ dir: path.join(dataDir, 'analytics'), maxBytes: 1e6, logger }),
    logger,
    publishing: {
      store,
      publisher: new Publisher({
        store,
        hooks: createPublishHooks(deps, roots),
        isIndexed: async (id) => (await findResource(deps, id)) !== undefined,
      }),
    },
    requireCoordinator: benchCoordinator,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const measure = async (
    label: string,
    form: (n: number, word: string) => FormData,
  ): Promise<number[]> => {
    const times: number[] = [];
    for (let n = 0; n < runs; n++) {
      const word = `repere${label}${n}x${Date.now().toString(36)}`;
      const started = performance.now();
      const res = await fetch(`${base}/api/resources`, { method: 'POST', body: form(n, word) });
      if (res.status !== 201) throw new Error(`publish ${res.status}: ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const found = await fetch(`${base}/api/search?q=${word}`);
        const { hits } = (await found.json()) as { hits: { resourceId: string }[] };
        if (hits.some((hit) => hit.resourceId === id)) break;
      }
      times.push(performance.now() - started);
    }
    return times;
  };

  const markdown = await measure('md', (n, word) => {
    const form = new FormData();
    form.set('title', `Guide du banc ${n}`);
    form.set('markdown', `## Partie\n\nUn guide court qui cite ${word} une fois.\n`);
    return form;
  });
  const pdf = await measure('pdf', (n, word) => {
    const pages = Array.from({ length: 50 }, (_, page) => [
      `Page ${page + 1} du rapport de banc ${n}`,
      `Le texte de cette page parle des indicateurs du programme (${page === 49 ? word : 'suite'}).`,
    ]);
    const form = new FormData();
    form.set('title', `Rapport du banc ${n}`);
    form.set(
      'file',
      new Blob([new Uint8Array(buildPdf({ pages }))], { type: 'application/pdf' }),
      `rapport-${n}.pdf`,
    );
    return form;
  });
  server.close();

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return sorted.length % 2 === 0
      ? ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
      : (sorted[Math.floor(middle)] as number);
  };
  const line = (name: string, values: number[]) =>
    `${name.padEnd(46)} médiane ${median(values).toFixed(0).padStart(6)} ms   min ${Math.min(...values).toFixed(0)} ms   max ${Math.max(...values).toFixed(0)} ms`;
  console.log(
    `Publication → trouvée par la recherche (${runs} fois chacune, ${os.cpus().length} cœurs)`,
  );
  console.log(line('Guide Markdown (texte du formulaire)', markdown));
  console.log(line('PDF de 50 pages (fichier)', pdf));
} finally {
  await parsePool.close();
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
