import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { PipelineDeps } from '../../ingest/pipeline.ts';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildScannedPdf } from '../helpers/scanned-pdf.ts';

/**
 * A PDF whose page 2 is a scan (an image of text, no text layer), ingested through the
 * parse pool with OCR on: its words are searchable and lead to that page. OCR is slow:
 * one small scanned page, read once for the whole file.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('ocr');
after(() => dropIndexes(client, prefix));

const resourceId = 'contenu-rapport-conchyliculture';
let deps: PipelineDeps;
let dir: string;
let cacheDir: string;
let pdf: Buffer;
let api: Awaited<ReturnType<typeof contractClient>>;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];

before(async () => {
  pdf = await buildScannedPdf(
    [
      { text: ['Rapport sur les cultures marines', 'Première page, écrite et non numérisée.'] },
      { scan: ['Bilan de la mytiliculture', 'sur les bouchots de la baie.'] },
    ],
    'Rapport conchyliculture',
  );
  dir = await contentFolder({ 'rapport-conchyliculture.pdf': pdf });
  cacheDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-ocr-')), 'ocr-cache');
  deps = {
    ...(await pipelineDeps(client, prefix)),
    ocr: { pageTimeoutMs: 120_000, maxPages: 5, cacheDir },
  };
  const built = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
  app = built.app;
  api = await contractClient(app);
});

describe('scanned PDF pages (OCR)', () => {
  it('reads a page that has no text layer, without a warning for it', async () => {
    const summary = await sync(deps, [dir]);
    assert.deepEqual(summary.failed, []);
    assert.deepEqual(summary.warnings, []);
    assert.equal(summary.ocr.recognised, 1);
    assert.equal(summary.ocr.cached, 0);
  });

  it('GET /api/search › a word of the scanned page › finds that page, marked ocr, at #page=2', async () => {
    const response = await api.get('/api/search?q=mytiliculture').expect(200);
    const result = response.body as SearchResult;
    const [hit] = result.hits;
    assert.equal(hit?.resourceId, resourceId);
    assert.equal(hit.page, 2);
    assert.ok(hit.url.endsWith('#page=2'), hit.url);
    assert.equal(hit.ocr, true);
  });

  it('GET /api/search › a word of the text page › is not marked ocr', async () => {
    const response = await api.get('/api/search?q=numérisée').expect(200);
    const [hit] = (response.body as SearchResult).hits;
    assert.equal(hit?.page, 1);
    assert.equal(hit.ocr, undefined);
  });

  it('GET /api/resources/:id › marks the section of page 2 ocr, not that of page 1', async () => {
    const response = await api.get(`/api/resources/${resourceId}`).expect(200);
    const { sections } = response.body as { sections: { page?: number; ocr?: boolean }[] };
    assert.deepEqual(
      sections.map(({ page, ocr }) => ({ page, ocr })),
      [
        { page: 1, ocr: undefined },
        { page: 2, ocr: true },
      ],
    );
  });

  it('GET /recherche › marks the hit "texte reconnu automatiquement"', async () => {
    const response = await request(app).get('/recherche?q=mytiliculture').expect(200);
    assert.match(
      response.text,
      /<span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Texte reconnu automatiquement<\/span>/,
    );
  });

  it('GET /ressources/:id › says that page 2, not page 1, was recognised automatically', async () => {
    const response = await request(app).get(`/ressources/${resourceId}`).expect(200);
    const page1 = /<section class="rp-pdf-page" id="page-1"[\s\S]*?<\/section>/.exec(response.text);
    const page2 = /<section class="rp-pdf-page" id="page-2"[\s\S]*?<\/section>/.exec(response.text);
    assert.doesNotMatch(page1?.[0] ?? '', /Texte reconnu automatiquement/);
    assert.match(page2?.[0] ?? '', /Texte reconnu automatiquement/);
    assert.match(page2?.[0] ?? '', /mytiliculture/i);
  });

  it('keeps the recognised text by file hash', async () => {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const cached = JSON.parse(await fs.readFile(path.join(cacheDir, `${sha256}.json`), 'utf8')) as {
      pages: Record<string, { text: string }>;
    };
    assert.deepEqual(Object.keys(cached.pages), ['2']);
    assert.match(cached.pages['2']?.text ?? '', /mytiliculture/i);
  });

  it('a rebuild with the file unchanged takes the page from the cache, not from OCR again', async () => {
    const summary = await sync(deps, [dir], { rebuild: true });
    assert.equal(summary.parsed, 1, 'the rebuild parses the file again');
    assert.deepEqual(summary.ocr, { ...summary.ocr, recognised: 0, cached: 1 });
    const response = await api.get('/api/search?q=mytiliculture').expect(200);
    const [hit] = (response.body as SearchResult).hits;
    assert.equal(hit?.page, 2);
    assert.equal(hit.ocr, true);
  });
});
