import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { aggregateSearches, queryGroupKey } from '../../src/analytics/aggregate.ts';
import type { ClickEvent, SearchLogEntry } from '../../src/analytics/log-files.ts';
import { logFiles, readSegmentLines, splitIntoParts } from '../../src/analytics/read-json-lines.ts';

const now = new Date('2026-11-26T12:00:00.000Z');

function search(at: string, query: string, hits: number, extra: Partial<SearchLogEntry> = {}) {
  return { at, query, filters: {}, hits, page: 1, durationMs: 3, ...extra };
}

function click(at: string, queryId: string, rank: number): ClickEvent {
  return { at, type: 'click', queryId, url: '/ressources/x', rank };
}

/** An analytics folder holding these lines (the `.1` files are the rotated ones). */
async function logs(files: Record<string, object[] | string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-aggregate-'));
  for (const [name, lines] of Object.entries(files)) {
    const text =
      typeof lines === 'string' ? lines : lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('queryGroupKey', () => {
  it('groups « Licence », « licences », « licénce » and « LICENCE ! » as one query', () => {
    const keys = ['Licence', 'licences', 'licénce', 'LICENCE !'].map(queryGroupKey);
    assert.deepEqual(new Set(keys), new Set(['licence']));
  });

  it('drops the plural s of each word, not of short words nor double s', () => {
    assert.equal(queryGroupKey('Les données ouvertes'), 'les donnee ouverte');
    assert.equal(queryGroupKey('process'), 'process');
  });
});

describe('aggregateSearches', () => {
  it('counts searches, zero-result queries, clicks, click-through rate and mean clicked rank', async () => {
    const dir = await logs({
      'searches.jsonl': [
        search('2026-11-25T10:00:00.000Z', 'licence', 4, { id: 'a' }),
        search('2026-11-25T10:01:00.000Z', 'licences', 4, { id: 'b' }),
        search('2026-11-26T09:00:00.000Z', 'licénce', 4, { id: 'c' }),
        search('2026-11-26T09:30:00.000Z', 'cloud souverain', 0, { id: 'd' }),
        search('2026-11-26T09:31:00.000Z', 'Cloud souverains', 0, { id: 'e' }),
        search('2026-11-26T09:32:00.000Z', 'hébergement', 2, { id: 'f' }),
      ],
      'events.jsonl': [
        click('2026-11-25T10:00:05.000Z', 'a', 1),
        click('2026-11-25T10:00:09.000Z', 'a', 3),
        click('2026-11-26T09:00:05.000Z', 'c', 2),
      ],
    });
    const report = await aggregateSearches({ dir, days: 7, now });
    assert.equal(report.totals.searches, 6);
    assert.equal(report.totals.zeroResult, 2);
    assert.equal(report.totals.clicks, 3);
    // 2 of the 4 searches with results were followed (a and c); ranks 1, 3 and 2.
    assert.equal(report.totals.clickThroughRate, 0.5);
    assert.equal(report.totals.meanClickedRank, 2);

    const licence = report.topQueries[0];
    assert.equal(licence?.key, 'licence');
    assert.equal(licence.searches, 3);
    assert.equal(licence.clicks, 3);
    assert.deepEqual(licence.variants.sort(), ['licence', 'licences', 'licénce']);
    assert.equal(licence.clickThroughRate, 2 / 3);

    assert.deepEqual(
      report.zeroResultQueries.map((q) => [q.key, q.searches, q.lastSearchedAt, q.handled]),
      [['cloud souverain', 2, '2026-11-26T09:31:00.000Z', false]],
    );
    assert.deepEqual(
      report.unclickedQueries.map((q) => [q.query, q.searches]),
      [['hébergement', 1]],
    );
  });

  it('reads the rotated file too, and leaves out what is outside the window, later pages and damaged lines', async () => {
    const dir = await logs({
      'searches.jsonl.1': [
        search('2026-09-01T10:00:00.000Z', 'ancienne', 1),
        search('2026-11-20T10:00:00.000Z', 'rotation', 1),
      ],
      'searches.jsonl': `${JSON.stringify(search('2026-11-26T10:00:00.000Z', 'rotation', 1))}\n{"at": "2026-11-26T1\n${JSON.stringify(search('2026-11-26T10:00:01.000Z', 'rotation', 1, { page: 2 }))}\n`,
    });
    const week = await aggregateSearches({ dir, days: 7, now });
    assert.deepEqual(
      week.topQueries.map((q) => [q.key, q.searches]),
      [['rotation', 2]],
    );
    const quarter = await aggregateSearches({ dir, days: 90, now });
    assert.deepEqual(
      quarter.topQueries.map((q) => [q.key, q.searches]),
      [
        ['rotation', 2],
        ['ancienne', 1],
      ],
    );
  });

  it('gives one row per day of the window, empty days included, with the zero-result rate', async () => {
    const dir = await logs({
      'searches.jsonl': [
        search('2026-11-24T10:00:00.000Z', 'a', 0),
        search('2026-11-24T11:00:00.000Z', 'b', 3),
        search('2026-11-26T10:00:00.000Z', 'c', 3),
      ],
    });
    const report = await aggregateSearches({ dir, days: 7, now });
    assert.equal(report.perDay.length, 7);
    assert.equal(report.perDay[0]?.day, '2026-11-20');
    assert.deepEqual(report.perDay.at(-3), {
      day: '2026-11-24',
      searches: 2,
      zeroResult: 1,
      zeroResultRate: 0.5,
    });
    assert.deepEqual(report.perDay.at(-2), {
      day: '2026-11-25',
      searches: 0,
      zeroResult: 0,
      zeroResultRate: null,
    });
  });

  it('counts the filters used, and browsing by filter without words is no query', async () => {
    const dir = await logs({
      'searches.jsonl': [
        search('2026-11-26T10:00:00.000Z', '', 5, { filters: { topic: ['juridique'], type: [] } }),
        search('2026-11-26T10:01:00.000Z', 'rgpd', 5, {
          filters: { topic: ['juridique'], type: ['guide'] },
        }),
      ],
    });
    const report = await aggregateSearches({ dir, days: 7, now });
    assert.deepEqual(report.filters, [
      { filter: 'topic', value: 'juridique', searches: 2 },
      { filter: 'type', value: 'guide', searches: 1 },
    ]);
    assert.deepEqual(
      report.topQueries.map((q) => q.key),
      ['rgpd'],
    );
  });

  it('shows a zero-result query as handled until it is searched in vain again', async () => {
    const dir = await logs({
      'searches.jsonl': [
        search('2026-11-25T10:00:00.000Z', 'subvention', 0),
        search('2026-11-26T10:00:00.000Z', 'marché public', 0),
      ],
    });
    const handled = new Map([
      ['subvention', '2026-11-25T12:00:00.000Z'],
      ['marche public', '2026-11-25T12:00:00.000Z'],
    ]);
    const report = await aggregateSearches({ dir, days: 7, now, handled });
    const byKey = new Map(report.zeroResultQueries.map((q) => [q.key, q.handled]));
    assert.equal(byKey.get('subvention'), true);
    assert.equal(byKey.get('marche public'), false);
  });

  it('answers an empty report when nothing was logged yet', async () => {
    const dir = await logs({});
    const report = await aggregateSearches({ dir, days: 30, now });
    assert.equal(report.totals.searches, 0);
    assert.equal(report.totals.clickThroughRate, null);
    assert.equal(report.perDay.length, 30);
  });
});

describe('aggregateSearches › a large log read by several threads', () => {
  /** A log where spellings, filters, clicks, zero results and days spread over both files. */
  async function mixedLogs(): Promise<string> {
    const queries = ['licence', 'Licences', 'hébergement', 'cloud souverain', 'données', 'rgpd'];
    const searches: object[] = [];
    const clicks: ClickEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = new Date(now.getTime() - (i % 9) * 24 * 60 * 60 * 1000 - i * 1000).toISOString();
      const id = `q${i}`;
      const hits = i % 7 === 0 ? 0 : 3;
      searches.push(
        search(at, queries[i % queries.length] ?? 'x', hits, {
          id,
          filters: i % 4 === 0 ? { topic: ['juridique'] } : {},
          // A long line now and then, so that cuts fall inside lines of every size.
          ...(i % 97 === 0 ? { query: `é${'x'.repeat(70_000)}` } : {}),
        }),
      );
      if (hits > 0 && i % 3 === 0) clicks.push(click(at, id, 1 + (i % 5)));
    }
    const half = searches.length / 2;
    return logs({
      'searches.jsonl.1': searches.slice(0, half),
      'searches.jsonl': searches.slice(half),
      'events.jsonl': clicks,
    });
  }

  for (const threads of [2, 3, 4]) {
    it(`${threads} threads give the very report one thread gives`, async () => {
      const dir = await mixedLogs();
      const alone = await aggregateSearches({ dir, days: 7, now, threads: 1 });
      const shared = await aggregateSearches({ dir, days: 7, now, threads });
      assert.ok(alone.totals.searches > 2000 && alone.totals.clicks > 500);
      assert.deepEqual(shared, alone);
    });
  }
});

describe('splitIntoParts', () => {
  it('cuts files at line starts only: every line is read once, multi-byte characters whole', async () => {
    const lines = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ at: 'x', n: i, text: 'é'.repeat(i % 50) }),
    );
    const dir = await logs({
      'a.jsonl.1': `${lines.slice(0, 200).join('\n')}\n`,
      'a.jsonl': `${lines.slice(200).join('\n')}\n`,
    });
    const files = await logFiles(path.join(dir, 'a.jsonl'));
    for (const parts of [1, 2, 3, 7]) {
      const split = await splitIntoParts(files, parts);
      assert.ok(split.length <= parts);
      const read: number[] = [];
      for (const part of split)
        for (const segment of part)
          await readSegmentLines(segment, (value) => read.push((value as { n: number }).n));
      assert.deepEqual(
        read,
        lines.map((_, i) => i),
        `${parts} parts`,
      );
    }
  });
});
