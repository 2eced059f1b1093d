import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { createApp } from '../../src/app.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { describingTerms, findRelated, type RelatedDeps } from '../../src/resources/related.ts';
import { findResource, sectionsOf } from '../../src/index-lookup/index-lookup.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { startCountingProxy, type CountingProxy } from '../helpers/counting-proxy.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

/** "Voir aussi": the resources closest to one, at request time, in one round trip. */

const { client, url, key } = testMeili();
const { prefix, names } = uniqueIndexes('related');
let proxy: CountingProxy;
let deps: RelatedDeps;
let app: ReturnType<typeof createApp>;

const publishing = `---
title: Publier son code source
topics: [open-source]
---

# Publier son code source

Le code source d'une administration se publie sous une licence libre : la licence MIT,
la licence EUPL ou la GPL. Le dépôt public accueille les contributions.

## Choisir sa licence

Une licence permissive ou une licence à réciprocité, selon les réutilisations voulues.
`;

before(async () => {
  const dir = await contentFolder({
    'publier-code.md': publishing,
    // The same guide, kept in an archive folder: another version, not a related resource.
    'archives/publier-code.md': publishing,
    'licences.md': `---
title: Comprendre les licences libres
topics: [open-source, juridique]
---

# Comprendre les licences libres

La licence MIT et la licence EUPL sont permissive et à réciprocité. La GPL protège les
contributions au code source.
`,
    // Another copy of a related guide: one place in the list, not two.
    'archives/licences.md': `---
title: Comprendre les licences libres
topics: [open-source, juridique]
---

# Comprendre les licences libres

La licence MIT et la licence EUPL sont permissive et à réciprocité. La GPL protège les
contributions au code source.
`,
    'orgues.md': `---
title: Inventaire des orgues
topics: [donnees]
---

# Inventaire des orgues

Recenser les instruments des églises et des cathédrales avec les organistes passionnés.
`,
  });
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  proxy = await startCountingProxy(url);
  deps = { meili: createMeiliClient({ url: proxy.url, apiKey: key }), indexes: names };
  app = (await buildTestApp({ meili: client, prefix, contentDirs: [dir] })).app;
});
after(async () => {
  await proxy?.close();
  await dropIndexes(client, prefix);
});

async function relatedOf(id: string) {
  const resource = await findResource(deps, id);
  assert.ok(resource, `${id} is indexed`);
  const sections = await sectionsOf(deps, id);
  proxy.requests.length = 0;
  const related = await findRelated(deps, resource, sections);
  return { related, requests: [...proxy.requests] };
}

describe('describingTerms', () => {
  it('weighs a word of the title above a word of the text, and leaves stop words out', () => {
    const terms = describingTerms(
      { id: 'r', title: 'Hébergement', topics: [] },
      [{ heading: 'Intro', text: 'Le serveur et le serveur, avec une sauvegarde.', chunk: 0 }],
      10,
    ).map((term) => term.term);
    assert.equal(terms[0], 'hébergement');
    assert.ok(terms.includes('serveur'));
    assert.ok(!terms.includes('avec'), terms.join(', '));
  });

  it('counts a plural and its singular as one word, searched as written most often', () => {
    const terms = describingTerms(
      { id: 'r', title: 'Licences', topics: [] },
      [{ heading: 'Une licence', text: 'La licence, la licence.', chunk: 0 }],
      10,
    );
    assert.deepEqual(
      terms.filter((term) => term.term.startsWith('licence')).map((term) => term.term),
      ['licence'],
    );
  });
});

describe('findRelated', () => {
  it('lists a resource on the same subject and never the resource itself', async () => {
    const { related } = await relatedOf('contenu-publier-code');
    const ids = related.map((item) => item.id);
    assert.ok(!ids.includes('contenu-publier-code'));
    const [first] = related;
    assert.ok(first);
    assert.deepEqual(
      { ...first, id: undefined, url: undefined },
      {
        id: undefined,
        title: 'Comprendre les licences libres',
        type: 'guide',
        topics: ['open-source', 'juridique'],
        url: undefined,
      },
    );
    assert.equal(first.url, `/ressources/${first.id}`);
  });

  it('gives two copies of one related document a single place', async () => {
    const ids = (await relatedOf('contenu-publier-code')).related.map((item) => item.id);
    const copies = ids.filter((id) =>
      ['contenu-licences', 'contenu-archives-licences'].includes(id),
    );
    assert.equal(copies.length, 1, ids.join(', '));
  });

  it('leaves out another copy of the same document and a resource that shares no word', async () => {
    const ids = (await relatedOf('contenu-publier-code')).related.map((item) => item.id);
    assert.ok(!ids.includes('contenu-archives-publier-code'), ids.join(', '));
    assert.ok(!ids.includes('contenu-orgues'), ids.join(', '));
  });

  it('asks Meilisearch once, whatever the number of words', async () => {
    const { requests } = await relatedOf('contenu-licences');
    assert.deepEqual(requests, ['POST /multi-search']);
  });
});

describe('GET /api/resources/:id › related', () => {
  it('lists the related resources, as documented', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/resources/contenu-licences').expect(200);
    const related = response.body.related as { id: string; title: string }[];
    const ids = related.map((item) => item.id);
    assert.deepEqual(
      related.map((item) => item.title),
      ['Publier son code source'],
    );
    assert.ok(!ids.includes('contenu-licences') && !ids.includes('contenu-archives-licences'));
  });

  it('gives an empty list to a resource that shares nothing', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/resources/contenu-orgues').expect(200);
    assert.deepEqual(response.body.related, []);
  });
});

describe('GET /ressources/:id › Voir aussi', () => {
  it('shows a titled list of links to the related resources, with their type and topics', async () => {
    const page = await request(app).get('/ressources/contenu-publier-code').expect(200);
    assert.match(
      page.text,
      /<section class="rp-see-also fr-mt-6w" id="voir-aussi" aria-labelledby="voir-aussi-titre"><h2 class="fr-h4" id="voir-aussi-titre">Voir aussi<\/h2>/,
    );
    assert.match(
      page.text,
      /<span class="fr-badge fr-badge--sm fr-badge--blue-ecume">Guide<\/span><\/p><h3 class="rp-item__title"><a href="\/ressources\/contenu-(?:archives-)?licences">Comprendre les licences libres<\/a><\/h3><p class="rp-item__meta"><span class="fr-sr-only">Thématiques : <\/span>Open source et logiciel libre · Juridique<\/p>/,
    );
  });

  it('shows no such list when nothing is related', async () => {
    const page = await request(app).get('/ressources/contenu-orgues').expect(200);
    assert.doesNotMatch(page.text, /Voir aussi/);
  });
});
