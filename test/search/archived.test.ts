import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { ResourceListResponse } from '../../src/resources/resource-response.ts';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili } from '../helpers/meili.ts';
import { uniqueIndexes } from '../helpers/meili.ts';

/**
 * Archived content (a declared archive, a filled or closed offer, a passed expiry) stays
 * searchable, after current content, and never among « Ajouts récents ». Undated
 * resources come last in date order.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('archived');
const today = new Date('2026-11-26T10:00:00Z');

const page = (front: string, body: string) => `---\n${front}\n---\n\n${body}\n`;
const files = {
  'actuel.md': page(
    'title: Hébergement actuel\ndate: 2025-01-10',
    'Choisir un hébergement pour son service.',
  ),
  'bientot-expire.md': page(
    'title: Appel hébergement 2026\ndate: 2026-08-01\nexpires: 2026-12-01',
    'Un appel à projets sur l’hébergement.',
  ),
  'sans-date.md': page('title: Hébergement sans date', 'L’hébergement expliqué, sans date.'),
  'declare.md': page(
    'title: Ancien hébergement\ndate: 2026-10-01\narchived: true',
    'L’ancienne offre d’hébergement du ministère.',
  ),
  'offre-pourvue.md': page(
    'title: "[OFFRE POURVUE] Offre d’emploi hébergement"\ndate: 2026-09-01',
    'Nous recrutons pour l’hébergement.',
  ),
  'offre-close.md': page(
    'title: Offre de stage hébergement\ndate: 2018-11-01',
    'Un stage sur l’hébergement. Candidatures avant le 16 décembre 2018.',
  ),
};
const current = ['Appel hébergement 2026', 'Hébergement actuel', 'Hébergement sans date'];
const archived = [
  'Ancien hébergement',
  '[OFFRE POURVUE] Offre d’emploi hébergement',
  'Offre de stage hébergement',
];

let api: Awaited<ReturnType<typeof contractClient>>;
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let later: Awaited<ReturnType<typeof contractClient>>;

before(async () => {
  const dir = await contentFolder(files);
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  const built = await buildTestApp({ meili: client, prefix, contentDirs: [dir], now: () => today });
  app = built.app;
  api = await contractClient(built.app);
  // The same index, read a month later: the expiry has passed, nothing was ingested again.
  const nextYear = new Date('2027-01-05T10:00:00Z');
  const builtLater = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    now: () => nextYear,
  });
  later = await contractClient(builtLater.app);
});
after(() => dropIndexes(client, prefix));

async function search(client: typeof api, query: string): Promise<SearchResult> {
  return (await client.get(`/api/search?${query}`).expect(200)).body as SearchResult;
}
const titles = (result: SearchResult) => result.hits.map((hit) => hit.title);
const archivedTitles = (result: SearchResult) =>
  result.hits.filter((hit) => hit.archived).map((hit) => hit.title);

describe('archived content in search', () => {
  it('flags declared archives, filled offers and closed offers, and nothing else', async () => {
    const result = await search(api, 'q=hébergement');
    assert.equal(result.total, 6);
    assert.deepEqual(archivedTitles(result).sort(), [...archived].sort());
  });

  it('ranks every archived resource after every current one, by relevance', async () => {
    const result = await search(api, 'q=hébergement');
    assert.deepEqual(titles(result).slice(0, 3).sort(), [...current].sort());
    assert.deepEqual(titles(result).slice(3).sort(), [...archived].sort());
  });

  it('keeps archived resources after current ones across pages', async () => {
    const first = await search(api, 'q=hébergement&limit=2&page=2');
    const second = await search(api, 'q=hébergement&limit=2&page=3');
    assert.equal(first.hits.filter((hit) => !hit.archived).length, 1);
    assert.equal(
      second.hits.every((hit) => hit.archived),
      true,
    );
    assert.equal(first.total, 6);
  });

  it('archives a resource once its expiry date has passed, without ingesting it again', async () => {
    const result = await search(later, 'q=hébergement');
    assert.deepEqual(archivedTitles(result).sort(), [...archived, 'Appel hébergement 2026'].sort());
    assert.deepEqual(titles(result).slice(0, 2).sort(), [
      'Hébergement actuel',
      'Hébergement sans date',
    ]);
  });

  /** By date: newest first, undated last, archived after current. */
  const newestFirst = [
    'Appel hébergement 2026',
    'Hébergement actuel',
    'Hébergement sans date',
    'Ancien hébergement',
    '[OFFRE POURVUE] Offre d’emploi hébergement',
    'Offre de stage hébergement',
  ];

  it('sorts by date on demand: newest first, undated last, archived after current', async () => {
    const result = await search(api, 'q=hébergement&sort=date');
    assert.equal(result.sort, 'date');
    assert.deepEqual(titles(result), newestFirst);
  });

  it('browses without words newest first, undated last, archived after current', async () => {
    const result = await search(api, 'q=');
    assert.deepEqual(titles(result), newestFirst);
  });

  it('refuses an unknown order, naming the parameter', async () => {
    const response = await api.get('/api/search?q=x&sort=popularite').expect(400);
    const body = response.body as { error: { message: string } };
    assert.match(body.error.message, /sort/);
    assert.match(body.error.message, /pertinence ou date/);
  });
});

describe('archived content in lists', () => {
  it('lists resources newest first, undated last, archived after current', async () => {
    const response = await api.get('/api/resources').expect(200);
    const list = response.body as ResourceListResponse;
    assert.deepEqual(
      list.resources.map((resource) => [resource.title, resource.archived]),
      [
        ['Appel hébergement 2026', false],
        ['Hébergement actuel', false],
        ['Hébergement sans date', false],
        ['Ancien hébergement', true],
        ['[OFFRE POURVUE] Offre d’emploi hébergement', true],
        ['Offre de stage hébergement', true],
      ],
    );
    assert.deepEqual(list.resources[5]?.archive, { reason: 'offer-closes', date: '2018-12-16' });
  });

  it('never shows archived resources in « Ajouts récents »', async () => {
    const { text } = await request(app).get('/').expect(200);
    for (const title of current) assert.ok(text.includes(escape(title)), title);
    for (const title of archived) assert.ok(!text.includes(escape(title)), title);
  });
});

describe('archived content in pages', () => {
  it('marks archived hits with a badge « Archivé »', async () => {
    const { text } = await request(app).get('/recherche?q=h%C3%A9bergement').expect(200);
    assert.equal(text.match(/rp-archived-badge/g)?.length, 3);
  });

  it('says on an archived page why it is archived', async () => {
    const hit = (await search(api, 'q=stage')).hits.find(
      (one) => one.title === 'Offre de stage hébergement',
    );
    assert.ok(hit !== undefined);
    const { text } = await request(app).get(`/ressources/${hit.resourceId}`).expect(200);
    assert.match(text, /Contenu archivé/);
    assert.match(
      text,
      /Les candidatures à cette offre étaient ouvertes jusqu’au 16 décembre 2018\./,
    );
    assert.match(text, /rp-archived-badge/);
  });

  it('shows no notice on a current page', async () => {
    const hit = (await search(api, 'q=actuel')).hits[0];
    assert.equal(hit?.title, 'Hébergement actuel');
    const { text } = await request(app).get(`/ressources/${hit.resourceId}`).expect(200);
    assert.doesNotMatch(text, /Contenu archivé|rp-archived-badge/);
  });

  it('offers « Trier par » as a form that works without JavaScript, keeping words and filters', async () => {
    const { text } = await request(app)
      .get('/recherche?q=h%C3%A9bergement&type=guide&sort=date')
      .expect(200);
    const form = /<form class="rp-sort[^"]*"[^>]*>[\s\S]*?<\/form>/.exec(text)?.[0] ?? '';
    assert.match(form, /action="\/recherche" method="get"/);
    assert.match(form, /<input type="hidden" name="q" value="hébergement"/);
    assert.match(form, /<input type="hidden" name="type" value="guide"/);
    assert.match(form, /<select class="fr-select" id="rp-sort" name="sort">/);
    assert.match(form, /<option value="date" selected>/);
    assert.match(form, /<button class="fr-btn[^"]*" type="submit">Trier<\/button>/);
    // The search bar keeps the order when the words change.
    assert.match(text, /<input type="hidden" name="sort" value="date"/);
  });
});

/** A title as Preact writes it in HTML. */
function escape(title: string): string {
  return title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
