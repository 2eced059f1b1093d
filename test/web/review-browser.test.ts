import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { brokenLinksFile, writeBrokenLinks } from '../../src/freshness/broken-links.ts';
import {
  coordinationApp,
  localLinkPath,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { serveApp, type ServedApp } from '../helpers/serve.ts';
import { checkPage, desktop, launchBrowser, mobile } from './helpers/browser.ts';

/**
 * Acceptance 5 of issue 15 for freshness, in Chromium at desktop and mobile widths: the
 * queue page /coordination/a-revoir (signed in), a results page with an « À revoir » hit and
 * a stale resource's page: axe-core reports no violation; each is photographed.
 */

const { client } = testMeili();
const folder = temporaryFolders('review-browser');
const { prefix } = uniqueIndexes('reviewbrowser');

let server: ServedApp | undefined;
let fixture: CoordinationFixture;
let browser: Browser;
let url: string;

before(async () => {
  const guides = await contentFolder(
    {
      'hebergement.md':
        '---\ntitle: Héberger un service\nowner: Équipe EIG Link\nreviewed: 2025-10-20\n---\n\n# Héberger un service\n\n## Le cloud souverain\n\nLa qualification SecNumCloud pour héberger un service public.\n',
      'licences.md':
        '---\ntitle: Choisir une licence\nowner: Équipe EIG Link\nreviewed: 2025-12-10\n---\n\n# Choisir une licence\n\nUne licence libre pour le code source d’un service public hébergé.\n',
    },
    'guides',
  );
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  const dataDir = await folder();
  await writeBrokenLinks(brokenLinksFile(dataDir), {
    checkedAt: '2026-11-25T03:00:00.000Z',
    links: [
      {
        resourceId: 'guides-licences',
        href: 'https://example.invalid/licences/eupl-1.2',
        failure: { kind: 'timeout' },
        checkedAt: '2026-11-25T03:00:00.000Z',
      },
    ],
  });
  fixture = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
    env: { DATA_DIR: dataDir },
    deps: { now: () => new Date('2026-11-26T12:00:00Z') },
  });
  server = await serveApp(fixture.app);
  url = server.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await dropIndexes(client, prefix);
});

for (const [width, options] of [
  ['desktop', desktop],
  ['mobile', mobile],
] as [string, BrowserContextOptions][]) {
  describe(`freshness pages › ${width}`, () => {
    it('/coordination/a-revoir: the overdue guide first, the broken link listed, 0 axe violations', async () => {
      assert.ok(fixture.local);
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await page.goto(`${url}${localLinkPath(fixture.local)}`);
        await page.goto(`${url}/coordination/a-revoir`);
        const first = page.locator('table').first().locator('tbody tr').first();
        assert.match((await first.textContent()) ?? '', /Héberger un service/);
        assert.match(await page.content(), /example\.invalid\/licences\/eupl-1\.2/);
        await checkPage(page, `review-queue-${width}`);
      } finally {
        await context.close();
      }
    });

    it('a results page with an « À revoir » hit and the stale guide’s page: 0 axe violations', async () => {
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await page.goto(`${url}/recherche?q=service+public`);
        assert.equal(await page.locator('.rp-hit .rp-stale').count(), 1);
        await checkPage(page, `review-results-${width}`);
        await page.goto(`${url}/ressources/guides-hebergement`);
        assert.equal(await page.locator('.rp-stale-notice').count(), 1);
        await checkPage(page, `review-resource-${width}`);
      } finally {
        await context.close();
      }
    });
  });
}
