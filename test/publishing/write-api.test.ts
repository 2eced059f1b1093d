import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { apiContract, observed } from '../helpers/api-contract.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import {
  alice,
  coordinatorHeader,
  publishingApp,
  storeState,
  type PublishingFixture,
} from '../helpers/publishing.ts';

/**
 * The coordinators' write API on a real git store and a real Meilisearch: what it accepts
 * is searchable when the request returns; what it refuses leaves the store as it was
 * (same commit, nothing uncommitted, no stray file).
 */

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const shippedGuide = '# Guide livré\n\nUn guide du dépôt, sur le cadrage des projets.\n';

async function fixture(
  options: Partial<Parameters<typeof publishingApp>[0]> = {},
): Promise<PublishingFixture> {
  const { prefix } = uniqueIndexes('publish');
  prefixes.push(prefix);
  const guides = await contentFolder({ 'cadrage.md': shippedGuide }, 'guides');
  const summary = await sync(await pipelineDeps(client, prefix), [guides]);
  assert.deepEqual(summary.failed, []);
  return publishingApp({ meili: client, prefix, contentDirs: [guides], ...options });
}

async function search(app: PublishingFixture['app'], q: string): Promise<string[]> {
  const res = await request(app).get('/api/search').query({ q });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body as { hits: { resourceId: string }[] }).hits.map((hit) => hit.resourceId);
}

function publishMarkdown(app: PublishingFixture['app'], title: string, markdown: string) {
  return request(app)
    .post('/api/resources')
    .set(coordinatorHeader, alice)
    .field('title', title)
    .field('markdown', markdown);
}

/** Asserts a refused request changed nothing in the store. */
async function assertUnchanged(
  fx: PublishingFixture,
  before: Awaited<ReturnType<typeof storeState>>,
): Promise<void> {
  assert.deepEqual(await storeState(fx.dir), before);
  assert.equal(before.clean, true);
}

describe('POST /api/resources', () => {
  it('publishes Markdown text as one commit by the coordinator, searchable when it returns', async () => {
    const fx = await fixture();
    const res = await publishMarkdown(
      fx.app,
      'Héberger un service numérique',
      '## Choisir un hébergeur\n\nLe cloud souverain qualifié SecNumCloud convient aux données sensibles.\n',
    )
      .field('topics', 'hebergement')
      .field('summary', 'Comment choisir où héberger.');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.id, 'publications-heberger-un-service-numerique');
    assert.equal(res.body.path, 'heberger-un-service-numerique.md');
    assert.equal(res.headers['etag'], `"${res.body.version}"`);
    assert.equal(res.headers['location'], '/ressources/publications-heberger-un-service-numerique');

    assert.deepEqual(await search(fx.app, 'SecNumCloud'), [
      'publications-heberger-un-service-numerique',
    ]);
    const page = await request(fx.app).get(`/api/resources/${res.body.id}`);
    assert.equal(page.body.resource.title, 'Héberger un service numérique');
    assert.deepEqual(page.body.resource.topics, ['hebergement']);
    assert.equal(page.headers['etag'], `"${res.body.version}"`);

    const [revision] = (await fx.store.log(1, 1)).revisions;
    assert.equal(revision?.commit, res.body.commit);
    assert.deepEqual(revision?.author, {
      name: 'Alice Martin',
      email: 'alice.martin@beta.gouv.fr',
    });
    assert.equal(revision?.message, 'Publication de « Héberger un service numérique »');
    assert.equal((await storeState(fx.dir)).clean, true);
  });

  it('publishes a PDF with its metadata file beside it, searchable under the given title', async () => {
    const fx = await fixture();
    const pdf = buildPdf({
      pages: [['Rapport annuel'], ['Les indicateurs de fréquentation du portail']],
    });
    const res = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Bilan 2026 du portail')
      .field('owner', 'Équipe EIG Link')
      .attach('file', pdf, 'bilan.pdf');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.type, 'pdf');
    assert.deepEqual((await storeState(fx.dir)).files, [
      'bilan-2026-du-portail.pdf',
      'bilan-2026-du-portail.pdf.yml',
    ]);
    assert.deepEqual(await search(fx.app, 'fréquentation'), ['publications-bilan-2026-du-portail']);
    const page = await request(fx.app).get(`/api/resources/${res.body.id}`);
    assert.equal(page.body.resource.title, 'Bilan 2026 du portail');
    assert.equal(page.body.resource.owner, 'Équipe EIG Link');
    assert.equal(page.headers['etag'], `"${res.body.version}"`);
  });

  it('names the file from the title, never from the upload: a traversal name is stored under a slug', async () => {
    const fx = await fixture();
    const res = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', '../../x')
      .attach('file', Buffer.from('# Évasion\n\nTexte de la tentative.\n'), '../../../etc/x.md');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.path, 'x.md');
    assert.deepEqual((await storeState(fx.dir)).files, ['x.md']);
    await assert.rejects(fs.access(path.join(fx.dir, '..', '..', 'x.md')));
  });

  it('gives a second resource of the same title the next free name', async () => {
    const fx = await fixture();
    const first = await publishMarkdown(fx.app, 'Charte', 'Première charte.\n');
    const second = await publishMarkdown(fx.app, 'Charte', 'Seconde charte.\n');
    assert.equal(first.body.path, 'charte.md');
    assert.equal(second.body.path, 'charte-2.md');
  });
});

describe('refused writes leave the store as it was', () => {
  it('401 without a coordinator', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    const res = await request(fx.app)
      .post('/api/resources')
      .field('title', 'T')
      .field('markdown', 'x');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'unauthenticated');
    await assertUnchanged(fx, before);
  });

  it('401 when the app has no coordinator check at all: never open', async () => {
    const fx = await fixture({ requireCoordinator: null });
    const before = await storeState(fx.dir);
    const res = await publishMarkdown(fx.app, 'T', 'Texte.\n');
    assert.equal(res.status, 401);
    await assertUnchanged(fx, before);
  });

  it('403 on a shipped guide, with the reason', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    for (const req of [
      request(fx.app).put('/api/resources/guides-cadrage').set('If-Match', '*').field('title', 'X'),
      request(fx.app).delete('/api/resources/guides-cadrage'),
      request(fx.app).post('/api/resources/guides-cadrage/restore').send({ commit: 'abcd' }),
    ]) {
      const res = await req.set(coordinatorHeader, alice);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'forbidden');
      assert.match(
        res.body.error.message,
        /ce guide est livré avec Repères : proposez la modification dans le dépôt/i,
      );
    }
    await assertUnchanged(fx, before);
  });

  it('412 on a stale If-Match, 428 without one', async () => {
    const fx = await fixture();
    const created = await publishMarkdown(fx.app, 'Onboarding', 'Version une.\n');
    const edited = await request(fx.app)
      .put(`/api/resources/${created.body.id}`)
      .set(coordinatorHeader, alice)
      .set('If-Match', created.headers['etag'] as string)
      .field('markdown', 'Version deux.\n');
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const page = await request(fx.app).get(`/ressources/${created.body.id}`);
    assert.match(page.text, /Version deux\./, 'its page shows the new text');
    const before = await storeState(fx.dir);
    const stale = await request(fx.app)
      .put(`/api/resources/${created.body.id}`)
      .set(coordinatorHeader, alice)
      .set('If-Match', created.headers['etag'] as string)
      .field('markdown', 'Version trois.\n');
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'precondition_failed');
    const missing = await request(fx.app)
      .put(`/api/resources/${created.body.id}`)
      .set(coordinatorHeader, alice)
      .field('title', 'Sans version');
    assert.equal(missing.status, 428);
    await assertUnchanged(fx, before);
  });

  it('413 over MAX_FILE_BYTES', async () => {
    const fx = await fixture({ maxFileBytes: 2048 });
    const before = await storeState(fx.dir);
    const res = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Trop long')
      .attach('file', Buffer.from(`# Long\n\n${'mot '.repeat(1000)}`), 'long.md');
    assert.equal(res.status, 413, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'payload_too_large');
    await assertUnchanged(fx, before);
  });

  it('415 for a file that is neither a PDF nor UTF-8 Markdown', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const latin1 = Buffer.from('# R\xe9sum\xe9\n\nCaf\xe9.\n', 'latin1');
    for (const [bytes, name] of [
      [png, 'image.md'],
      [latin1, 'latin1.md'],
    ] as const) {
      const res = await request(fx.app)
        .post('/api/resources')
        .set(coordinatorHeader, alice)
        .field('title', 'Image')
        .attach('file', bytes, name);
      assert.equal(res.status, 415, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'unsupported_type');
    }
    await assertUnchanged(fx, before);
  });

  it("422 with the parser's reason for a corrupt PDF and for `---js` front matter", async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    const corrupt = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Rapport abîmé')
      .attach('file', Buffer.from('%PDF-1.7\nceci n’est pas un PDF\n%%EOF'), 'r.pdf');
    assert.equal(corrupt.status, 422, JSON.stringify(corrupt.body));
    assert.equal(corrupt.body.error.code, 'unprocessable');
    assert.match(corrupt.body.error.message, /PDF illisible/);
    const js = await publishMarkdown(
      fx.app,
      'Script',
      '---js\n{ title: require("fs") }\n---\n\nTexte.\n',
    );
    assert.equal(js.status, 422, JSON.stringify(js.body));
    assert.match(js.body.error.message, /front matter en langage « js » refusé/);
    await assertUnchanged(fx, before);
  });

  it('400 naming an unknown topic', async () => {
    const fx = await fixture();
    const before = await storeState(fx.dir);
    const res = await publishMarkdown(fx.app, 'T', 'Texte.\n').field('topics', 'inconnu');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.parameter, 'topics');
    await assertUnchanged(fx, before);
  });
});

describe('editing, retiring, history, restoring', () => {
  it('edits the title, retires, then restores from history; each a commit, search follows', async () => {
    const fx = await fixture();
    const created = await publishMarkdown(
      fx.app,
      'Recruter un designer',
      'Le designer de service rejoint l’équipe dès la phase de découverte.\n',
    );
    const { id } = created.body as { id: string };
    const renamed = await request(fx.app)
      .put(`/api/resources/${id}`)
      .set(coordinatorHeader, alice)
      .set('If-Match', created.headers['etag'] as string)
      .send({ title: 'Recruter une ou un designer' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.id, id);
    const page = await request(fx.app).get(`/api/resources/${id}`);
    assert.equal(page.body.resource.title, 'Recruter une ou un designer');
    assert.match(
      await fs.readFile(path.join(fx.dir, 'recruter-un-designer.md'), 'utf8'),
      /phase de découverte/,
    );

    const retired = await request(fx.app)
      .delete(`/api/resources/${id}`)
      .set(coordinatorHeader, alice);
    assert.equal(retired.status, 200, JSON.stringify(retired.body));
    assert.ok(!(await search(fx.app, 'phase de découverte designer')).includes(id));
    assert.deepEqual((await storeState(fx.dir)).files, []);

    const history = await request(fx.app)
      .get(`/api/resources/${id}/history`)
      .set(coordinatorHeader, alice);
    assert.equal(history.status, 200);
    const messages = (history.body.revisions as { message: string }[]).map((r) => r.message);
    assert.deepEqual(messages, [
      'Retrait de « Recruter une ou un designer »',
      'Modification de « Recruter une ou un designer » (métadonnées modifiées)',
      'Publication de « Recruter un designer »',
    ]);
    const restored = await request(fx.app)
      .post(`/api/resources/${id}/restore`)
      .set(coordinatorHeader, alice)
      .send({ commit: renamed.body.commit });
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.title, 'Recruter une ou un designer');
    assert.ok((await search(fx.app, 'phase de découverte designer')).includes(id));

    const audit = await request(fx.app)
      .get('/api/audit')
      .query({ limit: 2 })
      .set(coordinatorHeader, alice);
    assert.equal(audit.status, 200);
    assert.equal(audit.body.revisions.length, 2);
    assert.equal(audit.body.hasMore, true);
    assert.match(
      audit.body.revisions[0].message,
      /^Restauration de « Recruter une ou un designer » \(version [0-9a-f]{7}\)$/,
    );
  });

  it('replaces a PDF by a new one and keeps the id', async () => {
    const fx = await fixture();
    const created = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Feuille de route')
      .attach(
        'file',
        buildPdf({ pages: [['Feuille de route : jalons du premier trimestre']] }),
        'a.pdf',
      );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const replaced = await request(fx.app)
      .put(`/api/resources/${created.body.id}`)
      .set(coordinatorHeader, alice)
      .set('If-Match', created.headers['etag'] as string)
      .attach(
        'file',
        buildPdf({ pages: [['Feuille de route : jalons du second semestre']] }),
        'b.pdf',
      );
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.title, 'Feuille de route');
    assert.deepEqual(await search(fx.app, 'semestre'), [created.body.id]);
    assert.deepEqual(await search(fx.app, 'trimestre'), []);
  });
});

describe('two concurrent replaces of one resource', () => {
  it('one succeeds, the other gets 412; the file is one of the two whole versions', async () => {
    const fx = await fixture();
    const created = await publishMarkdown(fx.app, 'Concurrence', 'Version initiale.\n');
    const etag = created.headers['etag'] as string;
    const versions = ['A'.repeat(20_000), 'B'.repeat(20_000)].map(
      (body) => `# Version\n\n${body}\n`,
    );
    const answers = await Promise.all(
      versions.map((markdown) =>
        request(fx.app)
          .put(`/api/resources/${created.body.id}`)
          .set(coordinatorHeader, alice)
          .set('If-Match', etag)
          .field('markdown', markdown),
      ),
    );
    assert.deepEqual(answers.map((res) => res.status).sort(), [200, 412]);
    const text = await fs.readFile(path.join(fx.dir, 'concurrence.md'), 'utf8');
    const winner = answers.findIndex((res) => res.status === 200);
    assert.ok(text.endsWith(versions[winner] as string), 'the file is the winning version, whole');
    assert.equal((await storeState(fx.dir)).clean, true);
  });
});

describe('the write API and its OpenAPI document', () => {
  it('answers every write, success or error, in the documented shape', async () => {
    const fx = await fixture();
    const document = await request(fx.app).get('/api/openapi.json');
    const contract = apiContract(document.body);
    const check = (method: string, url: string, res: request.Response, status: number) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      contract.check(observed(method, url, res));
    };
    const created = await publishMarkdown(fx.app, 'Contrat', 'Texte du contrat.\n');
    check('POST', '/api/resources', created, 201);
    const url = `/api/resources/${created.body.id}`;
    const put = await request(fx.app)
      .put(url)
      .set(coordinatorHeader, alice)
      .set('If-Match', created.headers['etag'] as string)
      .send({ summary: 'Résumé.' });
    check('PUT', url, put, 200);
    check(
      'PUT',
      url,
      await request(fx.app).put(url).set(coordinatorHeader, alice).set('If-Match', '"x"').send({}),
      412,
    );
    check(
      'GET',
      `${url}/history`,
      await request(fx.app).get(`${url}/history`).set(coordinatorHeader, alice),
      200,
    );
    check(
      'GET',
      '/api/audit',
      await request(fx.app).get('/api/audit').set(coordinatorHeader, alice),
      200,
    );
    check('DELETE', url, await request(fx.app).delete(url).set(coordinatorHeader, alice), 200);
    const restore = await request(fx.app)
      .post(`${url}/restore`)
      .set(coordinatorHeader, alice)
      .send({ commit: put.body.commit });
    check('POST', `${url}/restore`, restore, 200);
    check('POST', '/api/resources', await request(fx.app).post('/api/resources').send({}), 401);
    check(
      'DELETE',
      '/api/resources/guides-cadrage',
      await request(fx.app).delete('/api/resources/guides-cadrage').set(coordinatorHeader, alice),
      403,
    );
  });
});
