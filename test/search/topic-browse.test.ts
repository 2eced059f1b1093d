import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, corpusDir, corpusExists, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

const { client } = testMeili();

/** The resource ids of a search, in order; every response checked against the OpenAPI document. */
async function resourceIds(
  api: Awaited<ReturnType<typeof contractClient>>,
  query: string,
): Promise<string[]> {
  const response = await api.get(`/api/search?${query}`).expect(200);
  return (response.body as SearchResult).hits.map((hit) => hit.resourceId);
}

describe('GET /api/search › one topic, no words', () => {
  const { prefix } = uniqueIndexes('topic-browse');
  let api: Awaited<ReturnType<typeof contractClient>>;
  // Job offers dated 2020 that speak of arrival and welcome (the ingester files them under
  // « Bien démarrer » by their words), and an older guide filed there by its front matter.
  // Each offer in its own words: near-identical files would be grouped as versions of one.
  const offers = [
    "L'accueil des nouveaux arrivants : votre arrivée au bureau, la check-list du matériel.",
    "Vos premières semaines dans l'équipe : l'accueil par un parrain, la check-list de l'arrivée.",
    "Le premier jour, l'accueil par la coordination puis la visite des locaux ; l'arrivée se prépare.",
  ];
  const offer = (n: number) =>
    `---\ntitle: Offre ${n}\ndate: 2020-0${n}-01\n---\n\n## Arrivée ${n}\n\n${offers[n - 1]}\n`;

  before(async () => {
    const dir = await contentFolder({
      'offre-1.md': offer(1),
      'offre-2.md': offer(2),
      'offre-3.md': offer(3),
      'arrivee.md':
        "---\ntitle: Le guide d'arrivée\ndate: 2018-01-01\ntopics: [demarrage]\n---\n\n## Avant le premier jour\n\nDemander ses accès.\n",
      'hebergement.md':
        '---\ntitle: Héberger\ndate: 2021-01-01\ntopics: [hebergement, demarrage]\n---\n\n## Les options\n\nUn serveur.\n',
    });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(summary.failed, []);
    api = await contractClient(
      (await buildTestApp({ meili: client, prefix, contentDirs: [dir] })).app,
    );
  });
  after(() => dropIndexes(client, prefix));

  it('lists first what is filed under the topic on purpose, as its first topic', async () => {
    const ids = await resourceIds(api, 'topic=demarrage');
    assert.equal(ids.length, 5);
    assert.equal(ids[0], 'contenu-arrivee', `order: ${ids.join(', ')}`);
    // Filed on purpose, but as its second topic: before what the ingester found.
    assert.equal(ids[1], 'contenu-hebergement', `order: ${ids.join(', ')}`);
    // Then the most recent first, as in any browse.
    assert.deepEqual(ids.slice(2), ['contenu-offre-3', 'contenu-offre-2', 'contenu-offre-1']);
  });

  it('keeps the most recent first when no single topic is browsed', async () => {
    const ids = await resourceIds(api, '');
    assert.deepEqual(ids.slice(0, 2), ['contenu-hebergement', 'contenu-offre-3']);
  });
});

describe(
  'GET /api/search?topic=demarrage on the EIG corpus and the shipped guides',
  { skip: (await corpusExists()) ? false : 'corpus absent' },
  () => {
    const { prefix } = uniqueIndexes('topic-corpus');
    const guidesDir = path.join(projectRoot, 'guides');
    let api: Awaited<ReturnType<typeof contractClient>>;
    let app: Awaited<ReturnType<typeof buildTestApp>>['app'];

    before(async () => {
      await sync(await pipelineDeps(client, prefix), [guidesDir, corpusDir]);
      const built = await buildTestApp({
        meili: client,
        prefix,
        contentDirs: [guidesDir, corpusDir],
      });
      app = built.app;
      api = await contractClient(app);
    });
    after(() => dropIndexes(client, prefix));

    it('lists the arrival guide in the first five', async () => {
      const ids = await resourceIds(api, 'topic=demarrage&limit=5');
      assert.ok(ids.includes('guides-premieres-semaines-eig'), `first five: ${ids.join(', ')}`);
    });

    it('shows it in the first five results of the page /recherche?topic=demarrage', async () => {
      const response = await request(app).get('/recherche?topic=demarrage').expect(200);
      const linked = [
        ...new Set(
          [...response.text.matchAll(/href="\/ressources\/([a-z0-9-]+)/g)].map((match) => match[1]),
        ),
      ];
      assert.ok(
        linked.slice(0, 5).includes('guides-premieres-semaines-eig'),
        `first five: ${linked.slice(0, 5).join(', ')}`,
      );
    });

    it('files under « Bien démarrer » a minority of the resources, not most of them', async () => {
      const all = (await api.get('/api/search?q=').expect(200)).body as SearchResult;
      const startHere = (await api.get('/api/search?topic=demarrage').expect(200))
        .body as SearchResult;
      // People's cards have no topic by design: the share is over the rest.
      const people = all.facets.type['personne'] ?? 0;
      assert.ok(
        startHere.total / (all.total - people) < 0.5,
        `${startHere.total} of ${all.total - people}`,
      );
    });
  },
);
