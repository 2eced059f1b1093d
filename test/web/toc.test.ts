import assert from 'node:assert/strict';
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
});
