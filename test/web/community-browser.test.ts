import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { corpusExists } from '../helpers/ingest.ts';
import {
  axeViolations,
  desktop,
  launchBrowser,
  mobile,
  openWatchedPage,
  screenshot,
  scriptsReady,
} from './helpers/browser.ts';
import { startProgrammeSite } from './helpers/programme-site.ts';
import type { RunningSite } from './helpers/site.ts';

/**
 * Past défis and the community in Debian's Chromium, on the corpus's défi pages and the
 * programme's data: from a défi to a team member and on to their other défi, the
 * administration filter of the results, axe-core and screenshots at both widths.
 */

const hasCorpus = await corpusExists();
const predisauvetage = '/ressources/contenu-defis-2018-01-01-donneesauvetagemaritime';

let site: RunningSite;
let browser: Browser;

before(async () => {
  if (!hasCorpus) return;
  [site, browser] = await Promise.all([startProgrammeSite(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const openPage = (options: BrowserContextOptions = desktop) => openWatchedPage(browser, options);

describe('Défis and the community in a browser', { skip: !hasCorpus }, () => {
  it('from a défi page to a team member’s page, then to their other défi, where they are in the team', async () => {
    const { page, watch, done } = await openPage();
    try {
      await page.goto(site.url + predisauvetage);
      await page.locator('#equipe').getByRole('link', { name: 'Antoine Augusti' }).click();
      await page.waitForURL((url) => url.pathname === '/communaute/antoine-augusti');
      assert.equal(await page.locator('h1').textContent(), 'Antoine Augusti');
      const defis = page.locator('#defis').getByRole('link');
      assert.deepEqual(await defis.allTextContents(), ['PrédiSauvetage', 'EIG Link']);
      await defis.filter({ hasText: 'EIG Link' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/ressources/'));
      assert.notEqual(new URL(page.url()).pathname, predisauvetage);
      assert.equal(await page.locator('h1').textContent(), 'EIG Link');
      await page.locator('#equipe').getByRole('link', { name: 'Antoine Augusti' }).waitFor();
      // And back to the first défi from the person's page.
      await page.goBack();
      await page.locator('#defis').getByRole('link', { name: 'PrédiSauvetage' }).click();
      await page.waitForURL((url) => url.pathname === predisauvetage);
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.cspViolations, []);
    } finally {
      await done();
    }
  });

  it('the administration filter of the results keeps only that administration’s défis', async () => {
    const { page, watch, done } = await openPage();
    try {
      await page.goto(`${site.url}/recherche?type=defi`);
      const tag = page
        .locator('.rp-facet', { has: page.locator('#filtre-administration') })
        .getByRole('link', { name: /^Ministère de l’Intérieur/ });
      const expected = Number(/\((\d+)\)/.exec((await tag.textContent()) ?? '')?.[1]);
      assert.ok(expected >= 2, `the tag counts its défis: ${expected}`);
      await tag.click();
      await page.waitForURL((url) => url.searchParams.get('administration') !== null);
      assert.equal(
        new URL(page.url()).searchParams.get('administration'),
        'Ministère de l’Intérieur',
      );
      const cards = page.locator('.rp-hit--card');
      assert.equal(await cards.count(), expected);
      for (const text of await cards.locator('.fr-card__detail').allTextContents())
        assert.equal(text, 'Administration : Ministère de l’Intérieur');
      assert.deepEqual(watch.errors, []);
    } finally {
      await done();
    }
  });

  for (const [name, options] of [
    ['desktop', desktop],
    ['mobile', mobile],
  ] as const) {
    it(`the défi, person and community pages › axe-core reports no violation at ${name} width`, async () => {
      const { page, done } = await openPage(options);
      try {
        await page.goto(`${site.url}/communaute/loup-theron`);
        const monitorFish = await page
          .locator('#defis')
          .getByRole('link', { name: 'MonitorFish' })
          .getAttribute('href');
        assert.ok(monitorFish !== null);
        for (const [shot, path] of [
          ['defi-predisauvetage', predisauvetage],
          ['defi-monitorfish', monitorFish],
          ['personne', '/communaute/loup-theron'],
          ['communaute', '/communaute'],
          ['communaute-filtree', '/communaute?profil=Designer&competence=design'],
          ['resultats-defis', '/recherche?q=monitorfish'],
        ]) {
          await page.goto(site.url + path);
          // The DSFR script marks <html> once started: the page is in its final state.
          await scriptsReady(page);
          await screenshot(page, `${shot}-${name}`);
          assert.deepEqual(await axeViolations(page), [], path);
        }
      } finally {
        await done();
      }
    });
  }
});
