import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';

describe('API rate limit', () => {
  it('answers 429 in the API error shape past the limit per minute, pages unaffected', async () => {
    const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
    const { app } = await buildTestApp({
      meili: dead,
      prefix: 'rate',
      env: { API_RATE_LIMIT_PER_MINUTE: '3' },
    });
    // Reading the contract is the first of the three requests allowed.
    const api = await contractClient(app);
    for (let i = 0; i < 2; i++) await api.get('/api/openapi.json').expect(200);
    const limited = await api.get('/api/topics').expect(429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.match(limited.body.error.message, /Trop de requêtes/);
    assert.ok(limited.headers['ratelimit-policy']);
    await request(app).get('/mentions-legales').expect(200);
    await api.get('/healthz').expect(200);
  });
});
