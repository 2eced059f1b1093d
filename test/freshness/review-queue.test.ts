import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { createAnalytics, type Analytics } from '../../src/analytics/analytics.ts';
import { brokenLinksFile, writeBrokenLinks } from '../../src/freshness/broken-links.ts';
import { contractClient } from '../helpers/api-contract.ts';
import {
  coordinationApp,
  signInAsLocalCoordinator,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, silentLogger, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { storeState } from '../helpers/publishing.ts';

/**
 * Freshness through HTTP on a real index and a real git store, on a fixed day
 * (26 November 2026): a guide reviewed 13 months ago is « À revoir » in results and on its
 * page and heads the queue; a défi never is; « Marquer comme relu » commits the date and
 * takes the resource out of the queue.
 */

const { client } = testMeili();
const folder = temporaryFolders('review-queue');
const { prefix } = uniqueIndexes('review');
after(() => dropIndexes(client, prefix));

const today = new Date('2026-11-26T12:00:00Z');

const guide = (title: string, reviewed: string, body: string) =>
  `---\ntitle: ${title}\nowner: Équipe EIG Link\nreviewed: ${reviewed}\n---\n\n# ${title}\n\n${body}\n`;

let fx: CoordinationFixture;
let dataDir: string;
let analytics: Analytics;

before(async () => {
  const guides = await contentFolder(
    {
      'hebergement-ancien.md': guide(
        'Héberger un service en 2025',
        '2025-10-20',
        'Le cloud souverain et la qualification SecNumCloud pour héberger un service public.',
      ),
      // Overdue as well, by a few days less: the same month, so the more read goes first.
      'securite-ancienne.md': guide(
        'Sécuriser un service en 2025',
        '2025-10-25',
        'L’homologation de sécurité d’un service public, étape par étape.',
      ),
      'hebergement-frais.md': guide(
        'Héberger un service aujourd’hui',
        '2026-11-16',
        'Le cloud souverain et la qualification SecNumCloud, revus cette semaine.',
      ),
      'defi-nuage.md':
        '---\nlayout: defi\ntitle: Nuage souverain\ndate: 2017-01-15\n---\n\nLe défi : un cloud souverain pour héberger les services de l’État.\n',
    },
    'guides',
  );
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  dataDir = await folder();
  analytics = createAnalytics({
    dir: path.join(dataDir, 'analytics'),
    maxBytes: 1_000_000,
    logger: silentLogger,
  });
  fx = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
    env: { DATA_DIR: dataDir },
    deps: { now: () => today, analytics },
  });
});

/** An agent signed in as the local coordinator, and its anti-forgery token. */
const signIn = () => signInAsLocalCoordinator(fx);

/** The `<li class="rp-hit">` of the hit titled `title` on a results page. */
function hitOf(html: string, title: string): string {
  const hits = html.split('<li class="rp-hit').slice(1);
  const hit = hits.find((item) => item.includes(`>${title}</a>`));
  assert.ok(hit, `a hit titled « ${title} »`);
  return hit;
}

async function resourceIdOf(title: string): Promise<string> {
  const res = await request(fx.app).get('/api/resources?limit=50').expect(200);
  const found = (res.body as { resources: { id: string; title: string }[] }).resources.find(
    (resource) => resource.title === title,
  );
  assert.ok(found, `a resource titled « ${title} »`);
  return found.id;
}

describe('freshness › in results and on resource pages', () => {
  it('a guide reviewed 13 months ago shows « À revoir » in results; a fresh one says when and by whom it was reviewed', async () => {
    const html = (await request(fx.app).get('/recherche?q=cloud+souverain').expect(200)).text;
    const old = hitOf(html, 'Héberger un service en 2025');
    assert.match(old, /À revoir/);
    assert.match(old, /Relu le 20 octobre 2025 par Équipe EIG Link/);
    const fresh = hitOf(html, 'Héberger un service aujourd’hui');
    assert.doesNotMatch(fresh, /À revoir/);
    assert.match(fresh, /Relu le 16 novembre 2026 par Équipe EIG Link/);
  });

  it('a défi, written in 2017, is never « À revoir »', async () => {
    const html = (await request(fx.app).get('/recherche?q=cloud+souverain').expect(200)).text;
    assert.doesNotMatch(hitOf(html, 'Nuage souverain'), /À revoir/);
    const page = await request(fx.app)
      .get(`/ressources/${await resourceIdOf('Nuage souverain')}`)
      .expect(200);
    assert.doesNotMatch(page.text, /À revoir|Contenu à revoir/);
  });

  it('the stale guide’s page carries the badge and a warning notice with its due date', async () => {
    const page = await request(fx.app)
      .get(`/ressources/${await resourceIdOf('Héberger un service en 2025')}`)
      .expect(200);
    assert.match(page.text, /fr-badge--warning[^>]*>À revoir/);
    assert.match(page.text, /fr-alert--warning/);
    assert.match(page.text, /Sa relecture était prévue le 20 octobre 2026/);
    assert.match(page.text, /Relu le 20 octobre 2025 par Équipe EIG Link/);
  });

  it('the search API carries `owner` and `reviewed` on hits', async () => {
    const res = await request(fx.app).get('/api/search?q=cloud+souverain').expect(200);
    const hit = (
      res.body as { hits: { title: string; owner?: string; reviewed?: string }[] }
    ).hits.find((item) => item.title === 'Héberger un service en 2025');
    assert.equal(hit?.owner, 'Équipe EIG Link');
    assert.equal(hit?.reviewed, '2025-10-20');
  });
});

describe('freshness › the review queue', () => {
  it('GET /api/review-queue without a coordinator › 401', async () => {
    await request(fx.app).get('/api/review-queue').expect(401);
  });

  it('the guide reviewed 13 months ago is first; the fresh guide and the défi are absent; the answer matches the OpenAPI schema', async () => {
    const { agent } = await signIn();
    const { contract } = await contractClient(fx.app);
    const res = await agent.get('/api/review-queue').expect(200);
    contract.check({
      method: 'GET',
      url: '/api/review-queue',
      status: res.status,
      contentType: res.headers['content-type'],
      body: res.body as unknown,
    });
    const { items } = res.body as {
      items: { kind: string; title: string; overdueDays?: number }[];
    };
    assert.equal(items[0]?.title, 'Héberger un service en 2025');
    assert.equal(items[0]?.kind, 'review');
    assert.equal(items[0]?.overdueDays, 37);
    const titles = items.map((item) => item.title);
    assert.ok(!titles.includes('Héberger un service aujourd’hui'));
    assert.ok(!titles.includes('Nuage souverain'));
  });

  it('the page lists it first; a shipped guide has no button, the page says to review it in the repository', async () => {
    const { agent } = await signIn();
    const html = (await agent.get('/coordination/a-revoir').expect(200)).text;
    const rows = html.split('<tr data-resource=').slice(1);
    assert.match(rows[0] ?? '', /Héberger un service en 2025/);
    assert.match(rows[0] ?? '', /En retard de 37 jours/);
    assert.match(rows[0] ?? '', /Guide livré : à relire dans le dépôt/);
    assert.doesNotMatch(html, /Nuage souverain/);
  });

  it('« Marquer comme relu » on a shipped guide › 403, said on the page, nothing committed', async () => {
    const { agent, token } = await signIn();
    const id = await resourceIdOf('Héberger un service en 2025');
    const before = await storeState(fx.dir);
    const res = await agent
      .post(`/coordination/a-revoir/${id}/relu`)
      .type('form')
      .send({ _csrf: token })
      .expect(403);
    assert.match(res.text, /livré avec Repères/);
    assert.deepEqual(await storeState(fx.dir), before);
  });

  it('a broken link the link check reported joins the queue, with where it stands', async () => {
    const id = await resourceIdOf('Héberger un service aujourd’hui');
    const file = brokenLinksFile(dataDir);
    await writeBrokenLinks(file, {
      checkedAt: '2026-11-25T03:00:00.000Z',
      links: [
        {
          resourceId: id,
          href: 'https://example.invalid/secnumcloud',
          anchor: 'heberger-un-service-aujourdhui',
          failure: { kind: 'status', status: 404 },
          checkedAt: '2026-11-25T03:00:00.000Z',
        },
      ],
    });
    try {
      const { agent } = await signIn();
      const res = await agent.get('/api/review-queue').expect(200);
      const { items } = res.body as { items: { kind: string; resourceId: string }[] };
      assert.deepEqual(
        items.map((item) => item.kind),
        ['review', 'review', 'broken-link'],
        'overdue reviews first, then broken links',
      );
      assert.equal(items[2]?.resourceId, id);
      const html = (await agent.get('/coordination/a-revoir').expect(200)).text;
      assert.match(html, /https:\/\/example\.invalid\/secnumcloud/);
      assert.match(html, /Erreur HTTP 404/);
      assert.match(html, new RegExp(`href="/ressources/${id}#heberger-un-service-aujourdhui"`));
    } finally {
      await fs.rm(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('within the same month overdue, the resource opened most often from results comes first', async () => {
    const { agent } = await signIn();
    const queue = async () =>
      (
        (await agent.get('/api/review-queue').expect(200)).body as { items: { title: string }[] }
      ).items
        .map((item) => item.title)
        .filter((title) => title.endsWith('en 2025'));
    assert.deepEqual(await queue(), [
      'Héberger un service en 2025',
      'Sécuriser un service en 2025',
    ]);
    const search = await request(fx.app).get('/api/search?q=homologation').expect(200);
    const { queryId } = search.body as { queryId: string };
    const id = await resourceIdOf('Sécuriser un service en 2025');
    for (const rank of [1, 1]) {
      await request(fx.app)
        .post('/api/events')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ type: 'click', queryId, url: `/ressources/${id}`, rank }))
        .expect(204);
    }
    await analytics.clicks.flushed();
    assert.deepEqual(await queue(), [
      'Sécuriser un service en 2025',
      'Héberger un service en 2025',
    ]);
  });
});

describe('freshness › « Marquer comme relu » on a published resource', () => {
  it('commits today’s date in its front matter and takes it out of the queue', async () => {
    const { agent, token } = await signIn();
    // Published from the workspace with a review 13 months old.
    const published = await agent
      .post(`/coordination/publier?_csrf=${encodeURIComponent(token)}`)
      .field('title', 'Homologuer un service')
      .field('owner', 'Équipe EIG Link')
      .field('reviewed', '2025-10-01')
      .field('markdown', '## Le dossier\n\nLe dossier d’homologation de sécurité, pièce à pièce.\n')
      .field('action', 'enregistrer')
      .expect(303);
    const id =
      new URL(published.headers['location'] ?? '', 'http://x').searchParams.get('ressource') ?? '';
    const queued = (await agent.get('/coordination/a-revoir').expect(200)).text;
    assert.match(queued, new RegExp(`action="/coordination/a-revoir/${id}/relu"`));

    const before = await storeState(fx.dir);
    await agent
      .post(`/coordination/a-revoir/${id}/relu`)
      .type('form')
      .send({ _csrf: token })
      .expect(303)
      .expect('Location', `/coordination/a-revoir?relu=${id}`);

    const after = await storeState(fx.dir);
    assert.notEqual(after.head, before.head, 'one new commit');
    assert.ok(after.clean);
    const history = await agent.get(`/api/resources/${id}/history`).expect(200);
    const [last] = (history.body as { revisions: { message: string }[] }).revisions;
    assert.match(last?.message ?? '', /^Relecture de « Homologuer un service » \(2026-11-26\)/);
    const file = await fs.readFile(path.join(fx.dir, 'homologuer-un-service.md'), 'utf8');
    assert.match(file, /reviewed: 2026-11-26/);
    assert.match(file, /Le dossier d’homologation de sécurité/);

    const done = (await agent.get(`/coordination/a-revoir?relu=${id}`).expect(200)).text;
    assert.match(done, /Relecture enregistrée/);
    assert.doesNotMatch(done, /Homologuer un service/);
    const page = await request(fx.app).get(`/ressources/${id}`).expect(200);
    assert.match(page.text, /Relu le 26 novembre 2026 par Équipe EIG Link/);
    assert.doesNotMatch(page.text, /Contenu à revoir/);
  });

  it('without its anti-forgery token › 403 and nothing committed', async () => {
    const { agent } = await signIn();
    const before = await storeState(fx.dir);
    await agent
      .post('/coordination/a-revoir/publications-homologuer-un-service/relu')
      .type('form')
      .send({})
      .expect(403);
    assert.deepEqual(await storeState(fx.dir), before);
  });
});
