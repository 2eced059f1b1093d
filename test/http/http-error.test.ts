import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { recordingLogger } from '../helpers/log.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { url, client } = testMeili();
const { prefix } = uniqueIndexes('http-error');
after(() => dropIndexes(client, prefix));

describe('API errors', () => {
  it('an error no route expects (Meilisearch refusing the key) › answers 500 internal_error, the raw error only in the log', async () => {
    const { logger, entries } = recordingLogger();
    const refused = createMeiliClient({ url, apiKey: 'not-the-key' });
    const { app } = await buildTestApp({ meili: refused, prefix, logger });
    const api = await contractClient(app);

    const response = await api.get('/api/search?q=cloud').expect(500);
    assert.deepEqual(response.body, {
      error: {
        code: 'internal_error',
        message: 'Une erreur interne est survenue. Elle a été enregistrée.',
      },
    });
    const logged = entries.find((entry) => entry.msg === 'request failed');
    assert.ok(logged, 'the failure is logged');
    assert.equal(logged.level, 50);
    assert.equal(logged.url, '/api/search?q=cloud');
    assert.match(JSON.stringify(logged.err), /invalid_api_key|API key/);
  });

  it('a client error (a parameter at fault) › is not logged as a failure', async () => {
    const { logger, entries } = recordingLogger();
    const { app } = await buildTestApp({ meili: client, prefix, logger });
    const api = await contractClient(app);
    await api.get('/api/search?limit=0').expect(400);
    assert.equal(
      entries.some((entry) => entry.msg === 'request failed'),
      false,
    );
  });
});
