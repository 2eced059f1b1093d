import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchQueries, formatLoad, loadRoute } from '../../bench/load.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnService, waitForStatus } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

/**
 * The service as `npm start` runs it, on the shipped guides, under 50 connections for 30 s
 * on each search route: every answer must be a 200. The figures are printed, not asserted.
 */

const { url, key, client } = testMeili();
const { prefix } = uniqueIndexes('load');
after(() => dropIndexes(client, prefix));

const CONNECTIONS = 50;
const SECONDS = 30;

describe(`${CONNECTIONS} connections for ${SECONDS} s on each search route`, () => {
  it('answers every request of /api/search and /recherche with a 200', async (t) => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-load-'));
    const unlimited = String(1_000_000);
    const service = await spawnService({
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_PREFIX: prefix,
      CONTENT_DIRS: 'guides',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // One client sends the whole load: the budgets are raised, as the bench does.
      API_RATE_LIMIT_PER_MINUTE: unlimited,
      SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: unlimited,
      PAGES_RATE_LIMIT_PER_MINUTE: unlimited,
    });
    // The service writes its search log until it stops: stop it before removing its folder
    // (stop is idempotent; the tracked process's own hook finds it stopped).
    after(async () => {
      await service.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    });
    await waitForStatus(`${service.url}/readyz`, 200);
    // With an external Meilisearch the first sync runs in the background: wait for it.
    const deadline = Date.now() + testTimeouts().readyMs;
    for (;;) {
      const response = await fetch(`${service.url}/api/resources?limit=1`);
      const body = (await response.json()) as { total?: number };
      if ((body.total ?? 0) > 0) break;
      assert.ok(Date.now() < deadline, 'the guides were not indexed in time');
      await sleep(500);
    }

    const queries = await benchQueries();
    // Only what the load itself logs (start-up is the readiness tests' business).
    const logBefore = service.output().length;
    for (const route of ['/api/search', '/recherche']) {
      const figures = await loadRoute({
        baseUrl: service.url,
        route,
        queries,
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      t.diagnostic(formatLoad(figures));
      assert.ok(figures.requests > 0, `${route}: no answer at all`);
      assert.equal(figures.errors, 0, `${route}: connection errors or timeouts`);
      assert.equal(figures.non2xx, 0, `${route}: answers other than 2xx`);
    }
    assert.doesNotMatch(service.output().slice(logBefore), /request failed/);
  });
});
