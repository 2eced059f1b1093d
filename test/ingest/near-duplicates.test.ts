import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { resourceIdOf } from '../../src/content/ids.ts';
import type { Section } from '../../src/content/model.ts';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

/** Near-duplicates: detected at ingestion, kept right file by file, one hit in search. */

const { client } = testMeili();
const prefixes: string[] = [];
const dataDirs: string[] = [];
after(async () => {
  await Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix)));
  await Promise.all(dataDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** The id of a file of the test's content folder. */
const idOf = (file: string) => resourceIdOf('contenu', file);
const DRAFT = idOf('bilan.md');
const FINAL = idOf('bilan-VF.md');

function freshIndexes(): string {
  const { prefix } = uniqueIndexes('versions');
  prefixes.push(prefix);
  return prefix;
}

const REPORT = `# Bilan du défi Signaux faibles

## Contexte

Le défi Signaux faibles vise à détecter plus tôt les entreprises en difficulté, afin que les
services de l'État puissent leur proposer un accompagnement avant qu'il ne soit trop tard.
L'équipe a croisé les données de l'Urssaf, de la Banque de France et des tribunaux de commerce
pour construire un score de risque mis à jour chaque mois.

## Résultats

Au terme des dix mois, le prototype a été déployé dans quatre régions pilotes. Les agents des
commissaires au redressement productif consultent chaque semaine la liste des entreprises
signalées, et les premiers retours montrent que deux tiers des défaillances sont anticipées
de plusieurs mois. Le code source est publié sous licence libre et la documentation technique
décrit chaque variable utilisée par le modèle.

## Suites

La direction générale des entreprises reprend le service et recrute une équipe pérenne pour
l'étendre à tout le territoire dès l'année prochaine, avec un budget dédié et un comité de
pilotage réunissant les administrations partenaires.
`;

/** The final version: the same report with a few words changed, as a "-VF" usually is. */
const REPORT_FINAL = REPORT.replace('quatre régions pilotes', 'cinq régions pilotes')
  .replace('deux tiers des défaillances', 'près de deux tiers des défaillances')
  .replace("dès l'année prochaine", 'dès 2020');

const UNRELATED = `# Héberger un prototype

## Choisir un hébergeur

Un prototype de service public peut être hébergé sur le cloud d'un prestataire qualifié
SecNumCloud lorsqu'il traite des données sensibles, ou sur une offre mutualisée de l'État dans
les autres cas. Le choix dépend de la durée du projet, du volume de trafic attendu et des
compétences de l'équipe pour administrer les serveurs.

## Mettre en production

Avant l'ouverture au public, faites homologuer le service par l'autorité compétente, prévoyez
des sauvegardes quotidiennes et un plan de reprise, et surveillez la disponibilité avec un
outil de supervision qui alerte l'équipe la nuit comme le week-end.
`;

async function resources(prefix: string): Promise<Map<string, ResourceRecord>> {
  const page = await client
    .index<ResourceRecord>(`${prefix}-resources`)
    .getDocuments({ limit: 1000 });
  return new Map(page.results.map((resource) => [resource.id, resource]));
}

async function sectionGroups(prefix: string, resourceId: string): Promise<Set<string>> {
  const page = await client.index<Section>(`${prefix}-sections`).getDocuments({
    filter: `resourceId = ${JSON.stringify(resourceId)}`,
    fields: ['versionGroup'],
    limit: 1000,
  });
  return new Set(page.results.map((section) => section.versionGroup));
}

async function searchApi(prefix: string, query: string): Promise<SearchResult> {
  const built = await buildTestApp({ meili: client, prefix });
  dataDirs.push(built.dataDir);
  const api = await contractClient(built.app);
  const response = await api.get(`/api/search?${query}`).expect(200);
  return response.body as SearchResult;
}

describe('near-duplicate versions', () => {
  it('a near-duplicate pair gives one hit, naming the other version', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'bilan.md': REPORT,
      'bilan-VF.md': REPORT_FINAL,
      'heberger.md': UNRELATED,
    });
    await sync(await pipelineDeps(client, prefix), [dir]);

    const result = await searchApi(prefix, 'q=signaux+faibles+entreprises');
    assert.equal(result.hits.filter((hit) => [DRAFT, FINAL].includes(hit.resourceId)).length, 1);
    const [hit] = result.hits;
    assert.ok(hit !== undefined);
    const other = hit.resourceId === FINAL ? DRAFT : FINAL;
    assert.deepEqual(hit.otherVersions, [
      {
        id: other,
        title: 'Bilan du défi Signaux faibles',
        url: `/ressources/${other}`,
        path: other === FINAL ? 'bilan-VF.md' : 'bilan.md',
      },
    ]);
    assert.equal(result.total, 1);

    // Every section still shows when asked for, each naming its other version.
    const sections = await searchApi(prefix, 'q=signaux+faibles+entreprises&group=section');
    assert.deepEqual(new Set(sections.hits.map((hit) => hit.resourceId)), new Set([DRAFT, FINAL]));
    assert.ok(sections.hits.every((hit) => hit.otherVersions?.length === 1));
  });

  it('the results page shows one hit with « Autre version », and each version’s page links to the other', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'bilan.md': REPORT, 'bilan-VF.md': REPORT_FINAL });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const built = await buildTestApp({ meili: client, prefix });
    dataDirs.push(built.dataDir);

    const results = await request(built.app).get('/recherche?q=signaux+faibles').expect(200);
    assert.equal(results.text.match(/class="rp-hit"/g)?.length, 1);
    assert.match(
      results.text,
      /Autre version : <a class="fr-link fr-link--sm" href="\/ressources\/contenu-bilan(-vf)?\?q=signaux\+faibles">Bilan du défi Signaux faibles<\/a> <span class="rp-hit__file">\(bilan(-VF)?\.md\)<\/span>/,
    );

    const draft = await request(built.app).get(`/ressources/${DRAFT}`).expect(200);
    assert.match(draft.text, /<dt>Autre version<\/dt>/);
    assert.match(
      draft.text,
      new RegExp(
        `<a href="/ressources/${FINAL}">Bilan du défi Signaux faibles</a> <span class="rp-hit__file">\\(bilan-VF\\.md\\)</span> – version de référence`,
      ),
    );
    const final = await request(built.app).get(`/ressources/${FINAL}`).expect(200);
    assert.match(final.text, new RegExp(`<a href="/ressources/${DRAFT}">`));
    assert.doesNotMatch(final.text, /version de référence/);

    // The API says the same.
    const api = await contractClient(built.app);
    const detail = await api.get(`/api/resources/${DRAFT}`).expect(200);
    assert.deepEqual(
      (detail.body as { resource: { otherVersions?: unknown } }).resource.otherVersions,
      [
        {
          id: FINAL,
          title: 'Bilan du défi Signaux faibles',
          url: `/ressources/${FINAL}`,
          path: 'bilan-VF.md',
        },
      ],
    );
  });

  it('a report as « .pdf » and « -VF.pdf » gives one hit, also after a rebuild', async () => {
    const prefix = freshIndexes();
    const pdfOf = (markdown: string) => {
      const lines = markdown.split('\n').filter((line) => line.trim() !== '');
      return buildPdf({
        title: 'Bilan du défi Signaux faibles',
        pages: [lines.slice(0, 8), lines.slice(8)],
      });
    };
    const dir = await contentFolder({
      'rapport.pdf': pdfOf(REPORT),
      'rapport-VF.pdf': pdfOf(REPORT_FINAL),
    });
    await sync(await pipelineDeps(client, prefix), [dir], { rebuild: true });

    const result = await searchApi(prefix, 'q=défaillances+anticipées');
    assert.equal(result.total, 1);
    const [hit] = result.hits;
    assert.equal(hit?.page, 2);
    assert.deepEqual(
      [hit.resourceId, ...(hit.otherVersions ?? []).map((version) => version.id)].sort(),
      [idOf('rapport-VF.pdf'), idOf('rapport.pdf')].sort(),
    );
  });

  it('names the group after the final version, on the resource and all its sections', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'bilan.md': REPORT,
      'bilan-VF.md': REPORT_FINAL,
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const stored = await resources(prefix);
    for (const id of [DRAFT, FINAL]) {
      assert.equal(stored.get(id)?.versionGroup, FINAL);
      assert.deepEqual(
        stored.get(id)?.versions.map((version) => version.id),
        [FINAL, DRAFT],
      );
      assert.deepEqual(await sectionGroups(prefix, id), new Set([FINAL]));
    }
  });

  it('an unrelated pair on the same subject stays apart', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'bilan.md': REPORT, 'heberger.md': UNRELATED });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const stored = await resources(prefix);
    for (const resource of stored.values()) {
      assert.equal(resource.versionGroup, resource.id);
      assert.deepEqual(resource.versions, []);
    }
    const result = await searchApi(prefix, 'q=service+équipe');
    assert.equal(result.hits.length, 2);
    assert.ok(result.hits.every((hit) => hit.otherVersions === undefined));
  });

  it('a version added by a single-file sync joins the group; removing it ungroups the other', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'bilan.md': REPORT, 'heberger.md': UNRELATED });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);

    await writeContent(dir, 'bilan-VF.md', REPORT_FINAL);
    await sync(deps, [dir], { files: [path.join(dir, 'bilan-VF.md')] });
    let stored = await resources(prefix);
    assert.equal(stored.get(DRAFT)?.versionGroup, FINAL);
    assert.deepEqual(await sectionGroups(prefix, DRAFT), new Set([FINAL]));

    await fs.rm(path.join(dir, 'bilan-VF.md'));
    await sync(deps, [dir], { files: [path.join(dir, 'bilan-VF.md')] });
    stored = await resources(prefix);
    assert.equal(stored.has(FINAL), false);
    assert.equal(stored.get(DRAFT)?.versionGroup, DRAFT);
    assert.deepEqual(stored.get(DRAFT)?.versions, []);
    assert.deepEqual(await sectionGroups(prefix, DRAFT), new Set([DRAFT]));
    const result = await searchApi(prefix, 'q=signaux+faibles');
    assert.equal(result.hits[0]?.otherVersions, undefined);
  });

  it('a changed member that no longer resembles the other is ungrouped', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'bilan.md': REPORT, 'bilan-VF.md': REPORT_FINAL });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    assert.equal((await resources(prefix)).get(DRAFT)?.versionGroup, FINAL);

    await writeContent(dir, 'bilan-VF.md', UNRELATED);
    await sync(deps, [dir], { files: [path.join(dir, 'bilan-VF.md')] });
    const stored = await resources(prefix);
    for (const id of [DRAFT, FINAL]) {
      assert.equal(stored.get(id)?.versionGroup, id);
      assert.deepEqual(stored.get(id)?.versions, []);
      assert.deepEqual(await sectionGroups(prefix, id), new Set([id]));
    }
  });
});
