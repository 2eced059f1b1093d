import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request, { type Agent } from 'supertest';
import {
  coordinationApp,
  signInAsLocalCoordinator,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';

/**
 * /coordination/recherches through HTTP, with the real sign-in, CSRF and logs: only
 * coordinators read it, bad parameters are refused with a message that names them, and
 * « Marquer comme traité » is a plain form that needs its anti-forgery token.
 */

const { client } = testMeili();
const folder = temporaryFolders('coordination-searches');
const { prefix } = uniqueIndexes('coordsearches');
let fx: CoordinationFixture;

before(async () => {
  const guides = await contentFolder({ 'cadrage.md': '# Cadrage\n\nLe cadrage.\n' }, 'guides');
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  fx = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
  });
});
after(() => dropIndexes(client, prefix));

const signIn = () => signInAsLocalCoordinator(fx);

/** The search log is written after the answer: reads the page until `pattern` shows. */
async function pageShowing(agent: Agent, pattern: RegExp): Promise<string> {
  let html = '';
  for (let attempt = 0; attempt < 60; attempt += 1) {
    html = (await agent.get('/coordination/recherches?jours=7').expect(200)).text;
    if (pattern.test(html)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return html;
}

describe('GET /coordination/recherches', () => {
  it('sends a visitor who is not signed in to the sign-in page, for the page and its CSV', async () => {
    const page = await request(fx.app).get('/coordination/recherches').expect(303);
    assert.match(page.headers['location'] ?? '', /^\/connexion\?retour=/);
    const csv = await request(fx.app).get('/coordination/recherches.csv?table=frequentes');
    assert.notEqual(csv.status, 200);
  });

  it('refuses a period other than 7, 30 or 90 days, and an unknown table, naming the parameter', async () => {
    const { agent } = await signIn();
    const period = await agent.get('/coordination/recherches?jours=365').expect(400);
    assert.match(period.text, /jours: période attendue : 7, 30 ou 90/);
    const table = await agent.get('/coordination/recherches.csv?table=secrets').expect(400);
    assert.match(table.text, /table: tableau attendu : indicateurs, frequentes/);
  });
});

describe('POST /coordination/recherches/traitees', () => {
  it('marks a query with no result as handled, back on the page with a message; refused without the token', async () => {
    const { agent, token } = await signIn();
    await request(fx.app).get('/recherche?q=ornithorynque').expect(200);
    const before = await pageShowing(agent, /<th scope="row">ornithorynque<\/th>/);
    assert.match(before, /<th scope="row">ornithorynque<\/th><td>1<\/td><td>à traiter<\/td>/);

    await agent
      .post('/coordination/recherches/traitees')
      .type('form')
      .send({ cle: 'ornithorynque', recherche: 'ornithorynque', jours: '7' })
      .expect(403);

    const done = await agent
      .post('/coordination/recherches/traitees')
      .type('form')
      .send({ _csrf: token, cle: 'ornithorynque', recherche: 'ornithorynque', jours: '7' })
      .expect(303);
    assert.equal(
      done.headers['location'],
      '/coordination/recherches?jours=7&traitee=ornithorynque#sans-resultat',
    );
    const after = (await agent.get(done.headers['location'] ?? '').expect(200)).text;
    assert.match(after, /Recherche marquée comme traitée/);
    assert.match(after, /<th scope="row">ornithorynque<\/th><td>1<\/td><td>traitée<\/td>/);
  });
});
