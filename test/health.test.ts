import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { loadTaxonomy } from '../src/content/topics.ts';
import { findFreePort } from '../src/engine/embedded-meilisearch.ts';
import { applyIndexSettings } from '../src/engine/indexes.ts';
import { createMeiliClient } from '../src/engine/meili-client.ts';
import { buildTestApp } from './helpers/app.ts';
import { dropIndexes, testMeili, uniqueIndexes } from './helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('health');
after(() => dropIndexes(client, prefix));

describe('GET /healthz and /readyz', () => {
  it('/healthz answers while the process lives, even without Meilisearch', async () => {
    const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
    const { app } = await buildTestApp({ meili: dead, prefix });
    const response = await request(app).get('/healthz').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  it('/readyz answers 503 index_missing before the indexes exist, then 200', async () => {
    const { app } = await buildTestApp({ meili: client, prefix });
    const before = await request(app).get('/readyz').expect(503);
    assert.equal(before.body.error.code, 'index_missing');

    await applyIndexSettings(client, names, await loadTaxonomy('guides/topics.yml'));
    const response = await request(app).get('/readyz').expect(200);
    assert.deepEqual(response.body, { status: 'ok' });
  });

  it('/readyz answers 503 search_unavailable with a clear message when Meilisearch is unreachable', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const { app } = await buildTestApp({ meili: createMeiliClient({ url }), prefix });
    const response = await request(app).get('/readyz').expect(503);
    assert.equal(response.body.error.code, 'search_unavailable');
    assert.match(response.body.error.message, new RegExp(`Meilisearch est injoignable \\(${url}`));
  });

  it('unknown API routes answer a JSON 404', async () => {
    const { app } = await buildTestApp({ meili: client, prefix });
    const response = await request(app).get('/api/nope').expect(404);
    assert.equal(response.body.error.code, 'not_found');
  });
});
