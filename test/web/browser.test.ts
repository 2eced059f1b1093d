import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import {
  desktop,
  launchBrowser,
  mobile,
  screenshot,
  watchContext,
  type PageWatch,
} from './helpers/browser.ts';
import { startSite, XSS, type RunningSite } from './helpers/site.ts';

/** The web UI driven in Debian's Chromium: the paths people take, with and without JavaScript. */

let site: RunningSite;
let browser: Browser;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh page in its own context, watched; closed by the caller through `done`. */
async function openPage(
  options: BrowserContextOptions = desktop,
): Promise<{ page: Page; watch: PageWatch; done: () => Promise<void> }> {
  const context = await browser.newContext(options);
  // A broken step fails in seconds, not after Playwright's default 30 s.
  context.setDefaultTimeout(10_000);
  const watch = await watchContext(context);
  const page = await context.newPage();
  return { page, watch, done: () => context.close() };
}

/** Whether the element's box lies within the window. */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

const countHeading = (page: Page) => page.locator('#rp-count');

describe('Web UI in a browser', () => {
  describe('home', () => {
    it('searching from the search bar lists the hits for the words', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/`);
        await page.getByLabel('Rechercher dans Repères').fill('réversibilité');
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/recherche\?q=r%C3%A9versibilit%C3%A9$/);
        assert.equal(await page.title(), 'Recherche « réversibilité » – Repères');
        assert.equal(await countHeading(page).textContent(), '1 résultat pour « réversibilité »');
        assert.equal(
          await page.locator('.rp-hit__title a').textContent(),
          'Héberger un service numérique public',
        );
        assert.equal(
          await page.locator('.rp-hit__snippet mark').first().textContent(),
          'réversibilité',
        );
      } finally {
        await done();
      }
    });
  });

  describe('results', () => {
    it('filtering by a topic shows it as a dismissible tag, and dismissing it removes the filter', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        assert.equal(await countHeading(page).textContent(), '2 résultats pour « sauvegardes »');

        await page.locator('.rp-facet a.fr-tag', { hasText: 'Hébergement' }).click();
        await page.waitForURL(/topic=hebergement/);
        assert.equal(await countHeading(page).textContent(), '1 résultat pour « sauvegardes »');
        const dismiss = page.getByRole('link', { name: 'Retirer le filtre Hébergement' });
        assert.equal(await dismiss.getAttribute('class'), 'fr-tag fr-tag--sm fr-tag--dismiss');

        await dismiss.click();
        await page.waitForURL(/\/recherche\?q=sauvegardes$/);
        assert.equal(await countHeading(page).textContent(), '2 résultats pour « sauvegardes »');
        assert.equal(await page.locator('.fr-tag--dismiss').count(), 0);
      } finally {
        await done();
      }
    });

    it('a Markdown hit opens its resource page on its section, the heading in the viewport', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/recherche?q=réversibilité`);
        await page.locator('.rp-hit__title a').click();
        await page.waitForURL(/\/ressources\/contenu-heberger-un-service\?q=.*#sauvegardes-et-r/);
        const heading = page.locator('[id="sauvegardes-et-réversibilité"]');
        await page.waitForFunction(() => window.scrollY > 0);
        assert.ok(await inViewport(heading), 'the section heading is in the viewport');
        assert.match((await heading.textContent()) ?? '', /Sauvegardes et réversibilité/);
        // The words of the search are marked in the page.
        assert.equal(await heading.locator('mark').textContent(), 'réversibilité');
      } finally {
        await done();
      }
    });

    it('a PDF hit links to the original file at its page (#page=N), and to its text on the resource page', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/recherche?q=badge`);
        const link = page.locator('.rp-hit__title a');
        assert.equal(await link.textContent(), 'Checklist arrivée EIG');
        assert.equal(
          await link.getAttribute('href'),
          '/api/resources/contenu-checklist-arrivee/file#page=2',
        );
        assert.equal(await page.locator('.rp-hit__path').textContent(), 'Emplacement : Page 2');

        await page.getByRole('link', { name: 'Lire le texte de la page 2' }).click();
        await page.waitForURL(
          /\/ressources\/contenu-checklist-arrivee\?q=badge&retour=%2Frecherche%3Fq%3Dbadge#page-2$/,
        );
        const section = page.locator('#page-2');
        assert.ok(await inViewport(section.locator('h2')), 'page 2 is in the viewport');
        assert.equal(await section.locator('mark').textContent(), 'badge');
        assert.equal(
          await section
            .getByRole('link', { name: 'Ouvrir le PDF à la page 2' })
            .getAttribute('href'),
          '/api/resources/contenu-checklist-arrivee/file#page=2',
        );
      } finally {
        await done();
      }
    });

    it('updates as one types: hits, address and the count announced to screen readers follow the words', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/recherche`);
        await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
        const live = page.locator('#rp-live');
        assert.equal(await live.getAttribute('aria-live'), 'polite');
        assert.equal(await live.textContent(), '');

        await page
          .getByLabel('Rechercher dans Repères')
          .pressSequentially('licence', { delay: 20 });
        await page.waitForFunction(
          () => document.getElementById('rp-live')?.textContent === '1 résultat pour « licence »',
        );
        assert.equal(new URL(page.url()).search, '?q=licence');
        assert.equal(await page.title(), 'Recherche « licence » – Repères');
        assert.equal(
          await page.locator('.rp-hit__title a').textContent(),
          'Choisir une licence libre',
        );
        // Typing never moved the focus away from the field.
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'recherche-q');
      } finally {
        await done();
      }
    });

    it('is usable with the keyboard alone: skip link first, then search and open a hit', async () => {
      const { page, done } = await openPage();
      try {
        await page.goto(`${site.url}/`);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Contenu');
        await page.keyboard.press('Enter');
        // From the skip link, the search field is the first thing reached in the content.
        for (
          let i = 0;
          i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'recherche-q';
          i++
        ) {
          await page.keyboard.press('Tab');
        }
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'recherche-q');
        await page.keyboard.type('licence');
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/recherche\?q=licence$/);
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          if (
            (await page.evaluate(
              () => document.activeElement?.closest('.rp-hit__title') !== null,
            )) === true
          )
            break;
        }
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/ressources\/contenu-choisir-une-licence\?q=licence/);
        assert.equal(await page.locator('h1').textContent(), 'Choisir une licence libre');
      } finally {
        await done();
      }
    });
  });

  describe('without JavaScript', () => {
    it('search, filters, pagination and a hit all work as plain links and forms', async () => {
      const { page, done } = await openPage({ ...desktop, javaScriptEnabled: false });
      try {
        await page.goto(`${site.url}/`);
        assert.equal(await page.locator('html').getAttribute('data-fr-js'), null);
        await page.getByLabel('Rechercher dans Repères').fill('sauvegardes');
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/recherche\?q=sauvegardes$/);
        assert.equal(await countHeading(page).textContent(), '2 résultats pour « sauvegardes »');

        await page.locator('.rp-facet a.fr-tag', { hasText: 'Juridique' }).click();
        await page.waitForURL(/topic=juridique/);
        assert.equal(await countHeading(page).textContent(), '1 résultat pour « sauvegardes »');
        await page.getByRole('link', { name: 'Retirer le filtre Juridique' }).click();
        await page.waitForURL(/\/recherche\?q=sauvegardes$/);

        await page.goto(`${site.url}/recherche?q=sauvegardes&limit=1`);
        await page.getByRole('link', { name: 'Page suivante' }).click();
        await page.waitForURL(/page=2/);
        assert.equal(await page.locator('.rp-hit').count(), 1);
        assert.equal(
          await page.locator('[aria-current="page"].fr-pagination__link').textContent(),
          '2',
        );

        await page.locator('.rp-hit__title a').click();
        // Back to this very results page: page 2, one hit a page.
        await page.waitForURL(
          /\/ressources\/contenu-choisir-une-licence\?q=sauvegardes&retour=%2Frecherche%3Fq%3Dsauvegardes%26page%3D2%26limit%3D1#licences-/,
        );
        await page.waitForFunction(() => window.scrollY > 0);
        assert.ok(await inViewport(page.locator('[id="licences-à-réciprocité"]')));
      } finally {
        await done();
      }
    });
  });

  describe('on a mobile screen', () => {
    it('the header’s menu button opens the navigation', async () => {
      const { page, done } = await openPage(mobile);
      try {
        await page.goto(`${site.url}/mentions-legales`);
        await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
        const link = page
          .locator('#modal-menu')
          .getByRole('link', { name: 'Toutes les ressources' });
        assert.equal(await link.isVisible(), false);
        const button = page.getByRole('button', { name: 'Menu' });
        assert.equal(await button.isVisible(), true);

        await button.click();
        await page.waitForSelector('#modal-menu.fr-modal--opened');
        await link.waitFor({ state: 'visible' });
        // The open menu covers the window: a window-sized picture shows it.
        await screenshot(page, 'menu-ouvert-mobile', false);
        assert.equal(await button.getAttribute('data-fr-opened'), 'true');
        await link.click();
        await page.waitForURL(/\/ressources$/);
      } finally {
        await done();
      }
    });
  });

  describe('security', () => {
    it('loads nothing from another origin and reports no CSP violation, API documentation included', async () => {
      const { page, watch, done } = await openPage();
      try {
        for (const path of [
          '/',
          '/recherche?q=sauvegardes',
          '/recherche?q=zzzz',
          '/ressources/contenu-heberger-un-service?q=cloud',
          '/ressources/contenu-checklist-arrivee',
          '/ressources',
          '/accessibilite',
          '/page-inconnue',
        ]) {
          await page.goto(site.url + path);
          await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
        }
        // The display settings dialog loads the DSFR's pictograms.
        await page.getByRole('button', { name: 'Paramètres d’affichage' }).click();
        await page.waitForSelector('#fr-theme-modal.fr-modal--opened');
        await page.getByText('Thème sombre').click();
        await page.waitForSelector('html[data-fr-theme="dark"]', { state: 'attached' });

        await page.goto(`${site.url}/api/docs`);
        await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
        await page.getByRole('heading', { level: 1, name: 'Documentation de l’API' }).waitFor();
        await page.waitForLoadState('networkidle');

        const foreign = watch.requests.filter((url) => new URL(url).origin !== site.url);
        assert.deepEqual(foreign, []);
        assert.ok(
          watch.requests.some((url) => url.includes('/dsfr/') && url.endsWith('.woff2')),
          'Marianne comes from /dsfr',
        );
        assert.deepEqual(watch.cspViolations, []);
        assert.deepEqual(watch.errors, []);
      } finally {
        await done();
      }
    });

    it('shows a document with <script> in its title, body and front matter as text on every page, and no dialog opens', async () => {
      const { page, watch, done } = await openPage();
      try {
        const title = `${XSS} Guide piégé`;
        for (const path of [
          '/',
          '/ressources',
          '/recherche?q=chaussetrappe',
          '/ressources/contenu-guide-piege',
        ]) {
          await page.goto(site.url + path);
          await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
          const shown = page.getByText(title, { exact: true });
          assert.ok((await shown.count()) >= 1, `${path} shows the title as text`);
          assert.equal(
            await page.evaluate(() =>
              Array.from(document.scripts).some((script) => script.textContent.includes('alert')),
            ),
            false,
            `${path} runs no injected script`,
          );
          assert.equal(
            await page.locator('[onerror], a[href^="javascript:"]').count(),
            0,
            `${path} has no handler`,
          );
        }
        assert.equal(await page.title(), `${title} – Repères`);
        assert.equal(await page.getByText(`Résumé ${XSS} piégé`).count(), 1);
        assert.deepEqual(watch.dialogs, []);
        assert.deepEqual(watch.errors, []);
      } finally {
        await done();
      }
    });
  });
});
