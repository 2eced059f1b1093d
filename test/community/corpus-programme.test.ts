import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { createCommunityStore } from '../../src/community/community-store.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { corpusDir, corpusExists, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('corpus-programme');
after(() => dropIndexes(client, prefix));
const indexes = indexNames(prefix);
const store = createCommunityStore({ meili: client, indexes });

describe(
  'the programme data of the EIG corpus',
  { skip: (await corpusExists()) ? false : 'corpus absent' },
  () => {
    it('gives every défi of defis.yml an administration and a team', async () => {
      const summary = await sync(await pipelineDeps(client, prefix), [corpusDir]);
      const entries = Object.keys(
        parseYaml(await fs.readFile(path.join(corpusDir, 'data/defis.yml'), 'utf8'), {
          uniqueKeys: false,
        }) as Record<string, unknown>,
      );
      const defis = await store.listDefis();
      assert.deepEqual(defis.map((defi) => defi.key).sort(), [...entries].sort());
      for (const defi of defis) {
        assert.ok(defi.administration.length > 3, `${defi.key} has an administration`);
        assert.ok(defi.team.length > 0, `${defi.key} has a team`);
      }
      assert.equal(summary.programme[0]?.defis, entries.length);
    });

    it('shows MonitorFish’s administration and team, each member with their page', async () => {
      const [monitorFish] = (await store.listDefis()).filter((defi) => defi.key === 'MonitorFish');
      assert.equal(monitorFish?.administration, 'Centre national de surveillance des pêches');
      assert.equal(monitorFish?.city, 'Étel (56410)');
      assert.equal(monitorFish?.promotion, 'EIG 4');
      assert.deepEqual(
        monitorFish?.team.map((member) => `${member.role} ${member.name} ${member.slug}`),
        [
          'eig Adeline Celier adeline-celier',
          'eig Loup Theron loup-theron',
          'eig Vincent Chéry vincent-chery',
          'mentor Céline Guillou celine-guillou',
          "mentor Célia d'Hervé celia-d-herve",
          'mentor Thierry Coquil thierry-coquil',
        ],
      );
      assert.equal(monitorFish?.sourceCode, 'https://github.com/MTES-MCT/monitorfish');
      const adeline = await store.getPerson('adeline-celier');
      assert.deepEqual(adeline?.defis, [
        { id: monitorFish?.id, title: 'MonitorFish', url: monitorFish?.url },
      ]);
    });

    it('puts the data on the existing défi pages (ADEX has no page; Archifiltre and matchID do)', async () => {
      const defis = await store.listDefis();
      const adex = defis.find((defi) => defi.key === 'ADEX');
      assert.equal(adex?.administration, 'Haute Autorité de Santé');
      assert.ok(adex?.team.some((member) => member.name === 'Anne Catel'));
      assert.equal(adex?.id, 'corpus-data-defis-adex');
      const archifiltre = defis.find((defi) => defi.key === 'Archifiltre');
      assert.equal(archifiltre?.id, 'corpus-defis-2018-01-01-archifiltre');
      assert.equal(archifiltre?.administration, 'Secrétariat général des ministères sociaux');
      const matchId = defis.find((defi) => defi.key === 'MI - matchID');
      assert.equal(matchId?.id, 'corpus-defis-2017-01-01-mi-matchid');
      assert.equal(matchId?.administration, 'Ministère de l’Intérieur');
      // The 2018 EIG Link défi has its page and its call for applications (permalink
      // `eiglink`, January 2018): both carry its data, its page stands for it.
      const link2018 = defis.filter((defi) => defi.key === 'EIG Link 2018');
      assert.deepEqual(
        link2018.map((defi) => defi.id),
        ['corpus-defis-2018-01-01-eiglink'],
      );
      const call = await store.getDefi('corpus-seeds-001-a49b09e829ced2db');
      assert.equal(call?.key, 'EIG Link 2018');
      assert.equal(call?.matchedBy, 'permalink');
      // The EIG 5 call (2021) is no défi of the data: it keeps its own host.
      assert.equal(await store.getDefi('corpus-seeds-000-91d92001b8271d31'), undefined);
      // Every défi page of the corpus folder found its entry.
      const all = await client
        .index<ResourceRecord>(indexes.resources)
        .getDocuments({ filter: 'type = "defi"', limit: 200 });
      const unmatched = all.results
        .filter((record) => record.source.path.startsWith('defis/') && record.defi === undefined)
        .map((record) => record.source.path);
      assert.deepEqual(unmatched, []);
    });

    it('makes every person a resource, merged when listed twice, without photo nor Twitter', async () => {
      const persons = await store.listPersons();
      assert.ok(persons.length >= 250, `${persons.length} persons`);
      assert.equal(new Set(persons.map((person) => person.slug)).size, persons.length);
      const pierreAlain = await store.getPerson('pierre-alain-jachiet');
      assert.deepEqual(
        pierreAlain?.defis.map((defi) => defi.title),
        ['Open Chronic', 'ADEX'],
      );
      const records = await client
        .index<ResourceRecord>(indexes.resources)
        .getDocuments({ filter: 'type = "personne"', limit: 1000 });
      assert.doesNotMatch(JSON.stringify(records.results), /twitter|image_url|img\/communaute/);
    });

    it('serves the corpus défis and people as the OpenAPI document says', async () => {
      const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [corpusDir] });
      const api = await contractClient(app);
      const list = await api.get('/api/defis').expect(200);
      for (const { id } of list.body.defis as { id: string }[])
        await api.get(`/api/defis/${id}`).expect(200);
      const people = await api.get('/api/personnes').expect(200);
      for (const { slug } of people.body.personnes as { slug: string }[])
        await api.get(`/api/personnes/${slug}`).expect(200);
      const dig = await api.get('/api/defis?promotion=DIG').expect(200);
      assert.ok(dig.body.total >= 15, `${dig.body.total} DIG défis`);
    });
  },
);
