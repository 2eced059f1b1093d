import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { buildTestApp } from '../helpers/app.ts';
import { recordingLogger } from '../helpers/log.ts';
import { uniqueIndexes } from '../helpers/meili.ts';

describe('requests while Meilisearch is unreachable', () => {
  it('answer 503 each, and the log says so once, without a stack', async () => {
    const { logger, entries } = recordingLogger();
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const { app } = await buildTestApp({
      meili: createMeiliClient({ url }),
      prefix: uniqueIndexes('down').prefix,
      logger,
    });
    for (let round = 0; round < 4; round++) {
      await request(app).get('/api/search?q=licence').expect(503);
      await request(app).get('/recherche?q=licence').expect(503);
      await request(app).get('/readyz').expect(503);
    }
    const withStack = entries.filter((entry) => JSON.stringify(entry).includes('"stack"'));
    assert.deepEqual(withStack, [], 'no stack is logged for an unreachable engine');
    const warnings = entries.filter((entry) => entry.level === 40);
    assert.equal(warnings.length, 1, JSON.stringify(entries));
    assert.equal(warnings[0]?.engine, url, 'the one warning names the engine for the operator');
    assert.equal(entries.filter((entry) => (entry.level as number) >= 50).length, 0);
  });
});
