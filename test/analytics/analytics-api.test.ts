import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Analytics } from '../../src/analytics/analytics.ts';
import type { AnalyticsReport } from '../../src/analytics/analytics-response.ts';
import type { SearchLog } from '../../src/analytics/search-log.ts';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient, observed, type ApiContract } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { alice, coordinatorHeader, headerCoordinator } from '../helpers/publishing.ts';
import { searchFixtureFolder } from '../search/fixture-content.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('analytics');
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let contract: ApiContract;
let searchLog: SearchLog;
let analytics: Analytics;
let dataDir: string;

before(async () => {
  const dir = await searchFixtureFolder();
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  const built = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    deps: { requireCoordinator: headerCoordinator },
  });
  ({ app, searchLog, analytics, dataDir } = built);
  contract = (await contractClient(app)).contract;
});
after(() => dropIndexes(client, prefix));

/** A request checked against /api/openapi.json. */
function checked(test: request.Test, method: string, url: string): request.Test {
  return test.expect((res) => contract.check(observed(method, url, res)));
}

async function apiSearch(q: string): Promise<SearchResult> {
  const url = `/api/search?${new URLSearchParams({ q }).toString()}`;
  const response = await checked(request(app).get(url), 'GET', url).expect(200);
  return response.body as SearchResult;
}

function postEvent(body: unknown, type = 'application/json'): request.Test {
  return checked(
    request(app)
      .post('/api/events')
      .set('Content-Type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body)),
    'POST',
    '/api/events',
  );
}

async function report(days = 7): Promise<AnalyticsReport> {
  await Promise.all([searchLog.flushed(), analytics.clicks.flushed()]);
  const url = `/api/analytics?days=${days}`;
  const response = await checked(
    request(app).get(url).set(coordinatorHeader, alice),
    'GET',
    url,
  ).expect(200);
  return response.body as AnalyticsReport;
}

/** The no-JavaScript links of a results page: each goes through /aller. */
async function resultLinks(q: string): Promise<string[]> {
  const page = await request(app)
    .get(`/recherche?q=${encodeURIComponent(q)}`)
    .expect(200);
  return [...page.text.matchAll(/href="(\/aller\?[^"]+)"/g)].map(([, href]) =>
    (href ?? '').replaceAll('&amp;', '&'),
  );
}

describe('search analytics through the API and the pages', () => {
  it('counts searches and clicks made by the API, the beacon and the no-JS redirect', async () => {
    // API: a search and its click, reported as the beacon does (text/plain is what a string beacon sends).
    const api = await apiSearch('hébergement');
    assert.match(api.queryId ?? '', /^[0-9a-f-]{36}$/);
    const first = api.hits[0];
    assert.ok(first !== undefined);
    await postEvent(
      { type: 'click', queryId: api.queryId, resultId: first.id, url: first.url, rank: 1 },
      'text/plain',
    ).expect(204);

    // Results page without JavaScript: the link goes through /aller, then 303 to the result.
    const links = await resultLinks('Hébergements');
    assert.ok(links.length > 0, 'the results page links through /aller');
    const second = links[1] ?? links[0] ?? '';
    const redirect = await request(app).get(second).expect(303);
    const target = new URL(second, 'http://x').searchParams.get('vers');
    assert.equal(redirect.headers.location, target);
    assert.match(target ?? '', /^\/(ressources|api\/resources)\//);

    // Searches that find nothing, one from the API and one from the page.
    await apiSearch('xylophone quantique');
    await request(app).get('/recherche?q=Xylophones%20quantiques').expect(200);

    const result = await report();
    const hebergement = result.topQueries.find((q) => q.key === 'hebergement');
    assert.ok(hebergement !== undefined);
    assert.equal(hebergement.searches, 2);
    assert.equal(hebergement.clicks, 2);
    assert.equal(hebergement.clickThroughRate, 1);
    assert.equal(hebergement.meanClickedRank, (1 + (links[1] === undefined ? 1 : 2)) / 2);
    assert.deepEqual(
      result.zeroResultQueries.map((q) => [q.key, q.searches, q.handled]),
      [['xylophone quantique', 2, false]],
    );
    assert.equal(result.totals.searches, 4);
    assert.equal(result.totals.zeroResult, 2);
    assert.equal(result.totals.clicks, 2);
  });

  it('does not log searches made as you type, nor gives their links a redirect', async () => {
    const page = await request(app)
      .get('/recherche?q=secnumcloud')
      .set('X-Live-Search', '1')
      .expect(200);
    assert.doesNotMatch(page.text, /\/aller\?/);
    assert.match(page.text, /href="\/ressources\//);
  });

  it('keeps no address, agent nor cookie with a click', async () => {
    const api = await apiSearch('SecNumCloud');
    const response = await postEvent({
      type: 'click',
      queryId: api.queryId,
      url: '/ressources/contenu-heberger#secnumcloud',
      rank: 1,
    })
      .set('User-Agent', 'Navigateur-Test/1.0')
      .expect(204);
    assert.equal(response.headers['set-cookie'], undefined);
    await analytics.clicks.flushed();
    const lines = (await fs.readFile(path.join(dataDir, 'analytics/events.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(last).sort(), ['at', 'queryId', 'rank', 'type', 'url']);
    const mode = (await fs.stat(path.join(dataDir, 'analytics/events.jsonl'))).mode & 0o777;
    assert.equal(mode, 0o600);
  });

  it('marks a zero-result query as handled, by any of its spellings', async () => {
    await apiSearch('zythum artisanal');
    await checked(
      request(app)
        .post('/api/analytics/traitees')
        .set(coordinatorHeader, alice)
        .send({ query: 'Zythums artisanals' }),
      'POST',
      '/api/analytics/traitees',
    ).expect(200);
    const result = await report();
    const zythum = result.zeroResultQueries.find((q) => q.key === 'zythum artisanal');
    assert.equal(zythum?.handled, true);
    const mode = (await fs.stat(path.join(dataDir, 'analytics/requetes-traitees.json'))).mode;
    assert.equal(mode & 0o777, 0o600);
  });
});

describe('GET /aller', () => {
  const queryId = '6f1c2b1e-8a4b-4f7e-9d3a-2b8c1e5f7a90';
  const aller = (vers: string) =>
    `/aller?${new URLSearchParams({ vers, recherche: queryId, rang: '1' }).toString()}`;

  for (const [name, vers] of [
    ['another site', 'https://exemple.org/'],
    ['a protocol-relative address', '//exemple.org/'],
    ['a backslash that browsers read as a slash', '/\\exemple.org/'],
    ['a tab that browsers drop', '/\t/exemple.org/'],
    ['a script', 'javascript:alert(1)'],
  ] as const) {
    it(`refuses to redirect to ${name} (400, no Location)`, async () => {
      const response = await request(app).get(aller(vers)).expect(400);
      assert.equal(response.headers.location, undefined);
      assert.match(response.text, /adresse interne attendue/);
    });
  }

  it('refuses a click without the search id', async () => {
    await request(app).get('/aller?vers=%2Fressources%2Fx&rang=1').expect(400);
  });
});

describe('POST /api/events', () => {
  const queryId = '6f1c2b1e-8a4b-4f7e-9d3a-2b8c1e5f7a90';
  const good = { type: 'click', queryId, url: '/ressources/x', rank: 2 };

  for (const [name, body, parameter, message] of [
    ['an unknown type', { ...good, type: 'view' }, 'type', /type d’événement attendu/],
    ['a made-up search id', { ...good, queryId: '42' }, 'queryId', /identifiant de recherche/],
    [
      'an address on another site',
      { ...good, url: 'https://exemple.org' },
      'url',
      /adresse interne/,
    ],
    ['a rank of 0', { ...good, rank: 0 }, 'rank', /rang attendu/],
    ['an unknown field', { ...good, ip: '10.0.0.1' }, '', /ip/],
  ] as const) {
    it(`refuses ${name} with a 400 naming it`, async () => {
      const response = await postEvent(body).expect(400);
      const error = (
        response.body as { error: { code: string; message: string; parameter?: string } }
      ).error;
      assert.equal(error.code, 'invalid_parameter');
      assert.match(error.message, message);
      if (parameter !== '') assert.equal(error.parameter, parameter);
    });
  }

  it('refuses a body that is not JSON', async () => {
    const response = await postEvent('clic', 'text/plain').expect(400);
    assert.equal((response.body as { error: { code: string } }).error.code !== undefined, true);
  });
});

describe('GET /api/analytics', () => {
  it('refuses a period other than 7, 30 or 90 days', async () => {
    const url = '/api/analytics?days=12';
    const response = await checked(
      request(app).get(url).set(coordinatorHeader, alice),
      'GET',
      url,
    ).expect(400);
    assert.match(response.body.error.message, /7, 30 ou 90/);
  });

  it('is for coordinators only', async () => {
    const { app: closed } = await buildTestApp({ meili: client, prefix });
    await request(closed).get('/api/analytics').expect(401);
    await request(closed).post('/api/analytics/traitees').send({ query: 'x' }).expect(401);
  });
});
