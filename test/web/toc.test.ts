import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('toc');
after(() => dropIndexes(client, prefix));

describe('GET /ressources/:id › table of contents', () => {
  it('does not number twice headings their author numbered', async () => {
    const dir = await contentFolder({
      'options.md':
        '# Options\n\n## Les options\n\nQuatre voies.\n\n### 1. Le ministère\n\nTexte.\n\n### 2. Le cloud interne\n\nTexte.\n\n## Étapes\n\nTexte.\n',
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
    const page = await request(app).get('/ressources/contenu-options').expect(200);
    const links = [
      ...page.text.matchAll(/<a class="fr-summary__link" href="([^"]+)">([^<]+)<\/a>/g),
    ].map((m) => [m[1], m[2]]);
    assert.deepEqual(links, [
      ['#les-options', 'Les options'],
      ['#1-le-ministère', 'Le ministère'],
      ['#2-le-cloud-interne', 'Le cloud interne'],
      ['#étapes', 'Étapes'],
    ]);
  });

  it('lists a heading followed directly by a sub-heading, though it has no text of its own', async () => {
    const dir = await contentFolder({
      'hebergement.md':
        '# Héberger\n\nIntro.\n\n## Les options\n\n### 1. Le ministère\n\nTexte.\n\n### 2. Le cloud\n\nTexte.\n\n## Bilan\n\n::: tip\nUn conseil.\n:::\n',
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
    const page = await request(app).get('/ressources/contenu-hebergement').expect(200);
    const links = [
      ...page.text.matchAll(/<a class="fr-summary__link" href="([^"]+)">([^<]+)<\/a>/g),
    ].map((m) => [m[1], m[2]]);
    assert.deepEqual(links, [
      ['#les-options', 'Les options'],
      ['#1-le-ministère', 'Le ministère'],
      ['#2-le-cloud', 'Le cloud'],
      ['#bilan', 'Bilan'],
    ]);
  });

  it('lists the h2 "Les options" of the shipped guide heberger-un-service-public', async () => {
    const guides = path.resolve(import.meta.dirname, '../../guides');
    const dir = await contentFolder({
      'heberger-un-service-public.md': await fs.readFile(
        path.join(guides, 'heberger-un-service-public.md'),
        'utf8',
      ),
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
    const page = await request(app)
      .get('/ressources/contenu-heberger-un-service-public')
      .expect(200);
    assert.match(page.text, /<a class="fr-summary__link" href="#les-options">Les options<\/a>/);
  });
});
