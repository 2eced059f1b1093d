import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

/** GET /api/parcours and /api/parcours/:slug over the shipped guides and their parcours. */

const { client } = testMeili();
const { prefix } = uniqueIndexes('parcours-api');
const guidesDir = path.join(projectRoot, 'guides');
let app: Express;

before(async () => {
  const summary = await sync(await pipelineDeps(client, prefix), [guidesDir]);
  assert.deepEqual(summary.failed, []);
  ({ app } = await buildTestApp({ meili: client, prefix, contentDirs: [guidesDir] }));
});
after(() => dropIndexes(client, prefix));

describe('GET /api/parcours', () => {
  it('lists the shipped parcours with audience, reading time and step count', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/parcours').expect(200);
    const start = response.body.parcours.find(
      (parcours: { slug: string }) => parcours.slug === 'bien-demarrer-sa-promotion',
    );
    assert.equal(start.title, 'Bien démarrer sa promotion');
    assert.equal(start.audience, 'nouvelle promotion');
    assert.ok(start.readingMinutes >= start.stepCount, 'at least a minute per step');
    assert.ok(response.body.parcours.length >= 4);
  });
});

describe('GET /api/parcours/:slug', () => {
  it('gives the steps in order with each resource’s title, type, deep link and note', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/parcours/publier-son-code-en-open-source').expect(200);
    const steps = response.body.steps as { position: number; url: string; type: string }[];
    assert.deepEqual(
      steps.map((step) => step.position),
      steps.map((_, index) => index + 1),
    );
    assert.ok(steps.some((step) => step.type === 'pdf' && /#page=\d+$/.test(step.url)));
    assert.ok(steps.some((step) => step.type === 'guide' && /#[^#]+$/.test(step.url)));
  });

  it('answers 404 naming the slug when no parcours has it', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/parcours/inexistant').expect(404);
    assert.equal(response.body.error.message, 'Aucun parcours « inexistant ».');
  });

  it('answers 400 for a slug that cannot be one', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/parcours/Pas_Un_Slug').expect(400);
    assert.equal(response.body.error.code, 'invalid_parameter');
  });
});

describe('GET /api/search › hits of a resource in a parcours', () => {
  it('carry the parcours, the step and the number of steps', async () => {
    const api = await contractClient(app);
    const response = await api
      .get('/api/search?q=rencontrer+les+services+support&group=section&limit=50')
      .expect(200);
    const hit = response.body.hits.find(
      (candidate: { anchor?: string }) => candidate.anchor === 'rencontrer-les-services-support',
    );
    assert.ok(hit, 'the section is found');
    const start = await api.get('/api/parcours/bien-demarrer-sa-promotion').expect(200);
    const step = start.body.steps.find(
      (candidate: { anchor?: string }) => candidate.anchor === 'rencontrer-les-services-support',
    );
    assert.deepEqual(
      hit.parcours.filter((one: { slug: string }) => one.slug === 'bien-demarrer-sa-promotion'),
      [
        {
          slug: 'bien-demarrer-sa-promotion',
          title: 'Bien démarrer sa promotion',
          step: step.position,
          of: start.body.steps.length,
        },
      ],
    );
  });

  it('of a resource in no parcours carry none', async () => {
    const api = await contractClient(app);
    const response = await api.get('/api/search?q=rgaa').expect(200);
    const hit = response.body.hits.find(
      (candidate: { resourceId: string }) =>
        candidate.resourceId === 'guides-accessibilite-numerique-rgaa',
    );
    assert.ok(hit, 'the guide is found');
    assert.equal(hit.parcours, undefined);
  });
});
