import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import type { Taxonomy } from '../../src/content/topics.ts';
import { didYouMean, type DidYouMeanDeps } from '../../src/search/did-you-mean.ts';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import { searchSections } from '../../src/search/search-sections.ts';
import { taxonomyVocabulary } from '../../src/search/spelling.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

const { client, url, key } = testMeili();
const { prefix, names } = uniqueIndexes('did-you-mean');
const few = uniqueIndexes('did-you-mean-few');
let proxy: CountingProxy;
let deps: DidYouMeanDeps & { taxonomy: Taxonomy };
let fewDeps: DidYouMeanDeps;
const noFilter = {
  topic: [],
  type: [],
  promotion: [],
  organisation: [],
  administration: [],
  competence: [],
};

before(async () => {
  const dir = await contentFolder({
    'securite.md':
      '---\ntitle: La sécurité des services\ntopics: [securite]\n---\n\n# La sécurité des services\n\nHomologuer un service et tenir sa sécurité à jour.\n',
    'hebergement.md':
      '---\ntitle: Héberger un service\ntopics: [hebergement]\n---\n\n# Héberger un service\n\nLe choix de l’hébergement et la sécurité des données.\n',
  });
  await sync(await pipelineDeps(client, prefix), [dir]);
  // Few hits: the same two guides, with a decoy and a rare real word.
  const fewDir = await contentFolder({
    'securite.md':
      '---\ntitle: La sécurité des services\n---\n\n# La sécurité des services\n\nTenir sa sécurité à jour.\n',
    'hebergement.md':
      '---\ntitle: Héberger un service\n---\n\n# Héberger un service\n\nLa sécurité des données.\n',
    // A rare word one typo away from "sekurte", a misspelling of "sécurité".
    'association.md':
      '---\ntitle: Une association\n---\n\n# Une association\n\nL’association Sekurta aide les bénévoles.\n',
    // A real word of the corpus, close to "licence" of the taxonomy.
    'orgues.md':
      '---\ntitle: Les orgues\n---\n\n# Les orgues\n\nLe silence des églises avant le concert.\n',
    'licences.md':
      '---\ntitle: Les licences\n---\n\n# Les licences\n\nChoisir une licence libre.\n',
    'code.md':
      '---\ntitle: Publier son code\n---\n\n# Publier son code\n\nLa licence du code source.\n',
  });
  await sync(await pipelineDeps(client, few.prefix), [fewDir]);
  proxy = await startCountingProxy(url);
  const taxonomy = await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml'));
  deps = {
    meili: createMeiliClient({ url: proxy.url, apiKey: key }),
    indexes: names,
    vocabulary: taxonomyVocabulary(taxonomy),
    taxonomy,
  };
  fewDeps = { ...deps, indexes: few.names };
});
after(async () => {
  await proxy?.close();
  await dropIndexes(client, prefix);
  await dropIndexes(client, few.prefix);
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

  it('with a few results and a spelling that finds many more › suggests that spelling', async () => {
    assert.deepEqual(await didYouMean(fewDeps, { q: 'sekurte', ...noFilter }, 1), ['sécurité']);
  });

  it('with a few results and a spelling that finds no more › suggests nothing', async () => {
    assert.deepEqual(await didYouMean(fewDeps, { q: 'sekurte', ...noFilter }, 2), []);
  });

  it('with a few results for a word found as typed › suggests nothing', async () => {
    assert.deepEqual(await didYouMean(fewDeps, { q: 'silence', ...noFilter }, 1), []);
  });

  it('with more than a few results › suggests nothing and asks Meilisearch nothing', async () => {
    proxy.requests.length = 0;
    assert.deepEqual(await didYouMean(deps, { q: 'sekurte', ...noFilter }, 6), []);
    assert.deepEqual(proxy.requests, []);
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
    const q = 'sekurte sirvise';
    proxy.requests.length = 0;
    const alone = await searchSections(deps, searchQuerySchema(deps.taxonomy).parse({ q }));
    assert.equal(alone.total, 0);
    const searchAlone = proxy.requests.length;

    proxy.requests.length = 0;
    const page = await request(app)
      .get(`/recherche?q=${encodeURIComponent(q)}`)
      .expect(200);
    assert.match(page.text, /Essayez plutôt :.*sécurité service/);
    // Not counted: the result cache's look at the indexes' last update (GET /indexes/<uid>).
    const asked = proxy.requests.filter((line) => !line.startsWith('GET /indexes/'));
    assert.equal(asked.length, searchAlone + 2, proxy.requests.join(', '));
  });
});

describe('GET /recherche › with few hits and a better spelling', () => {
  it('asks « Vouliez-vous dire » with a link to that search, above the hits', async () => {
    const { app } = await buildTestApp({ meili: deps.meili, prefix: few.prefix });
    const page = await request(app).get('/recherche?q=sekurte').expect(200);
    const question =
      /<p class="rp-did-you-mean fr-text--lg">Vouliez-vous dire <a href="\/recherche\?q=s%C3%A9curit%C3%A9">« sécurité »<\/a> \?<\/p>/.exec(
        page.text,
      );
    assert.ok(question, 'the question and its link');
    // Right under the count, before the sort control and the hits.
    assert.ok(question.index < page.text.indexOf('<form class="rp-sort'));
    assert.ok(question.index < page.text.indexOf('<ol class="rp-hits'));
  });

  it('with a word spelt right › asks nothing', async () => {
    const { app } = await buildTestApp({ meili: deps.meili, prefix: few.prefix });
    const page = await request(app).get('/recherche?q=licence').expect(200);
    assert.doesNotMatch(page.text, /Vouliez-vous dire/);
  });
});

describe('GET /api/search › suggestions', () => {
  it('with few hits and a better spelling › gives it, as documented', async () => {
    const { app } = await buildTestApp({ meili: deps.meili, prefix: few.prefix });
    const api = await contractClient(app);
    const response = await api.get('/api/search?q=sekurte').expect(200);
    assert.equal(response.body.total, 1);
    assert.deepEqual(response.body.suggestions, ['sécurité']);
  });

  it('with a word found as typed › gives none', async () => {
    const { app } = await buildTestApp({ meili: deps.meili, prefix: few.prefix });
    const api = await contractClient(app);
    const response = await api.get('/api/search?q=silence').expect(200);
    assert.equal(response.body.total, 1);
    assert.equal(response.body.suggestions, undefined);
  });
});
