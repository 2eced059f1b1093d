import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { projectRoot } from '../helpers/service.ts';
import {
  axeViolations,
  desktop,
  launchBrowser,
  mobile,
  openWatchedPage,
  screenshot,
  scriptsReady,
} from './helpers/browser.ts';
import { startSite, type RunningSite } from './helpers/site.ts';

/**
 * The parcours in Debian's Chromium, on the shipped guides and their parcours: following
 * one to the end, keeping progress with and without JavaScript, the badge in search
 * results, axe-core and screenshots of both pages at both widths.
 */

const startTitle = 'Bien démarrer sa promotion';
const developerAudience = 'EIG développeur·se';

let site: RunningSite;
let browser: Browser;
/** The address of "Bien démarrer sa promotion", read from the list as a reader would. */
let startPath: string;

before(async () => {
  [site, browser] = await Promise.all([
    startSite({ contentDir: path.join(projectRoot, 'guides') }),
    launchBrowser(),
  ]);
  const { page, done } = await openPage();
  try {
    await page.goto(`${site.url}/parcours`);
    const href = await page
      .getByRole('link', { name: startTitle, exact: true })
      .getAttribute('href');
    assert.ok(href !== null);
    startPath = href;
  } finally {
    await done();
  }
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const openPage = (options: BrowserContextOptions = desktop) =>
  openWatchedPage(browser, options, 10_000);

/** Whether the browser's address is this link (the browser percent-encodes accented anchors). */
function sameAddress(url: URL, link: string): boolean {
  return decodeURIComponent(url.pathname + url.search + url.hash) === decodeURIComponent(link);
}

const progressText = (page: Page) => page.locator('[data-parcours-progress-text]').textContent();

/** The steps' links, in order, as the parcours page lists them. */
async function stepLinks(page: Page): Promise<string[]> {
  return page
    .locator('.rp-step__title a')
    .evaluateAll((links) =>
      links.map((link) => (link as HTMLAnchorElement).getAttribute('href') ?? ''),
    );
}

describe('Parcours in a browser', () => {
  it('following "Bien démarrer sa promotion" from step 1 with the next links reaches its last step, then the parcours', async () => {
    const { page, watch, done } = await openPage();
    try {
      await page.goto(site.url + startPath);
      const links = await stepLinks(page);
      assert.ok(links.length >= 4, `only ${links.length} steps`);
      await page.locator('.rp-step__title a').first().click();
      for (const [index, link] of links.entries()) {
        await page.waitForURL((url) => sameAddress(url, link));
        assert.equal(
          await page.locator('#parcours-etape').textContent(),
          `Étape ${index + 1} sur ${links.length} du parcours « ${startTitle} »`,
        );
        if (index < links.length - 1) {
          await page
            .getByRole('link', { name: /^Étape suivante/ })
            .first()
            .click();
        }
      }
      await page
        .getByRole('link', { name: /^Fin du parcours/ })
        .first()
        .click();
      await page.waitForURL((url) => url.pathname === startPath);
      assert.equal(await page.locator('h1').textContent(), startTitle);
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.cspViolations, []);
    } finally {
      await done();
    }
  });

  it('the previous link goes back one step', async () => {
    const { page, done } = await openPage();
    try {
      await page.goto(site.url + startPath);
      const links = await stepLinks(page);
      await page.goto(site.url + links[1]);
      await page
        .getByRole('link', { name: /^Étape précédente/ })
        .first()
        .click();
      await page.waitForURL((url) => sameAddress(url, links[0] ?? ''));
      assert.match((await page.locator('#parcours-etape').textContent()) ?? '', /^Étape 1 sur /);
    } finally {
      await done();
    }
  });

  it('with JavaScript, the steps marked as read are kept after a reload and in the address', async () => {
    const { page, watch, done } = await openPage();
    try {
      await page.goto(site.url + startPath);
      await scriptsReady(page);
      const total = (await stepLinks(page)).length;
      assert.equal(await progressText(page), `0 étape sur ${total}`);
      // The button is for pages without JavaScript: each tick is saved at once.
      assert.equal(
        await page.getByRole('button', { name: 'Enregistrer ma progression' }).isVisible(),
        false,
      );
      await page.locator('label[for="lu-1"]').click();
      await page.locator('label[for="lu-3"]').click();
      assert.equal(await progressText(page), `2 étapes sur ${total}`);
      assert.equal(new URL(page.url()).search, '?lu=1,3');
      // The bare address: the browser remembers.
      await page.goto(site.url + startPath);
      await page.reload();
      assert.equal(await progressText(page), `2 étapes sur ${total}`);
      assert.equal(await page.locator('#lu-1').isChecked(), true);
      assert.equal(await page.locator('#lu-2').isChecked(), false);
      assert.equal(await page.locator('#lu-3').isChecked(), true);
      assert.equal(
        await page.locator('progress').evaluate((bar) => (bar as HTMLProgressElement).value),
        2,
      );
      await page.locator('label[for="lu-1"]').click();
      await page.reload();
      assert.equal(await progressText(page), `1 étape sur ${total}`);
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.errors, []);
    } finally {
      await done();
    }
  });

  it('without JavaScript, ticking steps and saving keeps the progress in an address that can be shared, and the step links still lead through the parcours', async () => {
    const { page, done } = await openPage({ ...desktop, javaScriptEnabled: false });
    try {
      await page.goto(site.url + startPath);
      const total = (await stepLinks(page)).length;
      await page.locator('label[for="lu-1"]').click();
      await page.locator('label[for="lu-2"]').click();
      await page.getByRole('button', { name: 'Enregistrer ma progression' }).click();
      await page.waitForURL((url) => url.searchParams.getAll('lu').join(',') === '1,2');
      assert.equal(await progressText(page), `2 étapes sur ${total}`);
      const share = await page
        .getByRole('link', { name: 'Lien vers ce parcours avec ma progression' })
        .getAttribute('href');
      assert.equal(share, `${startPath}?lu=1,2`);
      await page.goto(site.url + share);
      assert.equal(await progressText(page), `2 étapes sur ${total}`);
      assert.equal(await page.locator('#lu-2').isChecked(), true);
      await page.locator('.rp-step__title a').first().click();
      assert.match((await page.locator('#parcours-etape').textContent()) ?? '', /^Étape 1 sur /);
      await page
        .getByRole('link', { name: /^Étape suivante/ })
        .first()
        .click();
      assert.match((await page.locator('#parcours-etape').textContent()) ?? '', /^Étape 2 sur /);
    } finally {
      await done();
    }
  });

  it('a search hit whose resource is a step of "Bien démarrer sa promotion" carries the badge "Étape n · Bien démarrer sa promotion"', async () => {
    const { page, done } = await openPage();
    try {
      await page.goto(site.url + startPath);
      // Step 1 is one section of a guide: the page names the guide under the section's link.
      const resourceTitle =
        (await page.locator('.rp-step').first().locator('.rp-step__source cite').textContent()) ??
        '';
      assert.notEqual(resourceTitle, '');
      await page.goto(`${site.url}/recherche?q=${encodeURIComponent(resourceTitle)}`);
      const hit = page
        .locator('.rp-hit', { has: page.getByRole('link', { name: resourceTitle, exact: true }) })
        .first();
      const badge = hit.locator('.rp-hit__parcours a', { hasText: startTitle });
      assert.match(
        (await badge.textContent()) ?? '',
        new RegExp(`^Étape 1 sur \\d+ du parcours · ${startTitle}$`),
      );
      await screenshot(page, 'parcours-badge-resultats-desktop');
      await badge.click();
      await page.waitForURL((url) => url.pathname === startPath && url.hash === '#etape-1');
    } finally {
      await done();
    }
  });

  it('an unknown parcours answers 404 with a page that says so', async () => {
    const { page, done } = await openPage();
    try {
      const response = await page.goto(`${site.url}/parcours/parcours-inconnu`);
      assert.equal(response?.status(), 404);
      assert.match(
        (await page.locator('main').textContent()) ?? '',
        /Aucun parcours ne porte l’identifiant « parcours-inconnu »/,
      );
    } finally {
      await done();
    }
  });

  it('the home page shows the parcours above the topics', async () => {
    const { page, done } = await openPage();
    try {
      await page.goto(`${site.url}/`);
      const headings = await page.locator('main h2').allTextContents();
      assert.ok(headings.indexOf('Par où commencer ?') >= 0, headings.join(' | '));
      assert.ok(
        headings.indexOf('Par où commencer ?') < headings.indexOf('Parcourir par thématique'),
      );
      await page
        .locator('section[aria-labelledby="parcours-titre"]')
        .getByRole('link', { name: startTitle, exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === startPath);
    } finally {
      await done();
    }
  });

  it('on the home page, « Je suis : EIG développeur·se » shows that audience’s parcours without JavaScript, marked as the current choice', async () => {
    const { page, done } = await openPage({ ...desktop, javaScriptEnabled: false });
    try {
      await page.goto(`${site.url}/`);
      const choice = page.getByRole('navigation', { name: 'Je suis :' });
      const current = () => choice.locator('[aria-current="true"]').textContent();
      assert.equal(await current(), 'nouvelle promotion');
      const cards = page.locator('section[aria-labelledby="parcours-titre"] .fr-card__title');
      assert.ok((await cards.allTextContents()).includes(startTitle));
      await choice.getByRole('link', { name: developerAudience }).click();
      await page.waitForURL((url) => url.searchParams.get('public') === developerAudience);
      assert.equal(await current(), developerAudience);
      const titles = await cards.allTextContents();
      assert.ok(titles.length > 0 && !titles.includes(startTitle), titles.join(' | '));
      assert.ok(titles.includes('Publier son code en open source'), titles.join(' | '));
    } finally {
      await done();
    }
  });

  for (const [name, width] of [
    ['desktop', desktop],
    ['mobile', mobile],
  ] as const) {
    it(`axe-core reports no violation on the home page with an audience chosen, the parcours list, a parcours (with progress) and the frame of a step's resource page at ${name} width`, async () => {
      const { page, done } = await openPage(width);
      try {
        const links = await (async () => {
          await page.goto(site.url + startPath);
          return stepLinks(page);
        })();
        for (const [shot, address] of [
          ['accueil-public', `/?public=${encodeURIComponent(developerAudience)}`],
          ['parcours-liste', '/parcours'],
          ['parcours', `${startPath}?lu=1,2`],
          ['parcours-etape', links[1] ?? ''],
        ] as const) {
          await page.goto(site.url + address);
          await scriptsReady(page);
          await screenshot(page, `${shot}-${name}`, shot !== 'parcours-etape');
          // The step's resource page whole, its guide's task lists included.
          assert.deepEqual(await axeViolations(page), [], `${address} at ${name} width`);
        }
      } finally {
        await done();
      }
    });
  }
});
