import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { applyIndexSettings } from '../../src/engine/indexes.ts';
import { trackContentSync } from '../../src/health/content-sync.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('first-indexing');
after(() => dropIndexes(client, prefix));
await applyIndexSettings(client, names, await loadTaxonomy('guides/topics.yml'));

/** The app on empty indexes, with a content folder of 261 files not indexed yet. */
async function appDuringFirstIndexing() {
  const contentSync = trackContentSync({
    countFiles: () => Promise.resolve(261),
    countIndexed: async () => (await client.index(names.resources).getStats()).numberOfDocuments,
  });
  const { app } = await buildTestApp({ meili: client, prefix, deps: { contentSync } });
  // The probes are checked against the OpenAPI document; pages are not in it.
  const { get } = await contractClient(app);
  return { contentSync, get, page: (path: string) => request(app).get(path) };
}

const notice =
  /<main id="contenu" role="main" tabindex="-1"><div class="fr-notice fr-notice--info" role="status" id="indexation-en-cours"><div class="fr-container"><div class="fr-notice__body"><p><span class="fr-notice__title">Indexation en cours \(120 fichiers sur 261\)<\/span>/;

describe('the first indexing since start', () => {
  it('/readyz answers 503 index_syncing with the files done and their total, then 200 once it ends', async () => {
    const { contentSync, get } = await appDuringFirstIndexing();
    contentSync.recordProgress(120, 261);
    const during = await get('/readyz').expect(503);
    assert.equal(during.body.error.code, 'index_syncing');
    assert.deepEqual(during.body.progress, { done: 120, total: 261 });

    contentSync.markSynced();
    const done = await get('/readyz').expect(200);
    assert.deepEqual(done.body, { status: 'ok' });
  });

  it('/readyz gives no progress before the indexing has counted the files', async () => {
    const { get } = await appDuringFirstIndexing();
    const during = await get('/readyz').expect(503);
    assert.equal(during.body.error.code, 'index_syncing');
    assert.equal(during.body.progress, undefined);
  });

  it('every page shows a status notice with the progress, which goes when the indexing ends', async () => {
    const { contentSync, page } = await appDuringFirstIndexing();
    contentSync.recordProgress(120, 261);
    for (const path of ['/', '/ressources', '/mentions-legales', '/plan-du-site']) {
      const res = await page(path);
      assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 2000)}`);
      assert.match(res.text, notice, `the notice on ${path}`);
    }
    contentSync.markSynced();
    for (const path of ['/', '/mentions-legales']) {
      assert.doesNotMatch((await page(path)).text, /Indexation en cours/, `no notice on ${path}`);
    }
  });

  it('says « 1 fichier » and « 0 fichier » in the singular, and groups thousands', async () => {
    const { contentSync, page } = await appDuringFirstIndexing();
    contentSync.recordProgress(1, 1500);
    assert.match((await page('/')).text, /Indexation en cours \(1 fichier sur 1\s500\)/);
    contentSync.recordProgress(0, 1500);
    assert.match((await page('/')).text, /Indexation en cours \(0 fichier sur 1\s500\)/);
  });

  it('an app without a sync to follow (the ingestion runs elsewhere) shows no notice', async () => {
    const { app } = await buildTestApp({ meili: client, prefix });
    const home = await request(app).get('/').expect(200);
    assert.doesNotMatch(home.text, /Indexation en cours/);
  });
});
