import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { didYouMean, type DidYouMeanDeps } from '../../src/search/did-you-mean.ts';
import { taxonomyVocabulary } from '../../src/search/spelling.ts';
import { buildTestApp } from '../helpers/app.ts';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

const { client, url, key } = testMeili();
const { prefix, names } = uniqueIndexes('did-you-mean');
let proxy: CountingProxy;
let deps: DidYouMeanDeps;
const noFilter = { topic: [], type: [], promotion: [], organisation: [] };

before(async () => {
  const dir = await contentFolder({
    'securite.md':
      '---\ntitle: La sécurité des services\ntopics: [securite]\n---\n\n# La sécurité des services\n\nHomologuer un service et tenir sa sécurité à jour.\n',
    'hebergement.md':
      '---\ntitle: Héberger un service\ntopics: [hebergement]\n---\n\n# Héberger un service\n\nLe choix de l’hébergement et la sécurité des données.\n',
  });
  await sync(await pipelineDeps(client, prefix), [dir]);
  proxy = await startCountingProxy(url);
  const taxonomy = await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml'));
  deps = {
    meili: createMeiliClient({ url: proxy.url, apiKey: key }),
    indexes: names,
    vocabulary: taxonomyVocabulary(taxonomy),
  };
});
after(async () => {
  await proxy?.close();
  await dropIndexes(client, prefix);
});

describe('didYouMean', () => {
  it('with a misspelt word › suggests the spelling of the taxonomy that finds sections', async () => {
    assert.deepEqual(await didYouMean(deps, { q: 'sekurte', ...noFilter }, 0), ['sécurité']);
  });

  it('with several misspelt words › counts every candidate in one Meilisearch request', async () => {
    proxy.requests.length = 0;
    const suggestions = await didYouMean(deps, { q: 'sekurte sirvise', ...noFilter }, 0);
    assert.deepEqual(proxy.requests, ['POST /multi-search']);
    assert.equal(suggestions[0], 'sécurité service');
  });

  it('with filters › keeps only spellings that find something under the same filters', async () => {
    const q = 'sekurte';
    assert.deepEqual(await didYouMean(deps, { q, ...noFilter, topic: ['hebergement'] }, 0), [
      'sécurité',
    ]);
    assert.deepEqual(await didYouMean(deps, { q, ...noFilter, topic: ['juridique'] }, 0), []);
  });

  it('with a query that already finds as much › suggests nothing', async () => {
    assert.deepEqual(await didYouMean(deps, { q: 'sekurte', ...noFilter }, 1_000), []);
  });

  it('with an empty query › asks Meilisearch nothing', async () => {
    proxy.requests.length = 0;
    assert.deepEqual(await didYouMean(deps, { q: '', ...noFilter }, 0), []);
    assert.deepEqual(proxy.requests, []);
  });
});

describe('GET /recherche › with words nothing matches', () => {
  it('asks Meilisearch only twice more than the search itself: suggestions and topic counts', async () => {
    const { app } = await buildTestApp({ meili: deps.meili, prefix });
    const q = encodeURIComponent('sekurte sirvise');
    proxy.requests.length = 0;
    const api = await request(app).get(`/api/search?q=${q}`).expect(200);
    assert.equal(api.body.total, 0);
    const searchAlone = proxy.requests.length;

    proxy.requests.length = 0;
    const page = await request(app).get(`/recherche?q=${q}`).expect(200);
    assert.match(page.text, /Essayez plutôt :.*sécurité service/);
    assert.equal(proxy.requests.length, searchAlone + 2, proxy.requests.join(', '));
  });
});
