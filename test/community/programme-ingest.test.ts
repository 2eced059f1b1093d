import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { createCommunityStore } from '../../src/community/community-store.ts';
import type { Section } from '../../src/content/model.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { findResource } from '../../src/index-lookup/index-lookup.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('programme');
after(() => dropIndexes(client, prefix));
const indexes = indexNames(prefix);
const store = createCommunityStore({ meili: client, indexes });

const page = `---
layout: defi
title: Archifiltre
---

Les archives sont comme un arbre : il faut les tailler.
`;

const files = {
  'defis/2018-01-01-archifiltre.md': page,
  'data/skills.yml': 'dev: Développement\ndesign: Design\n',
  'data/promos.yml': '"EIG 2":\n  slug: EIG 2\n  promotion: 2\n',
  'data/defis.yml': `
Archifiltre:
  title: Archifiltre
  link_to: /defis/2018/archifiltre.html
  skills: ["dev", "magie"]
  description: Trier les archives des ministères sociaux
  year: 2018
  promotion: 2
  administration: Secrétariat général des ministères sociaux
  administration_website: https://solidarites.gouv.fr
  eigs: ["Emmanuel Laine", "Jeanne Baptiste"]
  mentors: ["Ada Martin"]
  source_code: https://github.com/SocialGouv/archifiltre
Registre des phares:
  title: Registre des phares
  link_to: /defis/2019/phares.html
  skills: ["design"]
  description: Recenser les phares de France
  year: 2019
  promotion: 2
  administration: Direction des affaires maritimes
  eigs:
  mentors:
  key_figures:
    - amount: 148
      description: phares recensés
  projects:
    - title: Carte des phares
      url: https://example.org/phares
      description: Une carte ouverte de tous les phares et de leurs feux
`,
  'data/personnes.yml': `
Emmanuel Laine:
  title: Emmanuel Laine
  profil: Développeur
  class: [eig-2, eig, webdev]
  annees: [2018]
  defis: [Archifiltre]
  github: elaine
  twitter: elaine_tw
  image_url: /img/communaute/elaine.png
Jeanne Baptiste:
  title: Jeanne Baptiste
  profil: Designeuse
  class: [eig-2, eig, designer]
  annees: [2018]
  defis: [Archifiltre]
  website: https://jeanne.example.org
Ada Martin:
  title: Ada Martin
  profil: Mentor
  class: [mentor, eig-2]
  annees: [2018]
  defis: [Archifiltre]
`,
};

const dir = await contentFolder(files);
const deps = await pipelineDeps(client, prefix);
const pageId = 'contenu-defis-2018-01-01-archifiltre';
const dataOnlyId = 'contenu-data-defis-registre-des-phares';
const personId = 'contenu-data-personnes-emmanuel-laine';

async function sectionsMatching(q: string): Promise<Section[]> {
  const result = await client.index<Section>(indexes.sections).search(q, { limit: 50 });
  return result.hits;
}

describe('the programme data of a content folder (data/*.yml)', () => {
  it('gives a défi page the data’s administration, promotion, skills and team, each member linked', async () => {
    const summary = await sync(deps, [dir]);
    assert.deepEqual(summary.failed, []);
    assert.deepEqual(summary.programme, [
      { root: 'contenu', defis: 2, matched: 1, persons: 3, withdrawn: 0 },
    ]);
    const defi = await store.getDefi(pageId);
    assert.equal(defi?.administration, 'Secrétariat général des ministères sociaux');
    assert.equal(defi?.administrationWebsite, 'https://solidarites.gouv.fr');
    assert.equal(defi?.promotion, 'EIG 2');
    assert.equal(defi?.sourceCode, 'https://github.com/SocialGouv/archifiltre');
    assert.deepEqual(defi?.skills, [{ code: 'dev', label: 'Développement' }]);
    assert.deepEqual(defi?.team, [
      { name: 'Emmanuel Laine', role: 'eig', slug: 'emmanuel-laine' },
      { name: 'Jeanne Baptiste', role: 'eig', slug: 'jeanne-baptiste' },
      { name: 'Ada Martin', role: 'mentor', slug: 'ada-martin' },
    ]);
    const record = await findResource({ meili: client, indexes }, pageId);
    assert.equal(record?.organisation, 'Secrétariat général des ministères sociaux');
    assert.deepEqual(record?.skills, ['dev']);
  });

  it('warns of an unknown skill and of a défi naming nobody, naming the entry, and loads both', async () => {
    const summary = await sync(deps, [dir], { rebuild: true });
    const messages = summary.warnings.map((warning) => `${warning.path} : ${warning.message}`);
    assert.ok(
      messages.some((message) =>
        message.startsWith(
          'contenu/data/defis.yml : défi « Archifiltre » : compétence inconnue « magie »',
        ),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        'contenu/data/defis.yml : défi « Registre des phares » : aucune personne nommée (ni eigs ni mentors)',
      ),
      messages.join('\n'),
    );
    assert.deepEqual((await store.listDefis()).map((defi) => defi.title).sort(), [
      'Archifiltre',
      'Registre des phares',
    ]);
  });

  it('makes a défi without a page a resource of its own, its description, deliverables and figures as text', async () => {
    const defi = await store.getDefi(dataOnlyId);
    assert.equal(defi?.url, `/ressources/${dataOnlyId}`);
    assert.equal(defi?.administration, 'Direction des affaires maritimes');
    assert.deepEqual(defi?.deliverables, [
      {
        title: 'Carte des phares',
        url: 'https://example.org/phares',
        description: 'Une carte ouverte de tous les phares et de leurs feux',
      },
    ]);
    const hits = await sectionsMatching('carte ouverte des phares feux');
    assert.ok(
      hits.some((hit) => hit.resourceId === dataOnlyId && hit.heading === 'Réalisations'),
      JSON.stringify(hits.map((hit) => hit.id)),
    );
    const description = await sectionsMatching('Recenser les phares');
    assert.equal(description[0]?.resourceId, dataOnlyId);
  });

  it('makes each person a resource at /communaute/<slug>, without photo nor Twitter', async () => {
    const person = await store.getPerson('emmanuel-laine');
    assert.equal(person?.url, '/communaute/emmanuel-laine');
    assert.equal(person?.profile, 'Développeur');
    assert.deepEqual(person?.defis, [
      { id: pageId, title: 'Archifiltre', url: `/ressources/${pageId}` },
    ]);
    assert.deepEqual(person?.links, [{ kind: 'github', url: 'https://github.com/elaine' }]);
    const record = await client.index<ResourceRecord>(indexes.resources).getDocument(personId);
    assert.equal(record.type, 'personne');
    assert.doesNotMatch(JSON.stringify(record), /elaine_tw|img\/communaute|twitter|image/);
    assert.deepEqual(
      (await store.listPersons({ profil: ['Mentor'] })).map((one) => one.slug),
      ['ada-martin'],
    );
    assert.deepEqual(
      (await store.listPersons({ competence: ['design'] })).map((one) => one.slug),
      ['jeanne-baptiste'],
    );
  });

  it('finds a person’s page and their défis by their name', async () => {
    const hits = await sectionsMatching('Jeanne Baptiste');
    const found = new Set(hits.map((hit) => hit.resourceId));
    assert.ok(found.has('contenu-data-personnes-jeanne-baptiste'), [...found].join(', '));
    assert.ok(found.has(pageId), [...found].join(', '));
  });

  it('rewrites nothing when neither the files nor the data changed', async () => {
    const before = await client.index<ResourceRecord>(indexes.resources).getDocument(personId);
    const summary = await sync(deps, [dir]);
    assert.equal(summary.parsed, 0);
    assert.equal(summary.removed, 0);
    const again = await client.index<ResourceRecord>(indexes.resources).getDocument(personId);
    assert.equal(again.updatedAt, before.updatedAt);
  });

  it('serves défis and people through the API as the OpenAPI document says, 404 in French for unknown ones', async () => {
    const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
    const api = await contractClient(app);
    const list = await api.get('/api/defis?competence=dev').expect(200);
    assert.deepEqual(
      list.body.defis.map((defi: { id: string }) => defi.id),
      [pageId],
    );
    const byAdministration = await api
      .get(`/api/defis?administration=${encodeURIComponent('Direction des affaires maritimes')}`)
      .expect(200);
    assert.deepEqual(
      byAdministration.body.defis.map((defi: { id: string }) => defi.id),
      [dataOnlyId],
    );
    const detail = await api.get(`/api/defis/${pageId}`).expect(200);
    assert.equal(detail.body.team[0].url, '/communaute/emmanuel-laine');
    await api.get('/api/personnes?promotion=EIG%202').expect(200);
    const person = await api.get('/api/personnes/jeanne-baptiste').expect(200);
    assert.deepEqual(person.body.links, [{ kind: 'website', url: 'https://jeanne.example.org' }]);
    const unknown = await api.get('/api/personnes/personne-inconnue').expect(404);
    assert.deepEqual(unknown.body.error, {
      code: 'not_found',
      message: 'Aucune personne « personne-inconnue ».',
    });
    const noDefi = await api.get('/api/defis/nulle-part').expect(404);
    assert.equal(noDefi.body.error.message, 'Aucun défi « nulle-part ».');
    // A person's record is no défi, and a défi no person.
    await api.get(`/api/defis/${personId}`).expect(404);
    await api.get('/api/defis?competence=%3Cscript%3E').expect(200);
  });

  it('removes a person added to data/retraits.yml from the index, every team and the API', async () => {
    await writeContent(dir, 'data/retraits.yml', '# Retirés à leur demande\n- Emmanuel Laine\n');
    const summary = await sync(deps, [dir]);
    assert.equal(summary.programme[0]?.withdrawn, 1);
    assert.ok(summary.removed >= 1, `removed ${summary.removed}`);
    assert.equal(await findResource({ meili: client, indexes }, personId), undefined);
    assert.equal(await store.getPerson('emmanuel-laine'), undefined);
    const defi = await store.getDefi(pageId);
    assert.deepEqual(
      defi?.team.map((member) => member.name),
      ['Jeanne Baptiste', 'Ada Martin'],
    );
    assert.deepEqual(await sectionsMatching('Emmanuel Laine'), []);
    const everything = await client
      .index<ResourceRecord>(indexes.resources)
      .getDocuments({ limit: 1000 });
    assert.doesNotMatch(JSON.stringify(everything.results), /Laine/);
    const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
    const api = await contractClient(app);
    await api.get('/api/personnes/emmanuel-laine').expect(404);
    const people = await api.get('/api/personnes').expect(200);
    assert.doesNotMatch(JSON.stringify(people.body), /Laine/);
    const detail = await api.get(`/api/defis/${pageId}`).expect(200);
    assert.doesNotMatch(JSON.stringify(detail.body), /Laine/);
  });
});
