import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { settle } from '../../src/engine/tasks.ts';
import { buildTestApp } from '../helpers/app.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('notready');
let app: Awaited<ReturnType<typeof buildTestApp>>['app'];

before(async () => {
  // The indexes as a first sync leaves them for a moment: created, settings not yet applied.
  await settle(client.createIndex(names.sections, { primaryKey: 'id' }), 'sections');
  await settle(client.createIndex(names.resources, { primaryKey: 'id' }), 'resources');
  ({ app } = await buildTestApp({ meili: client, prefix }));
});
after(() => dropIndexes(client, prefix));

describe('an index whose settings are not applied yet', () => {
  for (const url of ['/api/resources', '/api/search?q=', '/api/search?q=guide&topic=design']) {
    it(`GET ${url} › answers 503 index_syncing, not 500`, async () => {
      const response = await request(app).get(url);
      assert.equal(response.status, 503, JSON.stringify(response.body));
      assert.equal(response.body.error.code, 'index_syncing');
    });
  }
});
