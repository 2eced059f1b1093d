import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { aggregateSearches } from '../../src/analytics/aggregate.ts';
import type { Analytics } from '../../src/analytics/analytics.ts';
import type { AnalyticsReport } from '../../src/analytics/analytics-response.ts';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient, observed, type ApiContract } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { alice, coordinatorHeader, headerCoordinator } from '../helpers/publishing.ts';
import { searchFixtureFolder } from '../search/fixture-content.ts';
import { feedbackLines as readFeedbackLines } from '../helpers/feedback-log.ts';

/**
 * « Cette page vous a-t-elle été utile ? »: answered by the page's beacon (`POST /api/events`)
 * or its form (`POST /avis`), kept in the events log with nothing about the person, and
 * counted for the coordinators per page, the most « non » first.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('feedback');
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let analytics: Analytics;
let dataDir: string;
let contract: ApiContract;

const page = '/ressources/contenu-heberger';
const otherPage = '/ressources/contenu-publier-libre';

before(async () => {
  const dir = await searchFixtureFolder();
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  ({ app, analytics, dataDir } = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    deps: { requireCoordinator: headerCoordinator },
  }));
  contract = (await contractClient(app)).contract;
});
after(() => dropIndexes(client, prefix));

function postEvent(body: unknown, type = 'application/json'): request.Test {
  return request(app)
    .post('/api/events')
    .set('Content-Type', type)
    .send(typeof body === 'string' ? body : JSON.stringify(body))
    .expect((res) => contract.check(observed('POST', '/api/events', res)));
}

/** The form as a browser sends it from the page itself. */
function postForm(fields: Record<string, string>): request.Test {
  return request(app)
    .post('/avis')
    .set('Sec-Fetch-Site', 'same-origin')
    .type('form')
    .send(new URLSearchParams(fields).toString());
}

/** The answers recorded so far. */
const feedbackLines = () => readFeedbackLines(analytics, dataDir);

/** The title a resource page shows in its `<h1>`. */
async function titleOf(page: string): Promise<string> {
  const html = (await request(app).get(page).expect(200)).text;
  const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1];
  assert.ok(title, `${page} has a title`);
  return title;
}

async function report(): Promise<AnalyticsReport> {
  await analytics.feedback.flushed();
  const response = await request(app)
    .get('/api/analytics?days=7')
    .set(coordinatorHeader, alice)
    .expect(200)
    .expect((res) => contract.check(observed('GET', '/api/analytics?days=7', res)));
  return response.body as AnalyticsReport;
}

describe('a resource page asks whether it was useful', () => {
  it('ends with a yes/no form that posts to /avis the page’s own address', async () => {
    const response = await request(app).get(`${page}?q=h%C3%A9bergement`).expect(200);
    assert.match(response.text, /Cette page vous a-t-elle été utile\u00a0\?/);
    assert.match(response.text, /<form method="post" action="\/avis"/);
    assert.match(
      response.text,
      /name="page" value="\/ressources\/contenu-heberger\?q=h%C3%A9bergement"/,
    );
    assert.match(response.text, /name="reponse" value="oui"/);
    assert.match(response.text, /name="reponse" value="non"/);
    assert.match(response.text, /role="status" aria-live="polite"/);
    assert.match(response.text, /page-feedback\.js/);
    // Nothing is asked nor set for an anonymous reader.
    assert.equal(response.headers['set-cookie'], undefined);
  });
});

describe('POST /avis (the form, without JavaScript)', () => {
  it('records the page and the answer, then comes back to the page (303) with its thanks', async () => {
    const before = (await feedbackLines()).length;
    const response = await postForm({ page: `${page}?q=h%C3%A9bergement`, reponse: 'non' })
      .set('User-Agent', 'Navigateur-Test/1.0')
      .expect(303);
    assert.equal(response.headers.location, `${page}?q=h%C3%A9bergement&avis=merci#avis`);
    assert.equal(response.headers['set-cookie'], undefined);
    const lines = await feedbackLines();
    assert.equal(lines.length, before + 1);
    const last = lines.at(-1);
    // The page without its query, the answer, the time: no address, agent nor cookie.
    assert.deepEqual(Object.keys(last ?? {}).sort(), ['answer', 'at', 'type', 'url']);
    assert.equal(last?.url, page);
    assert.equal(last?.answer, 'non');

    const back = await request(app)
      .get(response.headers.location ?? '')
      .expect(200);
    assert.match(back.text, /Merci pour votre retour\./);
    assert.doesNotMatch(back.text, /action="\/avis"/);
  });

  for (const [name, fields, message] of [
    ['an answer other than oui or non', { page, reponse: 'peut-être' }, /« oui » ou « non »/],
    ['no answer', { page }, /« oui » ou « non »/],
    ['another site', { page: 'https://exemple.org/', reponse: 'oui' }, /page attendue/],
    ['a page that is not a resource', { page: '/recherche?q=x', reponse: 'oui' }, /page attendue/],
  ] as const) {
    it(`refuses ${name} with a 400 page that says why, and records nothing`, async () => {
      const before = (await feedbackLines()).length;
      const response = await postForm(fields).expect(400);
      assert.match(response.text, message);
      assert.equal(response.headers.location, undefined);
      assert.equal((await feedbackLines()).length, before);
    });
  }

  it('refuses (403) a post another site makes the browser send, and records nothing', async () => {
    const before = (await feedbackLines()).length;
    await request(app)
      .post('/avis')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send(`page=${encodeURIComponent(page)}&reponse=non`)
      .expect(403);
    await request(app)
      .post('/avis')
      .set('Origin', 'https://exemple.org')
      .type('form')
      .send(`page=${encodeURIComponent(page)}&reponse=non`)
      .expect(403);
    assert.equal((await feedbackLines()).length, before);
  });
});

describe('POST /api/events with a feedback (the page’s script)', () => {
  it('records it (204) as the beacon sends it, without query nor fragment', async () => {
    const before = (await feedbackLines()).length;
    await postEvent(
      { type: 'feedback', url: `${otherPage}?q=licence#choisir`, answer: 'oui' },
      'text/plain',
    ).expect(204);
    const lines = await feedbackLines();
    assert.equal(lines.length, before + 1);
    assert.equal(lines.at(-1)?.url, otherPage);
    assert.equal(lines.at(-1)?.answer, 'oui');
  });

  const good = { type: 'feedback', url: page, answer: 'oui' };
  for (const [name, body, parameter, message] of [
    ['an answer other than oui or non', { ...good, answer: 'bof' }, 'answer', /« oui » ou « non »/],
    [
      'an address on another site',
      { ...good, url: 'https://exemple.org/' },
      'url',
      /page attendue/,
    ],
    ['a page that is not a resource', { ...good, url: '/coordination' }, 'url', /page attendue/],
    ['an unknown field', { ...good, ip: '10.0.0.1' }, '', /ip/],
    ['an unknown type', { ...good, type: 'avis' }, 'type', /« click » ou « feedback »/],
  ] as const) {
    it(`refuses ${name} with a 400 in French naming it`, async () => {
      const response = await postEvent(body).expect(400);
      const error = (
        response.body as { error: { code: string; message: string; parameter?: string } }
      ).error;
      assert.equal(error.code, 'invalid_parameter');
      assert.match(error.message, message);
      if (parameter !== '') assert.equal(error.parameter, parameter);
    });
  }
});

describe('the coordinators’ view of the answers', () => {
  it('counts yes and no per page, the most « non » first, on the page, in its CSV and in the API', async () => {
    // A fresh start for the figures: this test's own answers, on top of the earlier ones.
    const start = await report();
    const startOf = (url: string) =>
      start.feedback.find((row) => row.url === url) ?? { yes: 0, no: 0 };
    const [heberger, libre] = [startOf(page), startOf(otherPage)];
    for (const answer of ['non', 'non', 'oui'])
      await postEvent({ type: 'feedback', url: page, answer }).expect(204);
    for (const answer of ['non', 'oui', 'oui', 'oui'])
      await postForm({ page: otherPage, reponse: answer }).expect(303);

    const result = await report();
    const rows = new Map(result.feedback.map((row) => [row.url, row]));
    assert.deepEqual(
      { yes: rows.get(page)?.yes, no: rows.get(page)?.no },
      { yes: heberger.yes + 1, no: heberger.no + 2 },
    );
    assert.deepEqual(
      { yes: rows.get(otherPage)?.yes, no: rows.get(otherPage)?.no },
      { yes: libre.yes + 3, no: libre.no + 1 },
    );
    const expectedNo = heberger.no + 2;
    assert.equal(rows.get(page)?.noRate, expectedNo / (expectedNo + heberger.yes + 1));
    assert.equal(result.feedback[0]?.url, page, 'the page with the most « non » comes first');
    assert.equal(result.totals.feedbackNo, start.totals.feedbackNo + 3);
    assert.equal(result.totals.feedbackYes, start.totals.feedbackYes + 4);

    const html = (
      await request(app)
        .get('/coordination/recherches?jours=7')
        .set(coordinatorHeader, alice)
        .expect(200)
    ).text;
    const table = /data-table="avis"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    assert.match(table, /<caption>Pages jugées les moins utiles<\/caption>/);
    const cells = [...table.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map(([, cell]) => cell);
    const heading = cells.indexOf(page);
    assert.ok(heading > 0, 'the page has a row');
    // The resource's title first, then its address.
    assert.deepEqual(cells.slice(heading - 1, heading + 3), [
      await titleOf(page),
      page,
      String(heberger.no + 2),
      String(heberger.yes + 1),
    ]);

    const csv = await request(app)
      .get('/coordination/recherches.csv?table=avis&jours=7')
      .set(coordinatorHeader, alice)
      .expect(200);
    const lines = csv.text.slice(1).split('\r\n');
    assert.equal(lines[0], 'Page;Adresse;Non;Oui;Part de « non »');
    const otherTitle = await titleOf(otherPage);
    assert.ok(
      lines.some((line) =>
        line.startsWith(`${otherTitle};${otherPage};${libre.no + 1};${libre.yes + 3};`),
      ),
      csv.text,
    );
  });
});

describe('aggregateSearches with feedback lines', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('counts the answers of the window only, and skips lines that are not answers', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-feedback-'));
    const answer = (at: string, url: string, value: string) =>
      JSON.stringify({ at, type: 'feedback', url, answer: value });
    await fs.writeFile(
      path.join(dir, 'events.jsonl'),
      [
        answer('2026-11-25T10:00:00.000Z', '/ressources/a', 'oui'),
        answer('2026-11-25T10:01:00.000Z', '/ressources/a', 'non'),
        answer('2026-11-26T09:00:00.000Z', '/ressources/b', 'non'),
        answer('2026-11-26T09:01:00.000Z', '/ressources/b', 'non'),
        // Before the window, and an answer nobody can give: not counted.
        answer('2026-10-01T09:00:00.000Z', '/ressources/a', 'non'),
        answer('2026-11-26T09:02:00.000Z', '/ressources/a', 'bof'),
        '{"at":"2026-11-26T09:03:00.000Z","type":"feedback"',
        '',
      ].join('\n'),
    );
    const result = await aggregateSearches({ dir, days: 7, now });
    assert.deepEqual(result.feedback, [
      { url: '/ressources/b', yes: 0, no: 2, noRate: 1 },
      { url: '/ressources/a', yes: 1, no: 1, noRate: 0.5 },
    ]);
    assert.equal(result.totals.feedbackYes, 1);
    assert.equal(result.totals.feedbackNo, 3);
    assert.equal(result.totals.clicks, 0);
  });
});

describe('POST /avis is rate-limited like the events', () => {
  it('answers 429 past API_RATE_LIMIT_PER_MINUTE', async () => {
    // No search engine is needed to take an answer.
    const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
    const { app: limited } = await buildTestApp({
      meili: dead,
      prefix: 'feedback-limit',
      env: { API_RATE_LIMIT_PER_MINUTE: '2' },
    });
    const send = () =>
      request(limited)
        .post('/avis')
        .type('form')
        .send(`page=${encodeURIComponent(page)}&reponse=oui`);
    await send().expect(303);
    await send().expect(303);
    await send().expect(429);
  });
});
