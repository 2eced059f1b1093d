import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { buildTestApp } from '../helpers/app.ts';
import { coordinationApp, localLinkPath } from '../helpers/coordination.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

// The legal pages need no search engine.
const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
// Signing in goes through the real session and allow-list, which the publishing wiring needs.
const { client } = testMeili();
const { prefix } = uniqueIndexes('legal');
after(() => dropIndexes(client, prefix));

describe('GET /mentions-legales', () => {
  it('shows the contact address and the host a deployment configures', async () => {
    const { app } = await buildTestApp({
      meili: dead,
      prefix: 'legal',
      env: {
        CONTACT_EMAIL: 'equipe@example.gouv.fr',
        HOSTING_INFO: 'Hébergeur Exemple, 1 rue de la Paix, Paris',
      },
    });
    const page = await request(app).get('/mentions-legales').expect(200);
    assert.match(page.text, /<a href="mailto:equipe@example.gouv.fr">equipe@example.gouv.fr<\/a>/);
    assert.match(page.text, /Hébergeur Exemple, 1 rue de la Paix, Paris/);
  });

  it('in development, tells visitors this is a development instance rather than show a placeholder', async () => {
    const { app } = await buildTestApp({ meili: dead, prefix: 'legal' });
    const page = await request(app).get('/mentions-legales').expect(200);
    assert.match(
      page.text,
      /<div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w"><p>Instance de développement : ce site n’est pas le service Repères en production/,
    );
    assert.match(
      page.text,
      /<h2>Contact<\/h2><p>Non renseigné sur cette instance de développement\.<\/p>/,
    );
    assert.match(
      page.text,
      /<h2>Hébergement<\/h2><p>Non renseigné sur cette instance de développement\.<\/p>/,
    );
    assert.doesNotMatch(page.text, /à renseigner par le déploiement/);
  });

  it('in development, shows coordinators which variable each missing line needs', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-legal-'));
    after(() => fs.rm(tmp, { recursive: true, force: true }));
    const fx = await coordinationApp({ meili: client, prefix, tokensDir: tmp });
    assert.ok(fx.local);
    const agent = request.agent(fx.app);
    await agent.get(localLinkPath(fx.local)).expect(303);
    const page = await agent.get('/mentions-legales').expect(200);
    assert.match(page.text, /à renseigner par le déploiement \(CONTACT_EMAIL\)/);
    assert.match(page.text, /à renseigner par le déploiement \(HOSTING_INFO\)/);
    assert.doesNotMatch(page.text, /Instance de développement/);
  });
});

describe('GET /donnees-personnelles', () => {
  it('says what is shown about people, where it comes from and how to be removed', async () => {
    const { app } = await buildTestApp({
      meili: dead,
      prefix: 'legal',
      env: { CONTACT_EMAIL: 'equipe@example.gouv.fr' },
    });
    const page = await request(app).get('/donnees-personnelles').expect(200);
    const text = page.text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    assert.match(text, /Les personnes de la communauté/);
    for (const shown of [
      'son nom et son profil',
      'ses promotions',
      'les défis',
      'GitHub, GitLab',
    ]) {
      assert.ok(text.includes(shown), `the page names what is shown: ${shown}`);
    }
    assert.match(text, /Ni photo/);
    assert.match(text, /Licence Ouverte 2\.0/);
    assert.match(
      page.text,
      /demander à ne plus y figurer[\s\S]*?<a href="mailto:equipe@example.gouv.fr">/,
    );
    assert.match(text, /liste des retraits/);
  });

  it('sends people to the legal notice for the contact when no address is configured', async () => {
    const { app } = await buildTestApp({ meili: dead, prefix: 'legal' });
    const page = await request(app).get('/donnees-personnelles').expect(200);
    assert.match(
      page.text,
      /demander à ne plus y figurer[\s\S]*?<a href="\/mentions-legales">mentions légales<\/a>/,
    );
  });
});
