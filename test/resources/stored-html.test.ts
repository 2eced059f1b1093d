import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import type { createApp } from '../../src/app.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

/**
 * A Markdown page is rendered once, at ingestion: the resource record holds its sanitised
 * HTML, and the API and the resource page serve that HTML rather than render it again.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('html');
const resources = client.index<ResourceRecord>(indexNames(prefix).resources);
let app: ReturnType<typeof createApp>;

before(async () => {
  const dir = await contentFolder({
    'encadre.md': `---
title: Un guide avec un encadré
owner: "Équipe EIG Link"
reviewed: 2026-11-21
---

Introduction.

## Le bloc

<div class="encadre">Texte caché dans un bloc HTML</div>

<script>alert("jamais")</script>
`,
  });
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  app = (await buildTestApp({ meili: client, prefix, contentDirs: [dir] })).app;
});
after(() => dropIndexes(client, prefix));

describe('the resource record', () => {
  it('holds the sanitised HTML of the page, raw HTML text in, scripts out', async () => {
    const record = await resources.getDocument('contenu-encadre');
    assert.match(record.html ?? '', /<h2 id="le-bloc">Le bloc<\/h2>/);
    assert.match(record.html ?? '', /<div>Texte caché dans un bloc HTML<\/div>/);
    assert.doesNotMatch(record.html ?? '', /<script|jamais/);
    assert.equal('body' in record, false, 'no Markdown body any more');
  });

  it('keeps the front matter’s owner and review date', async () => {
    const record = await resources.getDocument('contenu-encadre');
    assert.equal(record.owner, 'Équipe EIG Link');
    assert.equal(record.reviewed, '2026-11-21');
  });
});

describe('served as stored', () => {
  before(async () => {
    // Change the stored HTML only: what is served must follow it, not the source file.
    await resources
      .updateDocuments([
        { id: 'contenu-encadre', html: '<h2 id="le-bloc">Le bloc</h2><p>Version stockée</p>' },
      ])
      .waitTask();
  });

  it('GET /api/resources/:id › returns the stored HTML as it is', async () => {
    const response = await request(app).get('/api/resources/contenu-encadre').expect(200);
    assert.equal(response.body.html, '<h2 id="le-bloc">Le bloc</h2><p>Version stockée</p>');
  });

  it('GET /ressources/:id › shows the stored HTML, with the words of ?q= marked', async () => {
    const response = await request(app).get('/ressources/contenu-encadre?q=stockée').expect(200);
    assert.match(response.text, /<p>Version <mark>stockée<\/mark><\/p>/);
    assert.doesNotMatch(response.text, /Texte caché/);
  });
});
