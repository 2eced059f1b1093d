import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { serveApp, type ServedApp } from '../helpers/serve.ts';
import {
  assertNoAxeViolations,
  desktop,
  launchBrowser,
  mobile,
  openWatchedPage,
  screenshot,
} from './helpers/browser.ts';

/**
 * « Trier par » on the results page, in Chromium: with and without JavaScript, a person
 * sorts the hits by date (newest first, archived after current) and back to relevance,
 * keeping the words; the archived hit wears its badge; axe-core finds no violation.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('sortbrowser');

let server: ServedApp | undefined;
let browser: Browser;
let url: string;

before(async () => {
  const dir = await contentFolder({
    'ancien.md':
      '---\ntitle: Héberger en 2019\ndate: 2019-03-01\n---\n\nHéberger un service public sur le cloud souverain, hébergement qualifié.\n',
    'recent.md':
      '---\ntitle: Héberger en 2025\ndate: 2025-06-01\n---\n\nHéberger un service : un mot sur l’hébergement.\n',
    'archive.md':
      '---\ntitle: Héberger en 2026 (archivé)\ndate: 2026-10-01\narchived: true\n---\n\nHéberger un service : l’ancienne offre d’hébergement.\n',
  });
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [dir])).failed, []);
  const { app } = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    now: () => new Date('2026-11-26T12:00:00Z'),
  });
  server = await serveApp(app);
  url = server.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await dropIndexes(client, prefix);
});

const hitTitles = (page: Page) => page.locator('.rp-hit__title').allTextContents();

for (const javaScript of [false, true]) {
  describe(`« Trier par » ${javaScript ? 'with' : 'without'} JavaScript`, () => {
    it('sorts the hits by date, newest first and archived last, then back by relevance', async () => {
      const { page, watch, done } = await openWatchedPage(browser, {
        ...desktop,
        javaScriptEnabled: javaScript,
      });
      try {
        await page.goto(`${url}/recherche?q=h%C3%A9berger`);
        assert.equal((await hitTitles(page)).at(-1)?.trim(), 'Héberger en 2026 (archivé)');
        await page.getByLabel('Trier par').selectOption('date');
        await page.getByRole('button', { name: 'Trier', exact: true }).click();
        await page.waitForURL(/sort=date/);
        assert.match(page.url(), /q=h%C3%A9berger/);
        assert.deepEqual(
          (await hitTitles(page)).map((title) => title.trim()),
          ['Héberger en 2025', 'Héberger en 2019', 'Héberger en 2026 (archivé)'],
        );
        assert.equal(await page.getByLabel('Trier par').inputValue(), 'date');
        assert.equal(await page.locator('.rp-hit .rp-archived-badge').count(), 1);
        // axe-core runs in the page: only where scripts run.
        if (javaScript) await assertNoAxeViolations(page, 'the results sorted by date');
        await screenshot(page, `sort-by-date-${javaScript ? 'js' : 'nojs'}`);

        await page.getByLabel('Trier par').selectOption('pertinence');
        await page.getByRole('button', { name: 'Trier', exact: true }).click();
        await page.waitForURL(/sort=pertinence/);
        assert.equal(await page.getByLabel('Trier par').inputValue(), 'pertinence');
        assert.deepEqual(watch.errors, []);
      } finally {
        await done();
      }
    });
  });
}

describe('« Trier par » on a phone', () => {
  it('shows the select and its button in the width of the screen, without violation', async () => {
    const { page, done } = await openWatchedPage(browser, mobile);
    try {
      await page.goto(`${url}/recherche?q=h%C3%A9berger&sort=date`);
      const box = await page.locator('.rp-sort').boundingBox();
      const width = page.viewportSize()?.width ?? 0;
      assert.ok(box !== null && box.x >= 0 && box.x + box.width <= width, JSON.stringify(box));
      await assertNoAxeViolations(page, 'the results sorted by date on a phone');
      await screenshot(page, 'sort-by-date-mobile');
    } finally {
      await done();
    }
  });
});
