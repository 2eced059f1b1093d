import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type MultiSearchParams,
} from 'meilisearch';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { deriveSearchKey, ensureSearchKey, searchKeyUid } from '../../src/engine/search-key.ts';
import { settle } from '../../src/engine/tasks.ts';
import { isEngineUnreachable } from '../../src/errors.ts';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

/**
 * The service's searches go through their own connection pool (src/engine/meili-client.ts):
 * they must answer and fail exactly as the Meilisearch client's own requests do.
 */

const { client: master, url, key: masterKey } = testMeili();
const { prefix, names } = uniqueIndexes('client');
/** A server that accepts connections and never answers. */
let silent: http.Server;
let silentUrl: string;

before(async () => {
  await settle(
    master.index(names.sections).addDocuments(
      [
        { id: 's1', text: 'hébergement souverain des données' },
        { id: 's2', text: 'licence ouverte et logiciel libre' },
      ],
      { primaryKey: 'id' },
    ),
    'fixture',
  );
  silent = http.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
after(async () => {
  silent.closeAllConnections();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await master.deleteKey(searchKeyUid(prefix)).catch(() => undefined);
  await dropIndexes(master, prefix);
});

const params = (q: string): MultiSearchParams => ({
  queries: [{ indexUid: names.sections, q, attributesToHighlight: ['text'] }],
});

describe('the searches of the service (multiSearch)', () => {
  it('find what the client finds on its own path, highlighting included', async () => {
    const client = createMeiliClient({ url, apiKey: masterKey });
    const pooled = await client.multiSearch(params('hébergement'));
    // A request option sends it through the client's own fetch path.
    const own = await client.multiSearch(params('hébergement'), { headers: {} });
    assert.deepEqual(
      pooled.results.map((result) => result.hits),
      own.results.map((result) => result.hits),
    );
    assert.deepEqual(
      pooled.results[0]?.hits.map((hit) => hit.id),
      ['s1'],
    );
  });

  it('send the key: the search-only key searches its prefix, a wrong key is refused (403)', async () => {
    await ensureSearchKey(master, prefix);
    const service = createMeiliClient({ url, apiKey: deriveSearchKey(masterKey, prefix) });
    assert.equal((await service.multiSearch(params('licence'))).results[0]?.hits.length, 1);
    const stranger = createMeiliClient({ url, apiKey: 'not-a-key-of-this-engine' });
    await assert.rejects(
      stranger.multiSearch(params('licence')),
      (error) => error instanceof MeilisearchApiError && error.response?.status === 403,
    );
  });

  it('fail on a missing index with the engine’s code, as the client’s own errors', async () => {
    const client = createMeiliClient({ url, apiKey: masterKey });
    await assert.rejects(
      client.multiSearch({ queries: [{ indexUid: `${prefix}-nowhere`, q: 'x' }] }),
      (error) =>
        error instanceof MeilisearchApiError &&
        error.cause?.code === 'index_not_found' &&
        error.response?.status === 400,
    );
  });

  it('say the engine is unreachable when nothing listens', async () => {
    const client = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
    await assert.rejects(client.multiSearch(params('x')), (error) => {
      assert.ok(error instanceof MeilisearchRequestError);
      assert.equal(isEngineUnreachable(error), true);
      return true;
    });
  });

  it('time out after the client’s timeout when the engine does not answer', async () => {
    const client = createMeiliClient({ url: silentUrl, timeoutMs: 300 });
    await assert.rejects(client.multiSearch(params('x')), (error) => {
      assert.ok(error instanceof MeilisearchRequestError);
      assert.ok(error.cause instanceof MeilisearchRequestTimeOutError);
      assert.equal(isEngineUnreachable(error), true);
      return true;
    });
  });
});
