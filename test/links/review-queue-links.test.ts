import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brokenLinksFile } from '../../src/freshness/broken-links.ts';
import type { ReviewQueueResponse } from '../../src/freshness/review-queue-response.ts';
import { checkIndexedLinks } from '../../src/links/check-links.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { startLinkServer, type LinkServer } from '../helpers/link-server.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { alice, coordinatorHeader, headerCoordinator } from '../helpers/publishing.ts';
import path from 'node:path';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('links-queue');
let site: LinkServer;
before(async () => {
  site = await startLinkServer();
});
after(async () => {
  await site.close();
  await dropIndexes(client, prefix);
});

describe('GET /api/review-queue › after npm run check-links', () => {
  it('lists each broken link with its page and section, and the moved ones after everything', async () => {
    const daysAgo = (days: number) =>
      new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    // Reviewed yesterday: its review is not due; the other guide's is due in about 10 days.
    const reviewed = daysAgo(1);
    const dir = await contentFolder({
      'guide.md': [
        '---',
        'title: Le guide',
        `reviewed: ${reviewed}`,
        '---',
        '',
        '## Hébergement',
        '',
        `[Doc](${site.url}/ancien), [disparue](${site.url}/absent), [portail](${site.url}/ok).`,
        '',
        '## Outils',
        '',
        `[Serveur en panne](${site.url}/erreur).`,
        '',
      ].join('\n'),
      'bientot.md': `---\ntitle: Bientôt à relire\nreviewed: ${daysAgo(355)}\n---\n\nDu texte.\n`,
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const { app, dataDir } = await buildTestApp({
      meili: client,
      prefix,
      contentDirs: [dir],
      deps: { requireCoordinator: headerCoordinator },
    });
    await checkIndexedLinks({
      meili: client,
      indexes: names,
      brokenLinksFile: brokenLinksFile(dataDir),
      cacheFile: path.join(dataDir, 'link-check', 'cache.json'),
      timeoutMs: 3000,
      concurrency: 4,
      cacheTtlMs: 3_600_000,
    });

    const api = await contractClient(app);
    const response = await api.get('/api/review-queue').set(coordinatorHeader, alice).expect(200);
    const { items } = response.body as ReviewQueueResponse;
    assert.deepEqual(
      items.map((item) =>
        item.kind === 'broken-link'
          ? [
              item.resourceId,
              item.link.anchor,
              item.link.href.slice(site.url.length),
              item.link.failure,
            ]
          : [item.kind, item.resourceId],
      ),
      [
        ['contenu-guide', 'hébergement', '/absent', { kind: 'status', status: 404 }],
        ['contenu-guide', 'outils', '/erreur', { kind: 'status', status: 503 }],
        ['review', 'contenu-bientot'],
        [
          'contenu-guide',
          'hébergement',
          '/ancien',
          { kind: 'moved', target: `${site.url}/nouveau` },
        ],
      ],
    );
  });
});
