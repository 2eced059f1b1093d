import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { apiContract, observed } from '../helpers/api-contract.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import {
  alice,
  coordinatorHeader,
  publishingApp,
  storeState,
  type PublishingFixture,
} from '../helpers/publishing.ts';

/**
 * The parcours write API on a real git store and a real Meilisearch: a parcours that
 * validates is committed and served at once (list, detail, search); one that does not is
 * refused with the step and the reason, and the store keeps its commit.
 */

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const onboarding =
  '# Arriver dans le programme\n\n## Avant le premier jour\n\nDemander son badge et son ordinateur.\n\n## Rencontrer\n\nLes mentors et les porteurs du défi.\n';
const hosting =
  '# Héberger\n\n## Choisir\n\nLe cloud qualifié SecNumCloud pour les données sensibles.\n';
const shippedParcours = `title: Parcours livré
audience: nouvelle promotion
description: Un parcours du dépôt.
steps:
  - resource: guides-arriver
    note: Pour commencer.
`;

async function fixture(): Promise<PublishingFixture> {
  const { prefix } = uniqueIndexes('parcours-write');
  prefixes.push(prefix);
  const guides = await contentFolder(
    {
      'arriver.md': onboarding,
      'heberger.md': hosting,
      'parcours/livre.yml': shippedParcours,
    },
    'guides',
  );
  const summary = await sync(await pipelineDeps(client, prefix), [guides]);
  assert.deepEqual(summary.failed, []);
  return publishingApp({ meili: client, prefix, contentDirs: [guides] });
}

const goodParcours = {
  title: 'Accueil des mentors',
  audience: 'mentor',
  description: 'Ce qu’un mentor lit pour accompagner sa première équipe de zéphyrins.',
  steps: [
    { resource: 'guides-arriver', anchor: 'rencontrer', note: 'Savoir qui rencontrer.' },
    { resource: 'guides-heberger', note: 'Préparer l’hébergement.', semaine: 2 },
  ],
};

function put(fx: PublishingFixture, slug: string, body: object | string, ifMatch?: string) {
  const req = request(fx.app).put(`/api/parcours/${slug}`).set(coordinatorHeader, alice);
  if (ifMatch !== undefined) req.set('If-Match', ifMatch);
  return typeof body === 'string' ? req.type('application/yaml').send(body) : req.send(body);
}

describe('PUT /api/parcours/:slug', () => {
  it('creates a parcours committed by the coordinator, served at once and searchable', async () => {
    const fx = await fixture();
    const res = await put(fx, 'accueil-mentors', goodParcours).expect(201);
    assert.equal(res.headers['etag'], `"${(res.body as { version: string }).version}"`);
    assert.equal((res.body as { path: string }).path, 'parcours/accueil-mentors.yml');

    const list = await request(fx.app).get('/api/parcours').expect(200);
    const slugs = (list.body as { parcours: { slug: string }[] }).parcours.map((p) => p.slug);
    assert.deepEqual(slugs.sort(), ['accueil-mentors', 'livre']);
    const detail = await request(fx.app).get('/api/parcours/accueil-mentors').expect(200);
    const steps = (detail.body as { steps: { resourceId: string; week?: number }[] }).steps;
    assert.deepEqual(
      steps.map((step) => [step.resourceId, step.week]),
      [
        ['guides-arriver', undefined],
        ['guides-heberger', 2],
      ],
    );

    const search = await request(fx.app).get('/api/search').query({ q: 'zéphyrins' }).expect(200);
    const hits = (search.body as { hits: { type: string; url: string }[] }).hits;
    assert.equal(hits[0]?.type, 'parcours');
    assert.match(hits[0]?.url ?? '', /^\/parcours\/accueil-mentors/);

    const history = await storeState(fx.dir);
    assert.equal(history.clean, true);
    const [last] = await fx.store.fileHistory('parcours/accueil-mentors.yml');
    assert.equal(last?.author.name, 'Alice Martin');
    assert.match(last?.message ?? '', /Création du parcours « Accueil des mentors »/);
  });

  it('accepts YAML, and replaces only with the version it names in If-Match', async () => {
    const fx = await fixture();
    const created = await put(fx, 'accueil-mentors', goodParcours).expect(201);
    const version = (created.body as { version: string }).version;
    const yaml = `title: Accueil des mentors, revu
audience: mentor
description: Deux étapes.
steps:
  - resource: guides-heberger
    note: D'abord l'hébergement.
  - resource: guides-arriver
    note: Puis les rencontres.
`;
    const missing = await put(fx, 'accueil-mentors', yaml).expect(428);
    assert.equal((missing.body as { error: { code: string } }).error.code, 'precondition_required');
    await put(fx, 'accueil-mentors', yaml, '"0000"').expect(412);
    const replaced = await put(fx, 'accueil-mentors', yaml, `"${version}"`).expect(200);
    assert.notEqual((replaced.body as { version: string }).version, version);
    const detail = await request(fx.app).get('/api/parcours/accueil-mentors').expect(200);
    assert.equal((detail.body as { title: string }).title, 'Accueil des mentors, revu');
  });

  const refusals: [string, object, string, RegExp][] = [
    [
      'an unknown resource',
      { ...goodParcours, steps: [{ resource: 'guides-absent', note: 'x' }] },
      'unknown_resource',
      /étape 1 : ressource inconnue « guides-absent »/,
    ],
    [
      'an unknown anchor',
      {
        ...goodParcours,
        steps: [
          { resource: 'guides-heberger', note: 'x' },
          { resource: 'guides-arriver', anchor: 'nulle-part', note: 'y' },
        ],
      },
      'unknown_anchor',
      /étape 2 : ancre inconnue « nulle-part »/,
    ],
    [
      'a duplicate step',
      {
        ...goodParcours,
        steps: [
          { resource: 'guides-heberger', note: 'x' },
          { resource: 'guides-heberger', note: 'y' },
        ],
      },
      'duplicate_step',
      /étape 2 : « guides-heberger » figure déjà à l'étape 1/,
    ],
    [
      'a missing title',
      { ...goodParcours, title: '  ' },
      'missing_title',
      /le titre \(title\) manque/,
    ],
  ];
  for (const [what, body, reason, message] of refusals) {
    it(`refuses ${what} with 422 and its message, and stores nothing`, async () => {
      const fx = await fixture();
      const before = await storeState(fx.dir);
      const res = await put(fx, 'accueil-mentors', body).expect(422);
      const error = (res.body as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'invalid_parcours');
      assert.match(error.message, /publications\/parcours\/accueil-mentors\.yml/);
      assert.match(error.message, message, reason);
      assert.deepEqual(await storeState(fx.dir), before);
      await request(fx.app).get('/api/parcours/accueil-mentors').expect(404);
    });
  }

  it('refuses to write a shipped parcours (403), and an invalid slug (400)', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    const res = await put(fx, 'livre', goodParcours).expect(403);
    assert.match((res.body as { error: { message: string } }).error.message, /dupliquez-le/);
    await request(fx.app).delete('/api/parcours/livre').set(coordinatorHeader, alice).expect(403);
    await put(fx, 'Pas_Un_Slug', goodParcours).expect(400);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('without a coordinator › 401, nothing written', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    await request(fx.app).put('/api/parcours/accueil-mentors').send(goodParcours).expect(401);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('answers as the OpenAPI document says', async () => {
    const fx = await fixture();
    const doc = await request(fx.app).get('/api/openapi.json').expect(200);
    const contract = apiContract(doc.body);
    const created = await put(fx, 'accueil-mentors', goodParcours);
    contract.check(observed('PUT', '/api/parcours/accueil-mentors', created));
    const refused = await put(fx, 'autre', { ...goodParcours, title: '' });
    contract.check(observed('PUT', '/api/parcours/autre', refused));
    const retired = await request(fx.app)
      .delete('/api/parcours/accueil-mentors')
      .set(coordinatorHeader, alice);
    contract.check(observed('DELETE', '/api/parcours/accueil-mentors', retired));
  });
});

describe('DELETE /api/parcours/:slug', () => {
  it('retires a parcours in one commit: gone from the list and from search', async () => {
    const fx = await fixture();
    await put(fx, 'accueil-mentors', goodParcours).expect(201);
    const res = await request(fx.app)
      .delete('/api/parcours/accueil-mentors')
      .set(coordinatorHeader, alice)
      .expect(200);
    assert.equal((res.body as { slug: string }).slug, 'accueil-mentors');
    await request(fx.app).get('/api/parcours/accueil-mentors').expect(404);
    const search = await request(fx.app).get('/api/search').query({ q: 'zéphyrins' }).expect(200);
    assert.deepEqual((search.body as { hits: unknown[] }).hits, []);
    await request(fx.app)
      .delete('/api/parcours/accueil-mentors')
      .set(coordinatorHeader, alice)
      .expect(404);
  });
});
