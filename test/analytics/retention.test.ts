import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAnalytics, pruneAnalytics } from '../../src/analytics/analytics.ts';
import { retentionCutoff } from '../../src/analytics/log-files.ts';
import { createSearchLog } from '../../src/analytics/search-log.ts';
import { silentLogger } from '../helpers/meili.ts';

const now = new Date('2026-11-26T12:00:00.000Z');

async function stores(maxBytes = 1024 * 1024) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-retention-'));
  const options = { dir, maxBytes, logger: silentLogger };
  return { dir, searchLog: createSearchLog(options), analytics: createAnalytics(options) };
}

const lines = async (file: string) =>
  (await fs.readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { at: string; query?: string });

function entry(at: string, query: string) {
  return { at, query, filters: {}, hits: 1, page: 1, durationMs: 1 };
}

describe('analytics retention (ANALYTICS_RETENTION_MONTHS)', () => {
  it('counts the retention in calendar months back from the clock', () => {
    assert.equal(retentionCutoff(now, 13).toISOString(), '2025-10-26T12:00:00.000Z');
  });

  it('drops the searches and clicks older than the retention, in both files, and keeps the rest', async () => {
    const { dir, searchLog, analytics } = await stores();
    await fs.writeFile(
      path.join(dir, 'searches.jsonl.1'),
      `${JSON.stringify(entry('2025-09-01T00:00:00.000Z', 'tres ancienne'))}\n`,
    );
    searchLog.record(entry('2025-10-26T11:59:59.000Z', 'juste trop vieille'));
    searchLog.record(entry('2025-10-26T12:00:00.000Z', 'juste assez recente'));
    searchLog.record(entry('2026-11-25T08:00:00.000Z', 'hier'));
    analytics.clicks.append({
      at: '2025-01-01T00:00:00.000Z',
      type: 'click',
      queryId: 'q',
      url: '/ressources/a',
      rank: 1,
    });
    analytics.clicks.append({
      at: '2026-11-25T08:00:01.000Z',
      type: 'click',
      queryId: 'q',
      url: '/ressources/a',
      rank: 1,
    });

    await pruneAnalytics({ searchLog, analytics, now, retentionMonths: 13 });

    assert.deepEqual(
      (await lines(path.join(dir, 'searches.jsonl'))).map((line) => line.query),
      ['juste assez recente', 'hier'],
    );
    await assert.rejects(fs.stat(path.join(dir, 'searches.jsonl.1')), { code: 'ENOENT' });
    assert.deepEqual(
      (await lines(path.join(dir, 'events.jsonl'))).map((line) => line.at),
      ['2026-11-25T08:00:01.000Z'],
    );
    const mode = (await fs.stat(path.join(dir, 'searches.jsonl'))).mode & 0o777;
    assert.equal(mode, 0o600);
  });

  it('loses no search recorded while the log is being pruned', async () => {
    const { dir, searchLog, analytics } = await stores();
    for (let i = 0; i < 200; i++)
      searchLog.record(entry('2024-01-01T00:00:00.000Z', `vieille ${i}`));
    const pruning = pruneAnalytics({ searchLog, analytics, now, retentionMonths: 13 });
    for (let i = 0; i < 50; i++) searchLog.record(entry('2026-11-26T11:00:00.000Z', `neuve ${i}`));
    await pruning;
    await searchLog.flushed();
    const kept = await lines(path.join(dir, 'searches.jsonl'));
    assert.equal(kept.length, 50);
    assert.ok(kept.every((line) => line.query?.startsWith('neuve')));
  });

  it('keeps appending and rotating after a prune', async () => {
    const { dir, searchLog, analytics } = await stores(400);
    searchLog.record(entry('2024-01-01T00:00:00.000Z', 'vieille'));
    await pruneAnalytics({ searchLog, analytics, now, retentionMonths: 13 });
    for (let i = 0; i < 10; i++) searchLog.record(entry('2026-11-26T11:00:00.000Z', `neuve ${i}`));
    await searchLog.flushed();
    const current = await lines(path.join(dir, 'searches.jsonl'));
    const rotated = await lines(path.join(dir, 'searches.jsonl.1'));
    assert.ok(rotated.length > 0, 'the log rotated at its size cap');
    assert.equal(current.length + rotated.length <= 10, true);
    assert.equal(current.at(-1)?.query, 'neuve 9');
  });
});
