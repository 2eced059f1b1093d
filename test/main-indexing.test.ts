import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiContract } from './helpers/api-contract.ts';
import { dropIndexes, testMeili, uniqueIndexes } from './helpers/meili.ts';
import { temporaryFolders } from './helpers/process.ts';
import { spawnService, waitForStatus } from './helpers/service.ts';
import { testTimeouts } from './helpers/timeouts.ts';

const tempDir = temporaryFolders('indexing');
const { readyMs } = testTimeouts();
const { client, url, key } = testMeili();
const { prefix } = uniqueIndexes('indexing');
after(() => dropIndexes(client, prefix));

/** Enough files that the first indexing lasts several seconds, even on a fast machine. */
const FILES = 800;

/** Words of one file, different from every other file's (near-duplicates would be grouped). */
function wordsOf(n: number): string {
  return Array.from({ length: 40 }, (_, i) => `terme${((n * 40 + i) * 7919) % 1_000_003}`).join(
    ' ',
  );
}

/** A folder of small guides that all mention the same rare word. */
async function largeCorpus(): Promise<string> {
  const dir = await tempDir();
  for (let start = 0; start < FILES; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, FILES - start) }, (_, offset) => {
        const n = start + offset;
        const id = String(n).padStart(4, '0');
        return fs.writeFile(
          path.join(dir, `fiche-${id}.md`),
          `# Fiche ${id} sur l’ornithorynque\n\n${wordsOf(n)}\n\n## Habitat ${id}\n\n${wordsOf(n + FILES)}\n`,
        );
      }),
    );
  }
  return dir;
}

interface Answer {
  status: number;
  body: unknown;
}

async function getJson(address: string): Promise<Answer & { contentType: string | undefined }> {
  const response = await fetch(address, { signal: AbortSignal.timeout(30_000) });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body: await response.json(),
  };
}

type NotReady = { error: { code: string }; progress?: { done: number; total: number } };

describe('the service during its first indexing (npm start)', () => {
  it('listens at once, answers searches from what is indexed, shows the progress, then becomes ready', async (t) => {
    const service = await spawnService({
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_PREFIX: prefix,
      DATA_DIR: await tempDir(),
      CONTENT_DIRS: await largeCorpus(),
    });
    const document: unknown = await (
      await waitForStatus(`${service.url}/api/openapi.json`, 200)
    ).body;
    const contract = apiContract(document);

    // Caught in the act: /readyz says 503 with the progress, a search finds the first
    // file but not the last one, and /readyz still says 503 after it.
    // How many resources a search for the word every file holds finds; undefined while the new index
    // holds no record yet (Meilisearch refuses the query: 503 index_syncing).
    const found = async (): Promise<number | undefined> => {
      const search = await getJson(`${service.url}/api/search?q=ornithorynque`);
      contract.check({ method: 'GET', url: '/api/search?q=ornithorynque', ...search });
      if (search.status === 503 && (search.body as NotReady).error.code === 'index_syncing')
        return undefined;
      assert.equal(search.status, 200, JSON.stringify(search.body));
      return (search.body as { total: number }).total;
    };
    let seen: unknown;
    let during: { before: NotReady; after: NotReady; page: string; partial: number } | undefined;
    const deadline = Date.now() + readyMs * 2;
    while (during === undefined && Date.now() < deadline) {
      const before = await getJson(`${service.url}/readyz`);
      assert.notEqual(
        before.status,
        200,
        `the indexing ended before a search could be made (last seen: ${JSON.stringify(seen)})`,
      );
      const progress = (before.body as NotReady).progress;
      if (before.status === 503 && progress !== undefined && progress.done > 0) {
        contract.check({ method: 'GET', url: '/readyz', ...before });
        const partial = await found();
        const page = await (await fetch(`${service.url}/`)).text();
        const afterwards = await getJson(`${service.url}/readyz`);
        assert.equal((await getJson(`${service.url}/healthz`)).status, 200, 'liveness stays 200');
        seen = { progress, partial, afterwards: afterwards.status };
        if (partial !== undefined && partial > 0 && afterwards.status === 503) {
          // Only what is indexed is found: part of the corpus.
          assert.ok(partial < FILES, `found ${partial} of ${FILES} during the indexing`);
          during = {
            before: before.body as NotReady,
            after: afterwards.body as NotReady,
            page,
            partial,
          };
        }
      }
      await sleep(250);
    }
    assert.ok(
      during !== undefined,
      `no search answered during the indexing (last seen: ${JSON.stringify(seen)}):\n${service.output()}`,
    );
    assert.equal(during.before.error.code, 'index_syncing');
    assert.equal(during.before.progress?.total, FILES);
    t.diagnostic(
      `a search found ${during.partial} while ${during.after.progress?.done} of ${FILES} files were done`,
    );
    assert.match(
      during.page,
      /<div class="fr-notice fr-notice--info" role="status" id="indexation-en-cours">[\s\S]*?Indexation en cours \(\d+ fichiers? sur 800\)/,
    );

    // Then the indexing ends: ready, the whole corpus found, the notice gone.
    await waitForStatus(`${service.url}/readyz`, 200, readyMs * 4);
    assert.equal(await found(), FILES, 'every file is found once indexed');
    const page = await (await fetch(`${service.url}/`)).text();
    assert.doesNotMatch(page, /Indexation en cours/);
    // The service is stopped after the test, even when it fails.
  });
});
