import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

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
    assert.match(limited.headers['retry-after'] ?? '', /^\d+$/);
    await request(app).get('/mentions-legales').expect(200);
    await api.get('/healthz').expect(200);
  });
});

describe('GET /recherche rate limit', () => {
  const { client } = testMeili();
  const { prefix } = uniqueIndexes('rate-page');
  before(async () => {
    const dir = await contentFolder({ 'guide.md': '# Héberger\n\nLe cloud de confiance.\n' });
    await sync(await pipelineDeps(client, prefix), [dir]);
  });
  after(() => dropIndexes(client, prefix));

  const appWith = async (env: NodeJS.ProcessEnv) =>
    (await buildTestApp({ meili: client, prefix, env })).app;

  it('answers a French 429 page in the site layout past the limit per minute', async () => {
    const app = await appWith({ SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '2' });
    await request(app).get('/recherche?q=cloud').expect(200);
    await request(app).get('/recherche?q=clou').expect(200);
    const limited = await request(app).get('/recherche?q=cloud').expect(429);
    assert.match(limited.headers['content-type'] ?? '', /^text\/html/);
    assert.match(limited.text, /<html lang="fr"/);
    assert.match(limited.text, /<title>Trop de requêtes – Repères<\/title>/);
    assert.match(limited.text, /<header role="banner" class="fr-header">/);
    assert.match(limited.text, /Erreur 429/);
    assert.ok(limited.headers['retry-after']);
  });

  it('keeps its own budget: the API and the other pages still answer', async () => {
    const app = await appWith({
      SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1',
      API_RATE_LIMIT_PER_MINUTE: '5',
    });
    await request(app).get('/recherche?q=cloud').expect(200);
    await request(app).get('/recherche?q=cloud').expect(429);
    await request(app).get('/api/search?q=cloud').expect(200);
    await request(app).get('/ressources').expect(200);
  });

  describe('the other pages that query the index', () => {
    let resourcePage: string;
    before(async () => {
      const { body } = await request(await appWith({}))
        .get('/api/resources')
        .expect(200);
      const id = (body as { resources: { id: string }[] }).resources[0]?.id;
      assert.ok(id !== undefined);
      resourcePage = `/ressources/${id}`;
    });

    for (const page of ['/', '/ressources', 'the resource page']) {
      it(`limits ${page} with PAGES_RATE_LIMIT_PER_MINUTE, answering a French 429 page`, async () => {
        const address = page === 'the resource page' ? resourcePage : page;
        const app = await appWith({ PAGES_RATE_LIMIT_PER_MINUTE: '2' });
        await request(app).get(address).expect(200);
        await request(app).get(address).expect(200);
        const limited = await request(app).get(address).expect(429);
        assert.match(limited.headers['content-type'] ?? '', /^text\/html/);
        assert.match(limited.text, /Erreur 429/);
        assert.ok(limited.headers['retry-after']);
      });
    }

    it('shares one budget between them, apart from /recherche, the API and the static pages', async () => {
      const app = await appWith({ PAGES_RATE_LIMIT_PER_MINUTE: '2' });
      await request(app).get('/').expect(200);
      await request(app).get(resourcePage).expect(200);
      await request(app).get('/ressources').expect(429);
      await request(app).get('/recherche?q=cloud').expect(200);
      await request(app).get('/api/search?q=cloud').expect(200);
      await request(app).get('/mentions-legales').expect(200);
      await request(app).get('/healthz').expect(200);
    });
  });

  describe('with the default TRUST_PROXY', () => {
    it('does not give a fresh quota to a forged X-Forwarded-For, on any budget', async () => {
      const app = await appWith({
        API_RATE_LIMIT_PER_MINUTE: '1',
        SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1',
        PAGES_RATE_LIMIT_PER_MINUTE: '1',
      });
      for (const address of ['/api/search?q=cloud', '/recherche?q=cloud', '/ressources']) {
        await request(app).get(address).set('X-Forwarded-For', '203.0.113.1').expect(200);
        await request(app).get(address).set('X-Forwarded-For', '203.0.113.2').expect(429);
        await request(app)
          .get(address)
          .set('X-Forwarded-For', '203.0.113.3, 198.51.100.7')
          .expect(429);
      }
    });

    it('does not give a fresh quota to a forged X-Forwarded-For on /recherche', async () => {
      const app = await appWith({ SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1' });
      await request(app)
        .get('/recherche?q=cloud')
        .set('X-Forwarded-For', '203.0.113.1')
        .expect(200);
      await request(app)
        .get('/recherche?q=cloud')
        .set('X-Forwarded-For', '203.0.113.2')
        .expect(429);
      await request(app)
        .get('/api/search?q=cloud')
        .set('X-Forwarded-For', '203.0.113.3')
        .expect(200);
    });
  });

  for (const [setting, meaning] of [
    ['1', 'one proxy hop'],
    ['127.0.0.0/8,::1/128', 'the proxy addresses as CIDR ranges'],
  ] as const) {
    describe(`with TRUST_PROXY=${setting} (${meaning})`, () => {
      it('counts the address the proxy appended, not one the client forged before it', async () => {
        const app = await appWith({ API_RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: setting });
        // The proxy appends the address it saw; what the client sent stays in front.
        await request(app)
          .get('/api/search?q=cloud')
          .set('X-Forwarded-For', '198.51.100.9, 203.0.113.1')
          .expect(200);
        await request(app)
          .get('/api/search?q=cloud')
          .set('X-Forwarded-For', '198.51.100.10, 203.0.113.1')
          .expect(429);
        await request(app)
          .get('/api/search?q=cloud')
          .set('X-Forwarded-For', '203.0.113.2')
          .expect(200);
      });
    });
  }

  describe('with TRUST_PROXY naming the proxy in front', () => {
    it('counts each client address the proxy reports on its own', async () => {
      const app = await appWith({
        SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '1',
        TRUST_PROXY: 'loopback',
      });
      await request(app)
        .get('/recherche?q=cloud')
        .set('X-Forwarded-For', '203.0.113.1')
        .expect(200);
      await request(app)
        .get('/recherche?q=cloud')
        .set('X-Forwarded-For', '203.0.113.1')
        .expect(429);
      await request(app)
        .get('/recherche?q=cloud')
        .set('X-Forwarded-For', '203.0.113.2')
        .expect(200);
    });
  });
});
