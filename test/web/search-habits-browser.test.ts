import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { contentFolder } from '../helpers/ingest.ts';
import {
  assertNoAxeViolations,
  desktop,
  launchBrowser,
  mobile,
  openWatchedPage,
  screenshot,
  scriptsReady,
} from './helpers/browser.ts';
import {
  checklistPdf,
  guideMarkdown,
  licenceMarkdown,
  startSite,
  type RunningSite,
} from './helpers/site.ts';

/**
 * Issue 16, the search page's habits, in Chromium with and without JavaScript: the search
 * shortcut, « Copier le lien » on headings, « Retour aux résultats » that keeps the
 * results page, pages past the last one, the mobile filter panel and the print stylesheet.
 */

let site: RunningSite;
let browser: Browser;

const guide = '/ressources/contenu-heberger-un-service';
const externalHref = 'https://references.modernisation.gouv.fr/rgaa-accessibilite';

before(async () => {
  const contentDir = await contentFolder({
    'heberger-un-service.md': `${guideMarkdown}\nVoir aussi [le RGAA](${externalHref}).\n`,
    'choisir-une-licence.md': licenceMarkdown,
    'checklist-arrivee.pdf': checklistPdf,
  });
  [site, browser] = await Promise.all([startSite({ contentDir }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const noScript = { ...desktop, javaScriptEnabled: false } satisfies BrowserContextOptions;
const noScriptMobile = { ...mobile, javaScriptEnabled: false } satisfies BrowserContextOptions;

/** Opens a page, runs the steps, closes the context even when a step fails. */
async function withPage(
  options: BrowserContextOptions,
  steps: (page: Page) => Promise<void>,
): Promise<void> {
  const { page, watch, done } = await openWatchedPage(browser, options);
  try {
    await steps(page);
    assert.deepEqual(watch.errors, [], 'no script error');
  } finally {
    await done();
  }
}

describe('search page habits in a browser', () => {
  describe('search shortcut', () => {
    it('« / » puts the cursor in the header’s search field, from any page', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}/ressources`);
        await scriptsReady(page);
        await page.keyboard.press('/');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'recherche-entete-q');
        // The « / » was not typed into the field.
        assert.equal(await page.locator('#recherche-entete-q').inputValue(), '');
      });
    });

    it('Ctrl+K puts the cursor in the results page’s own field, its words selected, and the hint shows the keys', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        await scriptsReady(page);
        const hint = page.locator('.rp-shortcut-hint');
        assert.equal(await hint.isVisible(), true);
        assert.deepEqual(await hint.locator('kbd').allTextContents(), ['/', 'Ctrl', 'K']);
        await page.keyboard.press('Control+k');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'recherche-q');
        // Typing replaces the previous words.
        await page.keyboard.type('licence');
        assert.equal(await page.locator('#recherche-q').inputValue(), 'licence');
      });
    });

    it('does nothing while someone types in a field: « / » is typed', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}/ressources`);
        await scriptsReady(page);
        await page.locator('#recherche-entete-q').fill('cloud');
        await page.locator('#recherche-entete-q').press('/');
        assert.equal(await page.locator('#recherche-entete-q').inputValue(), 'cloud/');
      });
    });

    it('shows no hint on a phone, nor without JavaScript (no shortcut then)', async () => {
      await withPage(mobile, async (page) => {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        await scriptsReady(page);
        assert.equal(await page.locator('.rp-shortcut-hint').isVisible(), false);
      });
      await withPage(noScript, async (page) => {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        assert.equal(await page.locator('.rp-shortcut-hint').isVisible(), false);
      });
    });
  });

  describe('« Copier le lien » on headings', () => {
    it('copies the section’s full address and announces « Lien copié »', async () => {
      await withPage(desktop, async (page) => {
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: site.url,
        });
        await page.goto(`${site.url}${guide}?q=cloud`);
        await scriptsReady(page);
        const copy = page.getByRole('link', {
          name: 'Copier le lien vers la section « Sauvegardes et réversibilité »',
        });
        assert.equal(await copy.isVisible(), true);
        await copy.click();
        await page.waitForFunction(
          () => document.getElementById('rp-copy-status')?.textContent === 'Lien copié',
        );
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        // The words of the search stay out of a shared address.
        assert.equal(decodeURI(copied), `${site.url}${guide}#sauvegardes-et-réversibilité`);
        await screenshot(page, 'habits-copy-link-desktop', false);
      });
    });

    it('puts one after each h2 and h3 of the content, and none in the headings themselves', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}${guide}`);
        const headings = page.locator('#contenu-ressource :is(h2, h3)');
        const count = await headings.count();
        assert.ok(count >= 5, `${count} headings`);
        assert.equal(await page.locator('#contenu-ressource a[data-copy-link]').count(), count);
        assert.equal(
          await page.locator('#contenu-ressource :is(h2, h3) a[data-copy-link]').count(),
          0,
        );
      });
    });

    it('a PDF’s pages have one too', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}/ressources/contenu-checklist-arrivee`);
        assert.equal(
          await page
            .getByRole('link', { name: 'Copier le lien vers la section « Page 2 »' })
            .getAttribute('href'),
          '#page-2',
        );
      });
    });

    it('without JavaScript it is a plain link to the anchor', async () => {
      await withPage(noScript, async (page) => {
        await page.goto(`${site.url}${guide}`);
        await page
          .getByRole('link', { name: 'Copier le lien vers la section « Choisir son hébergeur »' })
          .click();
        await page.waitForURL(/#choisir-son-h%C3%A9bergeur$|#choisir-son-hébergeur$/);
      });
    });
  });

  describe('« Retour aux résultats »', () => {
    for (const [label, options] of [
      ['with JavaScript', desktop],
      ['without JavaScript', noScript],
    ] as const) {
      it(`leads back to the same results: words, filters and page (${label})`, async () => {
        await withPage(options, async (page) => {
          const results = '/recherche?q=sauvegardes&page=2&limit=1';
          await page.goto(`${site.url}${results}`);
          await page.locator('.rp-hit__title a').click();
          await page.waitForURL(/\/ressources\//);
          const back = page.getByRole('link', {
            name: 'Retour aux résultats pour « sauvegardes »',
          });
          assert.equal(await back.getAttribute('href'), results);
          await back.click();
          await page.waitForURL(`${site.url}${results}`);
          assert.match((await page.locator('#rp-count').textContent()) ?? '', /2 résultats/);
          assert.equal(
            await page.locator('.fr-pagination [aria-current="page"]').textContent(),
            '2',
          );
        });
      });
    }

    it('keeps the filters of a search with no words', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}/recherche?topic=hebergement`);
        await page.locator('.rp-hit__title a').first().click();
        await page.waitForURL(/\/ressources\//);
        const back = page.getByRole('link', { name: 'Retour aux résultats', exact: true });
        assert.equal(await back.getAttribute('href'), '/recherche?topic=hebergement');
      });
    });

    it('never leads off the results pages: another address in `retour` is ignored', async () => {
      await withPage(noScript, async (page) => {
        await page.goto(
          `${site.url}${guide}?q=cloud&retour=${encodeURIComponent('https://evil.example/recherche')}`,
        );
        const back = page.getByRole('link', { name: /Retour aux résultats/ });
        assert.equal(await back.getAttribute('href'), '/recherche?q=cloud');
        await page.goto(`${site.url}${guide}?retour=${encodeURIComponent('/coordination')}`);
        assert.equal(await page.getByRole('link', { name: /Retour aux résultats/ }).count(), 0);
      });
    });
  });

  describe('past the last page', () => {
    it('a results page past the end says so (404) and links to the last page, with no « Page suivante »', async () => {
      await withPage(noScript, async (page) => {
        const response = await page.goto(`${site.url}/recherche?q=sauvegardes&limit=1&page=99`);
        assert.equal(response?.status(), 404);
        assert.equal(
          await page.locator('.rp-past-last-page .fr-alert__title').textContent(),
          'La page 99 n’existe pas',
        );
        assert.equal(await page.getByRole('link', { name: 'Page suivante' }).count(), 0);
        const last = page.getByRole('link', { name: 'Aller à la dernière page (page 2)' });
        assert.equal(await last.getAttribute('href'), '/recherche?q=sauvegardes&page=2&limit=1');
        await last.click();
        await page.waitForURL(/page=2/);
        assert.equal(await page.locator('.rp-hit').count(), 1);
      });
    });

    it('the resources list past the end says so (404) and links to its last page', async () => {
      await withPage(noScript, async (page) => {
        const response = await page.goto(`${site.url}/ressources?limit=1&page=99`);
        assert.equal(response?.status(), 404);
        assert.equal(await page.locator('.rp-item').count(), 0);
        assert.equal(await page.getByRole('link', { name: 'Page suivante' }).count(), 0);
        const last = page.getByRole('link', { name: /^Aller à la dernière page \(page \d+\)$/ });
        await last.click();
        await page.waitForURL(/page=\d+/);
        assert.equal(await page.locator('.rp-item').count(), 1);
        // On the real last page, « Page suivante » leads nowhere.
        assert.equal(
          await page.locator('.fr-pagination__link--next').getAttribute('aria-disabled'),
          'true',
        );
      });
    });

    it('a list that fits on one page links to it', async () => {
      await withPage(noScript, async (page) => {
        const response = await page.goto(`${site.url}/ressources?page=99`);
        assert.equal(response?.status(), 404);
        assert.equal(
          await page.getByRole('link', { name: 'Aller à la première page' }).getAttribute('href'),
          '/ressources',
        );
      });
    });
  });

  describe('filters on a phone', () => {
    it('stay open while one filters, and the button says what it does', async () => {
      await withPage(mobile, async (page) => {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        await scriptsReady(page);
        const toggle = page.locator('details.rp-filters > summary');
        assert.equal(await toggle.innerText(), 'Afficher les filtres');
        assert.equal(await page.locator('.rp-facets').isVisible(), false);

        await toggle.click();
        assert.equal(await toggle.innerText(), 'Masquer les filtres');
        await page.locator('.rp-facet a.fr-tag', { hasText: 'Hébergement' }).click();
        await page.waitForURL(/topic=hebergement/);
        await scriptsReady(page);
        assert.equal(await page.locator('.rp-facets').isVisible(), true);
        assert.equal(await toggle.innerText(), 'Masquer les filtres (1 actif)');
        await screenshot(page, 'habits-filters-open-mobile');

        // Closed by the person: it stays closed on the next page.
        await toggle.click();
        assert.equal(await toggle.innerText(), 'Afficher les filtres (1 actif)');
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        await scriptsReady(page);
        assert.equal(await page.locator('.rp-facets').isVisible(), false);
        assert.equal(await toggle.innerText(), 'Afficher les filtres');
      });
    });

    it('without JavaScript they are open, and the button says « Masquer les filtres »', async () => {
      await withPage(noScriptMobile, async (page) => {
        await page.goto(`${site.url}/recherche?q=sauvegardes`);
        assert.equal(await page.locator('.rp-facets').isVisible(), true);
        assert.equal(
          await page.locator('details.rp-filters > summary').innerText(),
          'Masquer les filtres',
        );
      });
    });
  });

  describe('printing a resource', () => {
    it('leaves out the header’s tools, the footer and the table of contents; the text takes the width', async () => {
      await withPage(desktop, async (page) => {
        await page.goto(`${site.url}${guide}`);
        await scriptsReady(page);
        const toc = page.locator('.rp-resource-grid > .fr-col-md-4');
        assert.equal(await toc.isVisible(), true, 'the table of contents shows on screen');
        await page.emulateMedia({ media: 'print' });
        assert.equal(await toc.isVisible(), false);
        for (const selector of ['.fr-header__tools', '.fr-footer', '.rp-copy-link']) {
          assert.equal(await page.locator(selector).first().isVisible(), false, selector);
        }
        const widths = await page.evaluate(() => {
          const grid = document.querySelector('.rp-resource-grid');
          const content = document.querySelector('.rp-resource-grid > .fr-col-md-8');
          return {
            grid: grid?.getBoundingClientRect().width ?? 0,
            content: content?.getBoundingClientRect().width ?? 0,
          };
        });
        // The grid's gutters are the columns' padding: the column spans the whole row.
        assert.equal(Math.round(widths.content), Math.round(widths.grid));
        const after = await page
          .locator(`.rp-content a[href="${externalHref}"]`)
          .evaluate((link) => getComputedStyle(link, '::after').content);
        assert.equal(after, `" (${externalHref})"`);
        const pdf = await page.pdf({ format: 'A4' });
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        await screenshot(page, 'habits-print-resource');
      });
    });
  });

  describe('accessibility', () => {
    const pages = [
      ['resultats', '/recherche?q=sauvegardes&topic=hebergement'],
      ['resultats-apres-la-fin', '/recherche?q=sauvegardes&page=99'],
      ['ressources-apres-la-fin', '/ressources?limit=1&page=99'],
      ['ressource', `${guide}?q=cloud&retour=%2Frecherche%3Fq%3Dcloud`],
      ['ressource-pdf', '/ressources/contenu-checklist-arrivee'],
      ['accueil', '/'],
    ] as const;
    for (const [viewport, options] of [
      ['1280', desktop],
      ['375', mobile],
    ] as const) {
      it(`axe-core finds no violation on the touched pages at ${viewport} px`, async () => {
        await withPage(options, async (page) => {
          for (const [name, path] of pages) {
            await page.goto(site.url + path);
            await scriptsReady(page);
            await assertNoAxeViolations(page, `${name} at ${viewport} px`);
            await screenshot(page, `habits-${name}-${viewport}`);
          }
        });
      });
    }
  });
});
