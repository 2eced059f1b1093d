import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { brokenLinksFile, writeBrokenLinks } from '../../src/freshness/broken-links.ts';
import {
  coordinationApp,
  localLinkPath,
  type CoordinationFixture,
} from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { desktop, launchBrowser, mobile, screenshot } from './helpers/browser.ts';

/**
 * Acceptance 5 of issue 15 for freshness, in Chromium at desktop and mobile widths: the
 * queue page /coordination/a-revoir (signed in), a results page with an « À revoir » hit and
 * a stale resource's page: axe-core reports no violation; each is photographed.
 */

const { client } = testMeili();
const folder = temporaryFolders('review-browser');
const { prefix } = uniqueIndexes('reviewbrowser');

let server: Server;
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
  server = createServer(fixture.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await dropIndexes(client, prefix);
});

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Waits for the DSFR script, photographs the page and asserts axe-core finds nothing. */
async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
  await screenshot(page, name);
  const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  assert.deepEqual(
    violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    ),
    [],
    `axe-core violations on ${name} (${page.url()})`,
  );
}

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
