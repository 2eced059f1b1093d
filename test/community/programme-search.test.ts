import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findDefiDocuments } from '../../src/community/defi-documents.ts';
import { findRelatedDefis } from '../../src/community/related-defis.ts';
import type { Resource } from '../../src/content/model.ts';
import { sectionsOf } from '../../src/index-lookup/index-lookup.ts';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import { searchSections, type SearchDeps } from '../../src/search/search-sections.ts';
import type { Express } from 'express';
import request from 'supertest';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { corpusDir, corpusExists, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

/**
 * Search over the programme's data of the real corpus (data/defis.yml, personnes.yml):
 * people and administrations found first, the administration and compétence facets, the
 * « défis proches » and the documents of a défi.
 */

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('programme-search');
let deps: SearchDeps;
let parse: (
  params: Record<string, unknown>,
) => ReturnType<ReturnType<typeof searchQuerySchema>['parse']>;
let api: Awaited<ReturnType<typeof contractClient>>;
let app: Express;

const present = await corpusExists();

before(async () => {
  if (!present) return;
  const pipeline = await pipelineDeps(client, prefix);
  const summary = await sync(pipeline, [corpusDir]);
  assert.deepEqual(summary.failed, []);
  deps = { meili: client, indexes: names, promotions: pipeline.promotions };
  const schema = searchQuerySchema(pipeline.taxonomy);
  parse = (params) => schema.parse(params);
  ({ app } = await buildTestApp({ meili: client, prefix, contentDirs: [corpusDir] }));
  api = await contractClient(app);
});
after(() => dropIndexes(client, prefix));

const search = (q: string, params: Record<string, unknown> = {}) =>
  searchSections(deps, parse({ q, ...params }));

/** The défi (or other resource) of that exact title. */
async function resourceTitled(title: string, type: Resource['type']): Promise<Resource> {
  const { results } = await client
    .index<Resource>(names.resources)
    .getDocuments({ filter: `type = ${JSON.stringify(type)}`, limit: 1000 });
  const found = results.find((resource) => resource.title === title);
  assert.ok(found, `no ${type} titled « ${title} »`);
  return found;
}

const skip = present ? false : 'corpus absent';

describe('search › a person’s name', { skip }, () => {
  it('puts their person page first and their défi next', async () => {
    for (const [name, defi] of [
      ['Anne Catel', 'ADEX'],
      ['Adeline Celier', 'MonitorFish'],
      ['Pierre-Alain Jachiet', 'ADEX'],
    ] as const) {
      const { hits } = await search(name);
      assert.deepEqual(
        hits.slice(0, 1).map((hit) => [hit.type, hit.title]),
        [['personne', name]],
        name,
      );
      const defis = hits.slice(1, 3).filter((hit) => hit.type === 'defi');
      assert.ok(
        defis.some((hit) => hit.title === defi),
        `${name}: ${hits.map((hit) => hit.title).join(' ; ')}`,
      );
    }
  });
});

describe('search › an administration’s name', { skip }, () => {
  it('puts the défis it hosted first', async () => {
    const { hits } = await search('Haute Autorité de Santé');
    assert.equal(hits[0]?.title, 'ADEX');
    const culture = await search('Ministère de la Culture');
    assert.deepEqual(
      culture.hits
        .slice(0, 3)
        .map((hit) => hit.title)
        .sort(),
      ['Atlas Culture', 'Gobelins', 'MCC - Inventaire des orgues'],
    );
  });

  it('finds them by the acronym of the organisations table, though the data names them in full', async () => {
    assert.equal((await search('HAS')).hits[0]?.title, 'ADEX');
    const mcc = (await search('MCC')).hits.slice(0, 5).map((hit) => hit.title);
    assert.ok(mcc.includes('Atlas Culture') && mcc.includes('Gobelins'), mcc.join(' ; '));
  });

  it('shows the promotion, the administration and the skills of a défi hit', async () => {
    const [hit] = (await search('ADEX')).hits;
    assert.equal(hit?.type, 'defi');
    assert.equal(hit.promotion, 'EIG 4');
    assert.equal(hit.organisation, 'Haute Autorité de Santé');
    assert.deepEqual([...(hit.skills ?? [])].sort(), ['datascience', 'design', 'dev']);
  });
});

describe('search › administration and compétence facets', { skip }, () => {
  it('counts the resources of each administration and each skill', async () => {
    const { facets } = await search('');
    assert.equal(facets.organisation['Haute Autorité de Santé'], 1);
    assert.ok((facets.skills['geomatique'] ?? 0) > 0, JSON.stringify(facets.skills));
    assert.ok((facets.skills['dev'] ?? 0) > (facets.skills['geomatique'] ?? 0));
  });

  it('filters on an administration, and still counts the other administrations', async () => {
    const result = await search('', { administration: 'Haute Autorité de Santé' });
    assert.deepEqual(
      result.hits.map((hit) => [hit.title, hit.organisation]),
      [['ADEX', 'Haute Autorité de Santé']],
    );
    assert.ok(Object.keys(result.facets.organisation).length > 10);
  });

  it('filters on a skill: every hit has it, and a second value widens the filter', async () => {
    const geomatique = await search('', { competence: 'geomatique', limit: 50 });
    assert.ok(geomatique.total > 0);
    for (const hit of geomatique.hits) assert.ok(hit.skills?.includes('geomatique'), hit.title);
    const either = await search('', { competence: ['geomatique', 'design'], limit: 50 });
    assert.ok(either.total > geomatique.total);
  });

  it('GET /api/search takes administration= and competence= as the OpenAPI document says', async () => {
    const res = await api
      .get(
        `/api/search?q=&administration=${encodeURIComponent('Ministère de la Culture')}&competence=design`,
      )
      .expect(200);
    assert.ok(res.body.hits.length > 0);
    for (const hit of res.body.hits) {
      assert.match(hit.organisation, /culture/i);
      assert.ok(hit.skills.includes('design'));
    }
    const bad = await api.get(`/api/search?competence=${'x'.repeat(51)}`).expect(400);
    assert.match(bad.body.error.message, /competence/);
  });

  it('the results page lists both facets as links that work without JavaScript', async () => {
    const res = await request(app).get('/recherche?q=donn%C3%A9es').expect(200);
    assert.match(res.text, /<h3[^>]*id="filtre-administration"[^>]*>Administration<\/h3>/);
    assert.match(res.text, /<h3[^>]*id="filtre-competence"[^>]*>Compétence<\/h3>/);
    assert.match(res.text, /href="\/recherche\?q=donn%C3%A9es&amp;competence=datascience"/);
    assert.match(res.text, />Data science</);
  });
});

describe('défis proches', { skip }, () => {
  it('are at most five other défis, the same each time, with a sensible neighbour', async () => {
    const predisauvetage = await resourceTitled('PrédiSauvetage', 'defi');
    const sections = await sectionsOf(deps, predisauvetage.id);
    const related = await findRelatedDefis(deps, predisauvetage, sections);
    assert.ok(related.length > 0 && related.length <= 5);
    for (const defi of related) {
      assert.equal(defi.type, 'defi');
      assert.notEqual(defi.id, predisauvetage.id);
    }
    // Both predict the interventions of rescue services from their history.
    assert.ok(
      related.some((defi) => defi.title === 'Prévisecours'),
      related.map((defi) => defi.title).join(' ; '),
    );
    assert.deepEqual(await findRelatedDefis(deps, predisauvetage, sections), related);
  });
});

describe('documents of a défi', { skip }, () => {
  it('list the blog post that names the défi and links to its page', async () => {
    const previsecours = await resourceTitled('Prévisecours', 'defi');
    const documents = await findDefiDocuments(deps, {
      id: previsecours.id,
      title: previsecours.title,
      ...(previsecours.defi === undefined
        ? {}
        : { key: previsecours.defi.key, linkTo: previsecours.defi.linkTo }),
    });
    const facteurs = documents.find((document) => document.title.includes('6 facteurs clés'));
    assert.ok(facteurs, documents.map((document) => document.title).join(' ; '));
    assert.equal(facteurs.type, 'article');
    // The post links to /defis/2018/previsecours.html, the page the data names.
    assert.equal(facteurs.match, 'reference');
    assert.ok(documents.every((document) => ['pdf', 'article'].includes(document.type)));
  });
});

describe('GET /api/defis/:id › related défis and documents', { skip }, () => {
  it('gives the défis proches and the documents that name the défi', async () => {
    const previsecours = await resourceTitled('Prévisecours', 'defi');
    const res = await api.get(`/api/defis/${previsecours.id}`).expect(200);
    const related: { title: string; url: string }[] = res.body.related;
    assert.ok(related.length > 0 && related.length <= 5);
    assert.ok(
      related.some((defi) => defi.title === 'PrédiSauvetage'),
      related.map((defi) => defi.title).join(' ; '),
    );
    const documents: { title: string; type: string }[] = res.body.documents;
    assert.ok(documents.some((document) => document.title.includes('6 facteurs clés')));
  });
});
