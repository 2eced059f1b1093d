import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
 * Acceptance 1 and 5 of issue 15 for the analytics page, in Chromium: visitors search and
 * open results with JavaScript (the beacon) and without (the redirect link); a coordinator
 * then reads those searches and clicks, counted right, on /coordination/recherches, finds
 * the query with no result, marks it as handled, and downloads CSV files that hold what
 * the page shows; axe-core reports no violation at desktop and mobile widths.
 */

const { client } = testMeili();
const folder = temporaryFolders('coordination-searches-browser');
const { prefix } = uniqueIndexes('coordsearchesbrowser');

let server: ServedApp | undefined;
let fixture: CoordinationFixture;
let browser: Browser | undefined;
let url: string;

before(async () => {
  const guides = await contentFolder(
    {
      'cadrage.md':
        '# Cadrage d’un projet\n\n## Le premier mois\n\nLe cadrage d’un projet de la promotion avec son administration.\n',
      'licence.md': '# Choisir une licence\n\nLa licence libre du code source publié.\n',
    },
    'guides',
  );
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  fixture = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
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

/** Searches with the site's search page, as a visitor would. */
async function search(page: Page, q: string): Promise<void> {
  await page.goto(`${url}/recherche?q=${encodeURIComponent(q)}`);
}

/** Opens the hit titled `title` and waits for its page. */
async function openHit(page: Page, title: string): Promise<void> {
  await page.locator('.rp-hit__title a', { hasText: title }).first().click();
  await page.waitForURL((address) => address.pathname.startsWith('/ressources/'));
}

/** The cells of a table of the analytics page, header row first (the actions column left out). */
async function pageTable(page: Page, name: string): Promise<string[][]> {
  return page.locator(`[data-table="${name}"] table`).evaluate((table) =>
    Array.from(table.querySelectorAll('tr')).map((row) =>
      Array.from(row.querySelectorAll('th, td'))
        .filter(
          (cell) => !cell.querySelector('form, .fr-btns-group') && cell.textContent !== 'Actions',
        )
        .map((cell) => (cell.textContent ?? '').trim()),
    ),
  );
}

/** The row of a table whose first cell is `query`, or undefined. */
async function rowOf(page: Page, name: string, query: string): Promise<string[] | undefined> {
  return (await pageTable(page, name)).find((row) => row[0] === query);
}

/**
 * Reloads the page until `ready` holds: searches and clicks are written to their logs
 * after the answer, so the last of them may land a moment after the browser moved on.
 */
async function reloadUntil(page: Page, ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 60 && !(await ready()); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.reload();
  }
}

describe('the search analytics page in a browser (issue 15, acceptance 1 and 5)', () => {
  it('counts the searches and clicks made with and without JavaScript, lists the query with no result, exports the same cells as CSV', async () => {
    assert.ok(browser !== undefined && fixture.local !== undefined);
    let withScript: BrowserContext | undefined;
    let withoutScript: BrowserContext | undefined;
    let coordinator: BrowserContext | undefined;
    try {
      // A visitor with JavaScript: two searches for « cadrage », one result opened; one search finds nothing.
      withScript = await browser.newContext(desktop);
      const visitor = await withScript.newPage();
      await search(visitor, 'cadrage');
      await openHit(visitor, 'Cadrage d’un projet');
      await search(visitor, 'Cadrage');
      await search(visitor, 'zinzolin quasimodo');

      // A visitor without JavaScript: « cadrages » (the same group once normalised), result opened through the redirect.
      withoutScript = await browser.newContext({ ...desktop, javaScriptEnabled: false });
      const plain = await withoutScript.newPage();
      await search(plain, 'cadrages');
      await openHit(plain, 'Cadrage d’un projet');
      await search(plain, 'licence');
      // A topic filter, from the results page's own filter links.
      await plain.goto(`${url}/recherche?q=${encodeURIComponent('code source')}&topic=open-source`);

      coordinator = await browser.newContext(desktop);
      const page = await coordinator.newPage();
      await page.goto(`${url}${localLinkPath(fixture.local)}`);
      await page.goto(`${url}/coordination`);
      await page.click('a[href="/coordination/recherches"]');
      await page.click('a[href="/coordination/recherches?jours=7"]');
      await reloadUntil(page, async () => {
        const row = await rowOf(page, 'frequentes', 'cadrage');
        return row?.[3] === '2' && (await rowOf(page, 'filtres', 'Thème')) !== undefined;
      });

      // Recherche, Recherches, Sans résultat, Clics, Taux de clic, Rang moyen.
      assert.deepEqual(await rowOf(page, 'frequentes', 'cadrage'), [
        'cadrage',
        '3',
        '0',
        '2',
        '66,7\u00a0%',
        '1',
      ]);
      assert.deepEqual(await rowOf(page, 'sans-resultat', 'zinzolin quasimodo'), [
        'zinzolin quasimodo',
        '1',
        'à traiter',
      ]);
      assert.deepEqual(await rowOf(page, 'sans-clic', 'licence'), ['licence', '1']);
      assert.deepEqual(await rowOf(page, 'filtres', 'Thème'), [
        'Thème',
        'Open source et logiciel libre',
        '1',
      ]);
      const totals = new Map(
        (await pageTable(page, 'indicateurs')).slice(1).map(([k, v]) => [k, v]),
      );
      assert.equal(totals.get('Recherches'), '6');
      assert.equal(totals.get('Clics sur un résultat'), '2');
      assert.equal(totals.get('Rang moyen du résultat cliqué'), '1');
      await checkPage(page, 'coordination-recherches-bureau');

      // Every table's CSV holds the cells of the page.
      for (const name of [
        'indicateurs',
        'frequentes',
        'sans-resultat',
        'sans-clic',
        'filtres',
        'par-jour',
      ]) {
        const response = await page.request.get(
          `${url}/coordination/recherches.csv?table=${name}&jours=7`,
        );
        assert.equal(response.status(), 200);
        assert.match(response.headers()['content-type'] ?? '', /^text\/csv; charset=utf-8/);
        assert.match(
          response.headers()['content-disposition'] ?? '',
          new RegExp(`^attachment; filename="?reperes-recherches-${name}-7-jours\\.csv"?$`),
        );
        const text = await response.text();
        assert.equal(text.charCodeAt(0), 0xfeff, `${name}: a byte order mark first`);
        const rows: string[][] = parseCsv(text.slice(1), { delimiter: ';' });
        assert.deepEqual(
          rows,
          await pageTable(page, name),
          `${name}: the CSV holds the page's cells`,
        );
      }

      // « Rédiger une ressource » opens the publishing form with the query as its title.
      await page
        .locator('[data-table="sans-resultat"] tr', { hasText: 'zinzolin quasimodo' })
        .locator('a', { hasText: 'Rédiger une ressource' })
        .click();
      assert.equal(await page.inputValue('input[name="title"]'), 'zinzolin quasimodo');
      await page.goBack();

      // « Marquer comme traité »: back on the page, the query is handled.
      await page
        .locator('[data-table="sans-resultat"] tr', { hasText: 'zinzolin quasimodo' })
        .locator('button', { hasText: 'Marquer comme traité' })
        .click();
      await page.waitForURL((address) => address.searchParams.has('traitee'));
      assert.equal(
        await page.locator('.fr-alert--success .fr-alert__title').textContent(),
        'Recherche marquée comme traitée',
      );
      assert.deepEqual(await rowOf(page, 'sans-resultat', 'zinzolin quasimodo'), [
        'zinzolin quasimodo',
        '1',
        'traitée',
      ]);

      const small = await coordinator.browser()?.newContext(mobile);
      try {
        assert.ok(small !== undefined);
        const phone = await small.newPage();
        await phone.goto(`${url}${localLinkPath(fixture.local)}`);
        await phone.goto(`${url}/coordination/recherches?jours=7`);
        // Nothing widens the page sideways: only the tables scroll, inside their frame.
        assert.equal(
          await phone.evaluate(() => document.documentElement.scrollWidth),
          mobile.viewport.width,
        );
        await checkPage(phone, 'coordination-recherches-mobile');
      } finally {
        await small?.close();
      }
    } finally {
      await withScript?.close();
      await withoutScript?.close();
      await coordinator?.close();
    }
  });
});
