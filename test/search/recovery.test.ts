import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
} from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

// A Meilisearch of this test's own, so that it can be stopped and started again.
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-recovery-'));
const startTimeoutMs = testTimeouts().readyMs;
let meili: EmbeddedMeilisearch = await startEmbeddedMeilisearch({ dataDir, startTimeoutMs });
after(async () => {
  await meili.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('when Meilisearch goes away and comes back', () => {
  it('search answers 503 (and /readyz too, naming neither the address nor the raw error), then recovers on its own', async () => {
    const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 2_000 });
    const dir = await contentFolder({
      'a.md': '# Héberger\n\n## Cloud\n\nHébergement dans le cloud.\n',
    });
    await sync(await pipelineDeps(client, 'recovery'), [dir]);
    const { app } = await buildTestApp({ meili: client, prefix: 'recovery' });
    // Every response is checked against /api/openapi.json, the 503s included.
    const api = await contractClient(app);
    await api.get('/api/search?q=cloud').expect(200);

    const port = Number(new URL(meili.url).port);
    await meili.stop();
    // Another search than the one just made: that one may still come from the result cache
    // for up to SEARCH_CACHE_CHECK_SECONDS, the engine's state unknown until then.
    const down = await api.get('/api/search?q=cloud&limit=5').expect(503);
    assert.deepEqual(down.body, {
      error: {
        code: 'search_unavailable',
        message:
          'Le moteur de recherche est momentanément indisponible. Réessayez dans quelques instants.',
      },
    });
    const notReady = await api.get('/readyz').expect(503);
    assert.equal(notReady.body.error.code, 'search_unavailable');
    assert.match(notReady.body.error.message, /Meilisearch est injoignable/);
    assert.doesNotMatch(
      JSON.stringify(notReady.body),
      new RegExp(`127\\.0\\.0\\.1|:${port}|fetch failed|ECONNREFUSED|timed out`),
    );

    meili = await startEmbeddedMeilisearch({ dataDir, port, startTimeoutMs });
    const back = await api.get('/api/search?q=cloud').expect(200);
    assert.equal(back.body.hits[0].resourceId, 'contenu-a');
    await api.get('/readyz').expect(200);
  });
});
