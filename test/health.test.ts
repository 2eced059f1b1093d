import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadTaxonomy } from '../src/content/topics.ts';
import { findFreePort } from '../src/engine/embedded-meilisearch.ts';
import { applyIndexSettings } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { contractClient } from './helpers/api-contract.ts';
import { buildTestApp } from './helpers/app.ts';
import { recordingLogger } from './helpers/log.ts';
import { dropIndexes, testMeili, uniqueIndexes } from './helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('health');
after(() => dropIndexes(client, prefix));

// Every response is checked against the app's /api/openapi.json.
async function apiOf(meili: typeof client) {
  const { app } = await buildTestApp({ meili, prefix });
  return contractClient(app);
}

describe('GET /healthz and /readyz', () => {
  it('/healthz answers while the process lives, even without Meilisearch', async () => {
    const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
    const api = await apiOf(dead);
    const response = await api.get('/healthz').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  it('/readyz answers 503 index_missing before the indexes exist, without naming them, then 200', async () => {
    const api = await apiOf(client);
    const before = await api.get('/readyz').expect(503);
    assert.equal(before.body.status, 'unavailable');
    assert.equal(before.body.error.code, 'index_missing');
    assert.match(before.body.error.message, /l'ingestion n'a pas encore abouti/);
    assert.doesNotMatch(before.body.error.message, new RegExp(prefix));

    await applyIndexSettings(client, names, await loadTaxonomy('guides/topics.yml'));
    const response = await api.get('/readyz').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  it('/readyz answers 503 search_unavailable when Meilisearch is unreachable, without its address or the raw error', async () => {
    const port = await findFreePort();
    const api = await apiOf(createMeiliClient({ url: `http://127.0.0.1:${port}` }));
    const response = await api.get('/readyz').expect(503);
    assert.deepEqual(response.body, {
      status: 'unavailable',
      error: {
        code: 'search_unavailable',
        message: 'Meilisearch est injoignable : la recherche est momentanément indisponible.',
      },
    });
    const text = JSON.stringify(response.body);
    assert.doesNotMatch(text, new RegExp(`127\\.0\\.0\\.1|${port}|fetch failed|ECONNREFUSED`));
  });

  it('/readyz logs what it does not tell clients, once: the engine address and the cause, without a stack', async () => {
    const { logger, entries } = recordingLogger();
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const { app } = await buildTestApp({ meili: createMeiliClient({ url }), prefix, logger });
    const api = await contractClient(app);
    await api.get('/readyz').expect(503);
    await api.get('/readyz').expect(503);
    const logged = entries.filter((entry) => entry.msg === 'not ready');
    assert.equal(logged.length, 1, 'the probe logs why it is not ready, once while it stays so');
    assert.equal(logged[0]?.engine, url);
    assert.equal(logged[0]?.code, 'search_unavailable');
    assert.match(String(logged[0]?.reason), /ECONNREFUSED/, 'with the cause');
    assert.doesNotMatch(JSON.stringify(entries), /"stack"/);
  });

  it('unknown API routes answer a JSON 404 in the documented error shape', async () => {
    const api = await apiOf(client);
    const response = await api.getUnknown('/api/nope').expect(404);
    assert.deepEqual(response.body, {
      error: { code: 'not_found', message: "Cette adresse d'API n'existe pas." },
    });
  });
});
