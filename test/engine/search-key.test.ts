import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MeilisearchApiError } from 'meilisearch';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { deriveSearchKey, ensureSearchKey, searchKeyUid } from '../../src/engine/search-key.ts';
import { settle } from '../../src/engine/tasks.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client: master, url, key: masterKey } = testMeili();
const { prefix } = uniqueIndexes('key');
const other = uniqueIndexes('key');
after(async () => {
  await master.deleteKey(searchKeyUid(prefix)).catch(() => undefined);
  await dropIndexes(master, prefix);
  await dropIndexes(master, other.prefix);
});

function status(error: unknown): number | undefined {
  return error instanceof MeilisearchApiError ? error.response?.status : undefined;
}

describe('the search-only key of the service', () => {
  it('is the key Meilisearch registers, computed the same way on every start', async () => {
    const registered = await ensureSearchKey(master, prefix);
    assert.equal(registered, deriveSearchKey(masterKey, prefix));
    assert.equal(await ensureSearchKey(master, prefix), registered);
  });

  it('searches and reads its prefix’s indexes, and Meilisearch refuses its writes (403)', async () => {
    const sections = `${prefix}-sections`;
    await settle(
      master.index(sections).addDocuments([{ id: 's1', text: 'hébergement souverain' }], {
        primaryKey: 'id',
      }),
      'fixture',
    );
    await settle(
      master.index(`${other.prefix}-sections`).addDocuments([{ id: 'x' }], { primaryKey: 'id' }),
      'fixture',
    );
    const service = createMeiliClient({ url, apiKey: deriveSearchKey(masterKey, prefix) });

    const found = await service.index(sections).search('hébergement');
    assert.deepEqual(
      found.hits.map((hit) => hit.id),
      ['s1'],
    );
    assert.equal((await service.index(sections).getDocument('s1')).id, 's1');

    await assert.rejects(
      service.index(sections).addDocuments([{ id: 's2', text: 'intrus' }]),
      (error) => status(error) === 403,
    );
    await assert.rejects(
      service.index(sections).deleteDocument('s1'),
      (error) => status(error) === 403,
    );
    await assert.rejects(service.deleteIndex(sections), (error) => status(error) === 403);
    await assert.rejects(service.getKeys(), (error) => status(error) === 403);
    // Another deployment's indexes on the same Meilisearch are out of its reach.
    await assert.rejects(
      service.index(`${other.prefix}-sections`).search(''),
      (error) => status(error) === 403,
    );
  });
});
