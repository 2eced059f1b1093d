import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkIndexedLinks, type LinkCheckDeps } from '../../src/links/check-links.ts';
import { readBrokenLinks } from '../../src/freshness/broken-links.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { startLinkServer, type LinkServer } from '../helpers/link-server.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('links');
let site: LinkServer;
let dir: string;
let deps: LinkCheckDeps;

before(async () => {
  site = await startLinkServer();
  dir = await contentFolder({
    'guide-outils.md': [
      '---',
      'title: Les outils',
      '---',
      '',
      `Voir [le portail](${site.url}/ok).`,
      '',
      '## Hébergement',
      '',
      `L'ancienne [documentation](${site.url}/ancien#install) et [une page disparue](${site.url}/absent).`,
      '',
      '## Juridique',
      '',
      `Le [serveur lent](${site.url}/lent), un [formulaire](${site.url}/sans-head), [la page disparue](${site.url}/absent) encore.`,
      '',
    ].join('\n'),
    'autre.md': `# Autre\n\n## Références\n\nLe [portail](${site.url}/ok) aussi, et [ici](/ressources/guide-outils).\n`,
  });
  await sync(await pipelineDeps(client, prefix), [dir]);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-links-'));
  deps = {
    meili: client,
    indexes: names,
    brokenLinksFile: path.join(dataDir, 'link-check', 'broken-links.json'),
    cacheFile: path.join(dataDir, 'link-check', 'cache.json'),
    timeoutMs: 3000,
    concurrency: 4,
    cacheTtlMs: 60 * 60 * 1000,
  };
});
after(async () => {
  await site.close();
  await dropIndexes(client, prefix);
});

describe('checkIndexedLinks', () => {
  it('checks each external address of the index once, and knows every place that links it', async () => {
    const summary = await checkIndexedLinks(deps);
    assert.equal(summary.resources, 2);
    assert.equal(summary.requested, 5);
    const outcomes = Object.fromEntries(
      summary.findings.map((finding) => [
        finding.url.slice(site.url.length),
        finding.outcome.status,
      ]),
    );
    assert.deepEqual(outcomes, {
      '/ok': 'ok',
      '/ancien': 'moved',
      '/absent': 'broken',
      '/lent': 'timeout',
      '/sans-head': 'ok',
    });
    const ok = summary.findings.find((finding) => finding.url === `${site.url}/ok`);
    assert.deepEqual(
      ok?.locations.map((location) => [location.resourceId, location.anchor]).sort(),
      [
        ['contenu-autre', 'références'],
        ['contenu-guide-outils', undefined],
      ],
    );
    assert.equal(site.hits.get('HEAD /ok'), 1);
  });

  it('hands the review queue each broken link with its page and anchor, then the moved ones', async () => {
    const links = await readBrokenLinks(deps.brokenLinksFile);
    assert.deepEqual(
      links.map((link) => [
        link.resourceId,
        link.anchor,
        link.href.slice(site.url.length),
        link.failure,
      ]),
      [
        ['contenu-guide-outils', 'hébergement', '/absent', { kind: 'status', status: 404 }],
        ['contenu-guide-outils', 'juridique', '/absent', { kind: 'status', status: 404 }],
        ['contenu-guide-outils', 'juridique', '/lent', { kind: 'timeout' }],
        [
          'contenu-guide-outils',
          'hébergement',
          '/ancien',
          { kind: 'moved', target: `${site.url}/nouveau` },
        ],
      ],
    );
  });

  it('does not request an address again within the cache lifetime', async () => {
    const before = site.total();
    const summary = await checkIndexedLinks(deps);
    assert.equal(site.total(), before);
    assert.equal(summary.requested, 0);
    assert.equal(summary.fromCache, 5);
    assert.equal(
      summary.findings.find((f) => f.url === `${site.url}/absent`)?.outcome.status,
      'broken',
    );
  });

  it('requests again what the cache holds for longer than its lifetime, or everything with fresh', async () => {
    const later = new Date(Date.now() + deps.cacheTtlMs + 60_000);
    const headsBefore = site.hits.get('HEAD /ok') ?? 0;
    const expired = await checkIndexedLinks({ ...deps, now: () => later });
    assert.equal(expired.requested, 5);
    assert.equal(site.hits.get('HEAD /ok'), headsBefore + 1);

    const fresh = await checkIndexedLinks(deps, { fresh: true });
    assert.equal(fresh.requested, 5);
    assert.equal(site.hits.get('HEAD /ok'), headsBefore + 2);
  });

  it('drops from the queue the links the content no longer has', async () => {
    await writeContent(
      dir,
      'guide-outils.md',
      `# Les outils\n\nVoir [le portail](${site.url}/ok).\n`,
    );
    await sync(await pipelineDeps(client, prefix), [dir]);
    const summary = await checkIndexedLinks(deps);
    assert.deepEqual(
      summary.findings.map((finding) => finding.url),
      [`${site.url}/ok`],
    );
    assert.deepEqual(await readBrokenLinks(deps.brokenLinksFile), []);
  });
});
