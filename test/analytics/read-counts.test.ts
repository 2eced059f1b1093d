import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readCountsFromClicks, resourceIdOfPath } from '../../src/analytics/read-counts.ts';

const now = new Date('2026-11-26T12:00:00.000Z');

const click = (at: string, url: string) => ({ at, type: 'click', queryId: 'q', url, rank: 1 });

describe('how often each resource is read (for the review queue)', () => {
  it('counts the result clicks of the last 90 days per resource, page or file, rotated log included', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-reads-'));
    const lines = (events: object[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');
    await fs.writeFile(
      path.join(dir, 'events.jsonl.1'),
      lines([click('2026-09-01T10:00:00.000Z', '/ressources/guide-a#licences')]),
    );
    await fs.writeFile(
      path.join(dir, 'events.jsonl'),
      lines([
        click('2026-11-25T10:00:00.000Z', '/ressources/guide-a'),
        click('2026-11-25T10:00:00.000Z', '/api/resources/mini-guide%C3%A9/file#page=3'),
        click('2026-11-25T11:00:00.000Z', '/parcours/bien-demarrer'),
        // Older than 90 days: no longer counts.
        click('2026-08-01T10:00:00.000Z', '/ressources/guide-b'),
        { at: '2026-11-25T10:00:00.000Z', type: 'feedback', url: '/ressources/guide-b' },
      ]) + '{"at":"2026-11-25T10:0', // a line cut short by a crash
    );
    const counts = await readCountsFromClicks({ dir, now });
    assert.deepEqual(Object.fromEntries(counts), { 'guide-a': 2, 'mini-guideé': 1 });
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('no click log yet: no figures, no error', async () => {
    const dir = path.join(os.tmpdir(), 'reperes-reads-absent');
    assert.equal((await readCountsFromClicks({ dir, now })).size, 0);
  });

  it('a broken escape in a hand-made address names no resource', () => {
    assert.equal(resourceIdOfPath('/ressources/%E0%A4%A'), undefined);
    assert.equal(resourceIdOfPath('/recherche?q=x'), undefined);
  });
});
