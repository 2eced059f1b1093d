import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import request, { type Agent } from 'supertest';
import {
  coordinationApp,
  signInAsLocalCoordinator,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { storeState } from '../helpers/publishing.ts';

/**
 * The coordinators' parcours pages through HTTP, with the real sign-in, CSRF, a real git
 * store and a real Meilisearch: every button is a plain submit that posts the whole form
 * (no JavaScript); only « Enregistrer » writes, and a refused parcours writes nothing.
 */

const { client } = testMeili();
const prefixes: string[] = [];
const folder = temporaryFolders('coordination-parcours');
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const onboarding =
  '# Arriver dans le programme\n\n## Avant le premier jour\n\nDemander son badge et son ordinateur portable.\n\n## Rencontrer les mentors\n\nLes mentors et les porteurs du défi.\n';
const hosting =
  '# Héberger son service\n\n## Choisir un hébergeur\n\nLe cloud qualifié SecNumCloud pour les données sensibles.\n';
const licence = '# Choisir une licence\n\nLa licence libre du code source publié.\n';
const shippedParcours = `title: Parcours livré
audience: nouvelle promotion
description: Un parcours du dépôt.
steps:
  - resource: guides-arriver
    note: Pour commencer.
`;

async function fixture(): Promise<CoordinationFixture> {
  const { prefix } = uniqueIndexes('coordination-parcours');
  prefixes.push(prefix);
  const guides = await contentFolder(
    {
      'arriver.md': onboarding,
      'heberger.md': hosting,
      'licence.md': licence,
      'parcours/livre.yml': shippedParcours,
    },
    'guides',
  );
  const summary = await sync(await pipelineDeps(client, prefix), [guides]);
  assert.deepEqual(summary.failed, []);
  return coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
  });
}

const signIn = (fx: CoordinationFixture) => signInAsLocalCoordinator(fx, '/coordination/parcours');

interface FormStep {
  resource: string;
  anchor?: string;
  note?: string;
  week?: string;
}

/** The whole form as the browser posts it: fields, the steps as parallel lists, the button. */
function formBody(
  token: string | undefined,
  fields: Record<string, string>,
  steps: FormStep[],
  action: string,
): string {
  const body = new URLSearchParams();
  if (token !== undefined) body.append('_csrf', token);
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const step of steps) {
    body.append('step_resource', step.resource);
    body.append('step_anchor', step.anchor ?? '');
    body.append('step_page', '');
    body.append('step_week', step.week ?? '');
    body.append('step_note', step.note ?? '');
  }
  body.append('action', action);
  return body.toString();
}

const fields = {
  title: 'Accueil des mentors',
  slug: 'accueil-mentors',
  audience: 'mentor',
  description: 'Ce qu’un mentor lit pour accompagner sa première équipe.',
};

const threeSteps: FormStep[] = [
  { resource: 'guides-arriver', anchor: 'rencontrer-les-mentors', note: 'Qui rencontrer.' },
  { resource: 'guides-heberger', note: 'Où héberger.', week: '2' },
  { resource: 'guides-licence', note: 'Sous quelle licence publier.' },
];

/** The resources of the steps the form shows, in order. */
function formSteps(html: string): string[] {
  return [...html.matchAll(/name="step_resource" value="([^"]*)"/g)].map((match) => match[1] ?? '');
}

async function apiSteps(fx: CoordinationFixture, slug: string): Promise<string[]> {
  const res = await request(fx.app).get(`/api/parcours/${slug}`).expect(200);
  return (res.body as { steps: { resourceId: string }[] }).steps.map((step) => step.resourceId);
}

function create(agent: Agent, token: string, steps = threeSteps) {
  return agent
    .post('/coordination/parcours/nouveau')
    .type('form')
    .send(formBody(token, fields, steps, 'enregistrer'));
}

describe('coordinators’ parcours pages: who may see them', () => {
  it('signed out, every page sends to /connexion and a POST writes nothing', async () => {
    const fx = await fixture();
    for (const page of [
      '/coordination/parcours',
      '/coordination/parcours/nouveau',
      '/coordination/parcours/x/modifier',
      '/coordination/parcours/x/historique',
      '/coordination/parcours/x/retirer',
    ]) {
      const res = await request(fx.app).get(page).expect(303);
      assert.equal(res.headers['location'], `/connexion?retour=${encodeURIComponent(page)}`);
    }
    const before = await storeState(fx.dir);
    await request(fx.app)
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(formBody(undefined, fields, threeSteps, 'enregistrer'))
      .expect(303)
      .expect('Location', /^\/connexion/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a POST without its anti-forgery token › 403, nothing written', async () => {
    const fx = await fixture();
    const { agent } = await signIn(fx);
    const before = await storeState(fx.dir);
    await agent
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(formBody(undefined, fields, threeSteps, 'enregistrer'))
      .expect(403);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('the workspace links to the parcours page, which lists shipped ones with « Dupliquer »', async () => {
    const fx = await fixture();
    const { agent } = await signIn(fx);
    const home = (await agent.get('/coordination').expect(200)).text;
    assert.match(home, /href="\/coordination\/parcours"/);
    const list = (await agent.get('/coordination/parcours').expect(200)).text;
    assert.match(list, /Créer un parcours/);
    assert.match(list, /data-shipped="livre"[\s\S]*?Dupliquer/);
  });
});

describe('coordinators’ parcours pages: create and edit without JavaScript', () => {
  it('the picker lists the sections a search finds, and « Ajouter » adds one as a step', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const before = await storeState(fx.dir);
    const searched = await agent
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(formBody(token, { ...fields, q: 'SecNumCloud' }, [], 'chercher'))
      .expect(200);
    assert.match(searched.text, /id="rp-picker-results"/);
    assert.match(searched.text, /value="ajouter:guides-heberger#choisir-un-hébergeur"/);
    assert.deepEqual(formSteps(searched.text), []);

    const added = await agent
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(
        formBody(
          token,
          { ...fields, q: 'SecNumCloud' },
          [],
          'ajouter:guides-heberger#choisir-un-hébergeur',
        ),
      )
      .expect(200);
    assert.deepEqual(formSteps(added.text), ['guides-heberger']);
    assert.match(added.text, /name="step_anchor" value="choisir-un-hébergeur"/);
    assert.match(added.text, /value="Accueil des mentors"/, 'the other fields are kept');
    assert.deepEqual(await storeState(fx.dir), before, 'only « Enregistrer » writes');
  });

  it('creates a parcours: one commit by the coordinator, shown on /parcours/<slug> and searchable', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const res = await create(agent, token).expect(303);
    assert.equal(
      res.headers['location'],
      '/coordination/parcours?fait=cree&parcours=accueil-mentors',
    );
    const list = (await agent.get(res.headers['location'] ?? '').expect(200)).text;
    assert.match(list, /Parcours créé/);
    assert.match(list, /data-parcours="accueil-mentors"/);

    const page = (await request(fx.app).get('/parcours/accueil-mentors').expect(200)).text;
    assert.match(page, /Accueil des mentors/);
    assert.deepEqual(await apiSteps(fx, 'accueil-mentors'), [
      'guides-arriver',
      'guides-heberger',
      'guides-licence',
    ]);
    const search = await request(fx.app)
      .get('/api/search')
      .query({ q: 'accompagner sa première équipe' })
      .expect(200);
    const first = (search.body as { hits: { type: string; url: string }[] }).hits[0];
    assert.equal(first?.type, 'parcours');
    const [last] = await fx.store.fileHistory('parcours/accueil-mentors.yml');
    assert.equal(last?.author.name, 'Coordination locale');
  });

  it('reorders with « Monter » / « Descendre » / « Retirer », then saves the new order', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    await create(agent, token).expect(303);
    const edit = (await agent.get('/coordination/parcours/accueil-mentors/modifier').expect(200))
      .text;
    const version = /name="version" value="([^"]+)"/.exec(edit)?.[1];
    assert.ok(version);
    assert.deepEqual(formSteps(edit), ['guides-arriver', 'guides-heberger', 'guides-licence']);
    const head = (await storeState(fx.dir)).head;

    const post = (steps: FormStep[], action: string) =>
      agent
        .post('/coordination/parcours/accueil-mentors/modifier')
        .type('form')
        .send(formBody(token, { ...fields, version }, steps, action));
    const down = await post(threeSteps, 'descendre:1').expect(200);
    assert.deepEqual(formSteps(down.text), ['guides-heberger', 'guides-arriver', 'guides-licence']);
    assert.match(down.text, /Étape 1 déplacée en position 2/);
    const reordered = [threeSteps[1], threeSteps[0], threeSteps[2]] as FormStep[];
    const up = await post(reordered, 'monter:3').expect(200);
    assert.deepEqual(formSteps(up.text), ['guides-heberger', 'guides-licence', 'guides-arriver']);
    const removed = await post(reordered, 'retirer:2').expect(200);
    assert.deepEqual(formSteps(removed.text), ['guides-heberger', 'guides-licence']);
    assert.equal((await storeState(fx.dir)).head, head, 'moving steps writes nothing');

    await post(reordered, 'enregistrer')
      .expect(303)
      .expect('Location', '/coordination/parcours?fait=modifie&parcours=accueil-mentors');
    assert.deepEqual(await apiSteps(fx, 'accueil-mentors'), [
      'guides-heberger',
      'guides-arriver',
      'guides-licence',
    ]);
  });

  it('an invalid parcours is refused with its message, the values kept, the store unchanged', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const before = await storeState(fx.dir);
    const steps = [threeSteps[0], { resource: 'guides-arriver', anchor: 'nulle-part', note: 'x' }];
    const res = await agent
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(formBody(token, fields, steps as FormStep[], 'enregistrer'))
      .expect(422);
    assert.match(res.text, /fr-alert--error/);
    assert.match(res.text, /étape 2 : ancre inconnue « nulle-part »/);
    assert.match(res.text, /name="step_anchor" value="nulle-part"/);
    assert.deepEqual(await storeState(fx.dir), before);

    const untitled = await agent
      .post('/coordination/parcours/nouveau')
      .type('form')
      .send(formBody(token, { ...fields, title: '' }, threeSteps, 'enregistrer'))
      .expect(422);
    assert.match(untitled.text, /le titre \(title\) manque/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a shipped parcours is read-only (403), and « Dupliquer » stores a copy to adapt', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    await agent.get('/coordination/parcours/livre/modifier').expect(403);
    await agent
      .post('/coordination/parcours/livre/modifier')
      .type('form')
      .send(formBody(token, fields, threeSteps, 'enregistrer'))
      .expect(403);
    const copy = await agent
      .post('/coordination/parcours/livre/dupliquer')
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    assert.equal(copy.headers['location'], '/coordination/parcours/livre-copie/modifier');
    const edit = (await agent.get('/coordination/parcours/livre-copie/modifier').expect(200)).text;
    assert.match(edit, /value="Parcours livré"/);
    assert.deepEqual(await apiSteps(fx, 'livre-copie'), ['guides-arriver']);
  });
});

describe('coordinators’ parcours pages: history, restore, retire', () => {
  it('the history shows each commit and « Restaurer cette version » brings one back', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    await create(agent, token).expect(303);
    const edit = (await agent.get('/coordination/parcours/accueil-mentors/modifier').expect(200))
      .text;
    const version = /name="version" value="([^"]+)"/.exec(edit)?.[1] ?? '';
    await agent
      .post('/coordination/parcours/accueil-mentors/modifier')
      .type('form')
      .send(
        formBody(
          token,
          { ...fields, title: 'Mentors, version 2', version },
          threeSteps,
          'enregistrer',
        ),
      )
      .expect(303);

    const history = (
      await agent.get('/coordination/parcours/accueil-mentors/historique').expect(200)
    ).text;
    assert.match(history, /Modification du parcours « Mentors, version 2 »/);
    assert.match(history, /Création du parcours « Accueil des mentors »/);
    const commits = [...history.matchAll(/name="commit" value="([0-9a-f]{40})"/g)].map((m) => m[1]);
    assert.equal(commits.length, 1, 'the current version is not offered');
    await agent
      .post('/coordination/parcours/accueil-mentors/restaurer')
      .type('form')
      .send({ _csrf: token, commit: commits[0] })
      .expect(303)
      .expect('Location', '/coordination/parcours?fait=restaure&parcours=accueil-mentors');
    const detail = await request(fx.app).get('/api/parcours/accueil-mentors').expect(200);
    assert.equal((detail.body as { title: string }).title, 'Accueil des mentors');
  });

  it('retires after a confirmation page; the history keeps it and restores it', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    await create(agent, token).expect(303);
    const confirm = (await agent.get('/coordination/parcours/accueil-mentors/retirer').expect(200))
      .text;
    assert.match(confirm, /Confirmer le retrait/);
    const version = /name="version" value="([^"]+)"/.exec(confirm)?.[1] ?? '';
    await agent
      .post('/coordination/parcours/accueil-mentors/retirer')
      .type('form')
      .send({ _csrf: token, version })
      .expect(303);
    await request(fx.app).get('/api/parcours/accueil-mentors').expect(404);

    const history = (
      await agent.get('/coordination/parcours/accueil-mentors/historique').expect(200)
    ).text;
    assert.match(history, /Ce parcours est retiré/);
    const commit = /name="commit" value="([0-9a-f]{40})"/.exec(history)?.[1];
    assert.ok(commit);
    await agent
      .post('/coordination/parcours/accueil-mentors/restaurer')
      .type('form')
      .send({ _csrf: token, commit })
      .expect(303);
    await request(fx.app).get('/api/parcours/accueil-mentors').expect(200);
  });
});
