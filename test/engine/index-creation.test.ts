import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { applyIndexSettings } from '../../src/engine/indexes.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('create');
after(() => dropIndexes(client, prefix));

describe('index creation', () => {
  it('succeeds when several syncs create the same new indexes at once', async () => {
    const taxonomy = await loadTaxonomy('guides/topics.yml');
    await Promise.all([
      applyIndexSettings(client, names, taxonomy),
      applyIndexSettings(client, names, taxonomy),
      applyIndexSettings(client, names, taxonomy),
    ]);
    assert.equal((await client.getIndex(names.sections)).primaryKey, 'id');
    assert.equal((await client.getIndex(names.resources)).primaryKey, 'id');
  });
});
