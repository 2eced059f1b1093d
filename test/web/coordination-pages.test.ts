import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request, { type Agent } from 'supertest';
import {
  coordinationApp,
  signInAsLocalCoordinator,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { storeState } from '../helpers/publishing.ts';

/**
 * The coordinators' pages through HTTP, with the real sign-in (local link), CSRF and a
 * real git store: plain forms, a redirect with a message on success, the form again
 * with the values and the reason on a refusal, nothing written when refused.
 */

const { client } = testMeili();
const prefixes: string[] = [];
const folder = temporaryFolders('coordination');
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const shippedGuide = '# Guide livré\n\nUn guide du dépôt, sur le cadrage des projets.\n';

async function fixture(env: NodeJS.ProcessEnv = {}): Promise<CoordinationFixture> {
  const { prefix } = uniqueIndexes('coordination');
  prefixes.push(prefix);
  const guides = await contentFolder({ 'cadrage.md': shippedGuide }, 'guides');
  const summary = await sync(await pipelineDeps(client, prefix), [guides]);
  assert.deepEqual(summary.failed, []);
  return coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
    env,
  });
}

/** An agent signed in as the local coordinator, and its anti-forgery token. */
const signIn = (fx: CoordinationFixture) => signInAsLocalCoordinator(fx);

function publishForm(agent: Agent, token: string | undefined) {
  const url =
    token === undefined
      ? '/coordination/publier'
      : `/coordination/publier?_csrf=${encodeURIComponent(token)}`;
  return agent.post(url);
}

const guideText =
  '## Choisir un hébergeur\n\nLe cloud qualifié SecNumCloud convient aux données sensibles des administrations.\n';

async function publishGuide(agent: Agent, token: string, title = 'Héberger un service') {
  const res = await publishForm(agent, token)
    .field('title', title)
    .field('topics', 'hebergement')
    .field('markdown', guideText)
    .field('action', 'enregistrer')
    .expect(303);
  return new URL(res.headers['location'] ?? '', 'http://x').searchParams.get('ressource') ?? '';
}

describe('coordinators’ pages: who may see them', () => {
  it('signed out, every page sends to /connexion and a form POST writes nothing', async () => {
    const fx = await fixture();
    for (const page of [
      '/coordination',
      '/coordination/publier',
      '/coordination/ressources/publications-x/modifier',
      '/coordination/ressources/publications-x/historique',
      '/coordination/ressources/publications-x/retirer',
    ]) {
      const res = await request(fx.app).get(page).expect(303);
      assert.equal(res.headers['location'], `/connexion?retour=${encodeURIComponent(page)}`);
    }
    const before = await storeState(fx.dir);
    await request(fx.app)
      .post('/coordination/publier')
      .field('title', 'Anonyme')
      .field('markdown', guideText)
      .expect(303)
      .expect('Location', /^\/connexion/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a form POST without its anti-forgery token › 403, same commit, nothing written', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const id = await publishGuide(agent, token);
    const before = await storeState(fx.dir);

    const publish = await publishForm(agent, undefined)
      .field('title', 'Sans jeton')
      .field('markdown', guideText)
      .expect(403);
    assert.match(publish.text, /anti-falsification|CSRF|jeton/i);
    const version = (await agent.get(`/coordination/ressources/${id}/retirer`).expect(200)).text;
    const versionValue = /name="version" value="([^"]+)"/.exec(version)?.[1];
    assert.ok(versionValue);
    await agent
      .post(`/coordination/ressources/${id}/retirer`)
      .type('form')
      .send({ version: versionValue })
      .expect(403);
    await agent
      .post(`/coordination/ressources/${id}/retirer`)
      .type('form')
      .send({ version: versionValue, _csrf: 'faux' })
      .expect(403);
    assert.deepEqual(await storeState(fx.dir), before);
    assert.equal(before.clean, true);
  });
});

describe('coordinators’ pages: publish', () => {
  it('publishes Markdown written in the text area, then lists it with who and when, searchable', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const id = await publishGuide(agent, token);
    assert.equal(id, 'publications-heberger-un-service');

    const list = (await agent.get(`/coordination?fait=publie&ressource=${id}`).expect(200)).text;
    assert.match(list, /fr-alert--success/);
    assert.match(list, /Ressource publiée/);
    assert.match(list, /data-resource="publications-heberger-un-service"/);
    assert.match(list, /Coordination locale, le <time/);
    const hits = (await request(fx.app).get('/api/search').query({ q: 'SecNumCloud' }).expect(200))
      .body as { hits: { resourceId: string }[] };
    assert.deepEqual(
      hits.hits.map((hit) => hit.resourceId),
      [id],
    );
  });

  it('publishes an uploaded PDF with its metadata', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const pdf = buildPdf({
      title: 'Charte',
      pages: [
        ['Charte de la donnée', '', 'La gouvernance des données partagées entre ministères.'],
      ],
    });
    const res = await publishForm(agent, token)
      .field('title', 'Charte de la donnée')
      .field('owner', 'Équipe EIG')
      .field('action', 'enregistrer')
      .attach('file', pdf, { filename: '../../etc/charte.pdf', contentType: 'application/pdf' })
      .expect(303);
    assert.equal(
      res.headers['location'],
      '/coordination?fait=publie&ressource=publications-charte-de-la-donnee',
    );
    const state = await storeState(fx.dir);
    assert.deepEqual(state.files, ['charte-de-la-donnee.pdf', 'charte-de-la-donnee.pdf.yml']);
  });

  it('“Prévisualiser” renders the text sanitised, keeps the values, and writes nothing', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const before = await storeState(fx.dir);
    const res = await publishForm(agent, token)
      .field('title', 'Brouillon')
      .field('summary', 'Un résumé gardé')
      .field('topics', 'hebergement')
      .field(
        'markdown',
        '## Une partie\n\nDu **gras** <script>alert(1)</script> et <img src=x onerror=alert(2)>.\n',
      )
      .field('action', 'previsualiser')
      .expect(200);
    const preview = /<section[^>]*aria-labelledby="rp-preview-title">(.*?)<\/section>/s.exec(
      res.text,
    )?.[1];
    assert.ok(preview, 'the page shows a preview');
    assert.match(preview, /<h2 id="une-partie">Une partie<\/h2>/);
    assert.match(preview, /<strong>gras<\/strong>/);
    assert.doesNotMatch(preview, /<script|alert\(1\)|onerror/);
    assert.match(res.text, /value="Brouillon"/);
    assert.match(res.text, />Un résumé gardé</);
    assert.match(res.text, /value="hebergement" checked/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a file the parser refuses › 422 with its reason, the form kept, nothing written', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const before = await storeState(fx.dir);
    const res = await publishForm(agent, token)
      .field('title', 'Code caché')
      .field('markdown', '---js\n{ title: "x" }\n---\n\n# Texte\n')
      .field('action', 'enregistrer')
      .expect(422);
    assert.match(res.text, /fr-alert--error/);
    assert.match(res.text, /Le fichier est refusé/);
    assert.match(res.text, /value="Code caché"/);
    assert.deepEqual(await storeState(fx.dir), before);

    const corrupt = await publishForm(agent, token)
      .field('title', 'PDF cassé')
      .attach('file', Buffer.from('%PDF-1.7\n garbage'), 'casse.pdf')
      .expect(422);
    assert.match(corrupt.text, /Le fichier est refusé/);
    const binary = await publishForm(agent, token)
      .field('title', 'Image')
      .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'image.png')
      .expect(415);
    assert.match(binary.text, /ni un PDF ni un texte Markdown/);
    assert.deepEqual(await storeState(fx.dir), before);
  });
});

describe('coordinators’ pages: a file too large', () => {
  it('› 413 with the limit, the fields sent before the file kept, nothing written', async () => {
    const fx = await fixture({ MAX_FILE_BYTES: '4096' });
    const { agent, token } = await signIn(fx);
    const before = await storeState(fx.dir);
    const res = await publishForm(agent, token)
      .field('title', 'Rapport trop lourd')
      .field('owner', 'Équipe EIG')
      .attach(
        'file',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192, 0x20)]),
        'lourd.pdf',
      )
      .expect(413);
    assert.match(res.text, /fr-alert--error/);
    assert.match(res.text, /Le fichier dépasse la taille acceptée \(4 Kio/);
    assert.match(res.text, /value="Rapport trop lourd"/);
    assert.match(res.text, /value="Équipe EIG"/);
    assert.deepEqual(await storeState(fx.dir), before);
  });
});

describe('coordinators’ pages: edit, retire, history', () => {
  it('edits the metadata; a form opened on an older version › 412, values kept, nothing written', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const id = await publishGuide(agent, token);
    const form = (await agent.get(`/coordination/ressources/${id}/modifier`).expect(200)).text;
    const version = /name="version" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(version);
    assert.match(form, /value="Héberger un service"/);
    const action = `/coordination/ressources/${id}/modifier?_csrf=${encodeURIComponent(token)}`;
    await agent
      .post(action)
      .field('version', version)
      .field('title', 'Héberger un service public')
      .field('topics', 'hebergement')
      .field('markdown', guideText)
      .field('action', 'enregistrer')
      .expect(303)
      .expect('Location', `/coordination?fait=modifie&ressource=${id}`);
    const file = await fs.readFile(path.join(fx.dir, 'heberger-un-service.md'), 'utf8');
    assert.match(file, /title: Héberger un service public/);
    assert.match(file, /SecNumCloud/);

    // Every topic unticked: the topics are deduced from the text again.
    const reopened = (await agent.get(`/coordination/ressources/${id}/modifier`).expect(200)).text;
    const current = /name="version" value="([^"]+)"/.exec(reopened)?.[1] ?? '';
    await agent
      .post(action)
      .field('version', current)
      .field('title', 'Héberger un service public')
      .field('action', 'enregistrer')
      .expect(303);
    const untagged = await fs.readFile(path.join(fx.dir, 'heberger-un-service.md'), 'utf8');
    assert.match(untagged, /^topics: \[\]$/m);

    const before = await storeState(fx.dir);
    const stale = await agent
      .post(action)
      .field('version', version)
      .field('title', 'Titre d’un onglet oublié')
      .field('action', 'enregistrer')
      .expect(412);
    assert.match(stale.text, /La ressource a changé depuis que vous l’avez ouverte/);
    assert.match(stale.text, /value="Titre d’un onglet oublié"/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a shipped guide cannot be edited from the pages › 403 with the reason', async () => {
    const fx = await fixture();
    const { agent } = await signIn(fx);
    const res = await agent.get('/coordination/ressources/guides-cadrage/modifier').expect(403);
    assert.match(res.text, /livré avec Repères : proposez la modification dans le dépôt/);
  });

  it('retires after confirmation, lists it as retired, and restores it from its history', async () => {
    const fx = await fixture();
    const { agent, token } = await signIn(fx);
    const id = await publishGuide(agent, token);
    const confirm = (await agent.get(`/coordination/ressources/${id}/retirer`).expect(200)).text;
    assert.match(confirm, /Confirmer le retrait/);
    const version = /name="version" value="([^"]+)"/.exec(confirm)?.[1] ?? '';
    await agent
      .post(`/coordination/ressources/${id}/retirer`)
      .type('form')
      .send({ version, _csrf: token })
      .expect(303)
      .expect('Location', `/coordination?fait=retire&ressource=${id}`);
    await request(fx.app).get(`/api/resources/${id}`).expect(404);
    const list = (await agent.get(`/coordination?fait=retire&ressource=${id}`).expect(200)).text;
    assert.match(list, /Ressource retirée/);
    assert.match(list, /Ressources retirées/);

    const history = (await agent.get(`/coordination/ressources/${id}/historique`).expect(200)).text;
    const commits = [...history.matchAll(/name="commit" value="([0-9a-f]{40})"/g)].map((m) => m[1]);
    assert.equal(commits.length, 1, 'the publication is restorable, the removal is not');
    await agent
      .post(`/coordination/ressources/${id}/restaurer`)
      .type('form')
      .send({ commit: commits[0], _csrf: token })
      .expect(303)
      .expect('Location', `/coordination?fait=restaure&ressource=${id}`);
    await request(fx.app).get(`/api/resources/${id}`).expect(200);
    const state = await storeState(fx.dir);
    assert.equal(state.clean, true);
    assert.deepEqual(state.files, ['heberger-un-service.md']);
  });
});
