import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSearchLog } from '../../src/analytics/search-log.ts';
import { silentLogger } from '../helpers/meili.ts';

/** The search log written through one append stream (a buffered write per burst of searches). */

async function logIn(maxBytes: number) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-search-log-'));
  return { dir, log: createSearchLog({ dir, maxBytes, logger: silentLogger }) };
}

const queriesIn = async (file: string): Promise<string[]> =>
  (await fs.readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { query: string }).query);

const entry = (query: string) => ({
  at: '2026-11-26T12:00:00.000Z',
  query,
  filters: {},
  hits: 1,
  page: 1,
  durationMs: 1,
});

describe('search log stream', () => {
  it('keeps every search of a burst, in the order recorded', async () => {
    const { dir, log } = await logIn(10 * 1024 * 1024);
    const queries = Array.from({ length: 500 }, (_, i) => `recherche ${i}`);
    for (const query of queries) log.record(entry(query));
    await log.flushed();
    assert.deepEqual(await queriesIn(path.join(dir, 'searches.jsonl')), queries);
    await log.close();
  });

  it('rotates at the size cap within a burst: no file passes it, and the lines follow on', async () => {
    const maxBytes = 1000;
    const { dir, log } = await logIn(maxBytes);
    const queries = Array.from({ length: 25 }, (_, i) => `recherche numero ${i}`);
    for (const query of queries) log.record(entry(query));
    await log.flushed();
    const current = path.join(dir, 'searches.jsonl');
    for (const file of [current, `${current}.1`])
      assert.ok((await fs.stat(file)).size <= maxBytes, `${file} is within the cap`);
    const kept = [...(await queriesIn(`${current}.1`)), ...(await queriesIn(current))];
    assert.deepEqual(kept, queries.slice(queries.length - kept.length));
    assert.ok(kept.length < queries.length, 'the oldest lines went with an earlier rotation');
    await log.close();
  });

  it('writes what is pending when closed, and opens the file again for a later search', async () => {
    const { dir, log } = await logIn(10 * 1024 * 1024);
    log.record(entry('avant la fermeture'));
    await log.close();
    assert.deepEqual(await queriesIn(path.join(dir, 'searches.jsonl')), ['avant la fermeture']);
    log.record(entry('après la fermeture'));
    await log.flushed();
    assert.deepEqual(await queriesIn(path.join(dir, 'searches.jsonl')), [
      'avant la fermeture',
      'après la fermeture',
    ]);
    await log.close();
  });
});
