import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import request from 'supertest';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import { searchSections } from '../../src/search/search-sections.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import {
  alice,
  coordinatorHeader,
  publishingApp,
  type PublishingFixture,
} from '../helpers/publishing.ts';
import { projectRoot } from '../helpers/service.ts';

/**
 * The result cache (SEARCH_CACHE_ENTRIES) on a real Meilisearch: a repeated search is
 * answered from memory, and no result from before a change of the indexes is served after
 * it, whoever made the change.
 */

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const guide = '# Cadrer un projet\n\nLe cadrage fixe le périmètre du produit avec les usagers.\n';

/** A publishing app over one guide; `checkSeconds`: SEARCH_CACHE_CHECK_SECONDS. */
async function fixture(
  checkSeconds: number,
): Promise<PublishingFixture & { prefix: string; guides: string }> {
  const { prefix } = uniqueIndexes('cache');
  prefixes.push(prefix);
  const guides = await contentFolder({ 'cadrage.md': guide }, 'guides');
  const summary = await sync(await pipelineDeps(client, prefix), [guides]);
  assert.deepEqual(summary.failed, []);
  const fx = await publishingApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    env: { SEARCH_CACHE_CHECK_SECONDS: String(checkSeconds) },
  });
  return { ...fx, prefix, guides };
}

async function search(
  app: PublishingFixture['app'],
  q: string,
): Promise<{ ids: string[]; queryId: string }> {
  const res = await request(app).get('/api/search').query({ q });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.body as { hits: { resourceId: string }[]; queryId: string };
  return { ids: body.hits.map((hit) => hit.resourceId), queryId: body.queryId };
}

/** Empties the sections index with the master key, as `npm run ingest` in another process would change it. */
async function writeFromElsewhere(prefix: string): Promise<void> {
  const task = await client.index(indexNames(prefix).sections).deleteAllDocuments().waitTask();
  assert.equal(task.status, 'succeeded');
}

describe('search result cache', () => {
  it('answers a repeated search from memory: a write by another process is not asked about before SEARCH_CACHE_CHECK_SECONDS', async () => {
    const fx = await fixture(3600);
    assert.deepEqual((await search(fx.app, 'périmètre')).ids, ['guides-cadrage']);
    await writeFromElsewhere(fx.prefix);
    // The same search: from the cache. Another one: from the engine, which holds nothing now.
    assert.deepEqual((await search(fx.app, 'périmètre')).ids, ['guides-cadrage']);
    assert.deepEqual((await search(fx.app, 'cadrage usagers')).ids, []);
  });

  it('sees a write by another process once SEARCH_CACHE_CHECK_SECONDS have passed', async () => {
    const fx = await fixture(1);
    assert.deepEqual((await search(fx.app, 'périmètre')).ids, ['guides-cadrage']);
    await writeFromElsewhere(fx.prefix);
    await sleep(1_500);
    assert.deepEqual((await search(fx.app, 'périmètre')).ids, []);
  });

  it('serves no stale result after a publication or a retirement: the same query finds the change at once, in the API and on the page', async () => {
    const fx = await fixture(3600);
    assert.deepEqual((await search(fx.app, 'SecNumCloud')).ids, []);
    const page = () => request(fx.app).get('/recherche').query({ q: 'SecNumCloud' });
    assert.doesNotMatch((await page()).text, /Héberger un service numérique/);

    const published = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Héberger un service numérique')
      .field('markdown', 'Le cloud qualifié SecNumCloud convient aux données sensibles.\n');
    assert.equal(published.status, 201, JSON.stringify(published.body));
    const { id } = published.body as { id: string };
    assert.deepEqual((await search(fx.app, 'SecNumCloud')).ids, [id]);
    assert.match((await page()).text, /Héberger un service numérique/);

    const retired = await request(fx.app)
      .delete(`/api/resources/${id}`)
      .set(coordinatorHeader, alice);
    assert.equal(retired.status, 200, JSON.stringify(retired.body));
    assert.deepEqual((await search(fx.app, 'SecNumCloud')).ids, []);
    assert.doesNotMatch((await page()).text, /Héberger un service numérique/);
  });

  it('serves no stale result after a re-ingestion of changed content', async () => {
    const fx = await fixture(3600);
    assert.deepEqual((await search(fx.app, 'sobriété')).ids, []);
    await fs.writeFile(
      path.join(fx.guides, 'cadrage.md'),
      `${guide}\nLa sobriété numérique se décide dès le cadrage.\n`,
    );
    const summary = await sync(await pipelineDeps(client, fx.prefix), [fx.guides]);
    assert.equal(summary.parsed, 1);
    assert.deepEqual((await search(fx.app, 'sobriété')).ids, ['guides-cadrage']);
  });

  it('gives every search its own queryId, those answered from memory too', async () => {
    const fx = await fixture(3600);
    const first = await search(fx.app, 'périmètre');
    await writeFromElsewhere(fx.prefix);
    const second = await search(fx.app, 'périmètre');
    // Still the result from before the write: this one came from the cache.
    assert.deepEqual(second.ids, ['guides-cadrage']);
    assert.notEqual(first.queryId, second.queryId);
  });

  it('asks for no facet counts when the caller shows none, and finds the same hits', async () => {
    const fx = await fixture(3600);
    const deps = { meili: client, indexes: indexNames(fx.prefix) };
    const taxonomy = await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml'));
    const query = searchQuerySchema(taxonomy).parse({ q: 'périmètre', type: 'guide' });
    const shown = await searchSections(deps, query);
    const hidden = await searchSections(deps, query, undefined, { facets: false });
    assert.deepEqual(shown.facets.type, { guide: 1 });
    assert.deepEqual(hidden.facets, {
      topics: {},
      type: {},
      promotion: {},
      organisation: {},
      skills: {},
    });
    assert.deepEqual(hidden.hits, shown.hits);
    assert.equal(hidden.total, shown.total);
  });
});
