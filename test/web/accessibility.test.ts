import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { desktop, launchBrowser, mobile, screenshot } from './helpers/browser.ts';
import { startSite, type RunningSite } from './helpers/site.ts';

/**
 * Every kind of page, checked by axe-core and photographed at desktop (1280×800) and mobile
 * (375×812) width into test/artifacts/screenshots/.
 */

/**
 * `axe`: where axe-core runs. Every page it skips shares its template with one it checks
 * (the suite must stay within about a minute).
 */
const pages: { name: string; path: string; axe: 'desktop' | 'both' | 'none' }[] = [
  { name: 'accueil', path: '/', axe: 'desktop' },
  { name: 'resultats', path: '/recherche?q=sauvegardes', axe: 'both' },
  { name: 'resultats-filtres', path: '/recherche?q=sauvegardes&topic=hebergement', axe: 'none' },
  { name: 'resultats-vides', path: '/recherche?q=sekurte', axe: 'desktop' },
  { name: 'resultats-invalides', path: '/recherche?topic=inconnue', axe: 'desktop' },
  {
    name: 'ressource',
    path: '/ressources/contenu-heberger-un-service?q=r%C3%A9versibilit%C3%A9',
    axe: 'both',
  },
  {
    name: 'ressource-liste-de-taches',
    path: '/ressources/contenu-choisir-une-licence#avant-de-publier',
    axe: 'both',
  },
  { name: 'ressource-pdf', path: '/ressources/contenu-checklist-arrivee?q=badge', axe: 'desktop' },
  { name: 'ressources', path: '/ressources', axe: 'none' },
  { name: 'accessibilite', path: '/accessibilite', axe: 'desktop' },
  { name: 'mentions-legales', path: '/mentions-legales', axe: 'desktop' },
  { name: 'donnees-personnelles', path: '/donnees-personnelles', axe: 'desktop' },
  { name: 'plan-du-site', path: '/plan-du-site', axe: 'none' },
  { name: 'page-introuvable', path: '/page-qui-n-existe-pas', axe: 'desktop' },
];

let site: RunningSite;
let browser: Browser;
/** One page per width, reused from address to address (a new page costs time). */
let desktopPage: Page;
let mobilePage: Page;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  const [desktopContext, mobileContext] = await Promise.all([
    browser.newContext(desktop),
    browser.newContext(mobile),
  ]);
  [desktopPage, mobilePage] = await Promise.all([
    desktopContext.newPage(),
    mobileContext.newPage(),
  ]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

describe('Accessibility (axe-core) and screenshots', () => {
  for (const { name, path, axe } of pages) {
    const claim = {
      both: 'axe-core reports no violation at desktop and mobile width',
      desktop: 'axe-core reports no violation',
      none: 'is photographed at both widths',
    }[axe];
    it(`${path} › ${claim}`, async () => {
      for (const [page, width] of [
        [desktopPage, 'desktop'],
        [mobilePage, 'mobile'],
      ] as const) {
        await page.goto(site.url + path);
        // The DSFR script marks <html> once started: the page is in its final state.
        await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
        await screenshot(page, `${name}-${width}`);
        if (axe === 'none' || (axe === 'desktop' && width === 'mobile')) continue;
        const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
        assert.deepEqual(
          violations.map(
            (violation) =>
              `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
          ),
          [],
          `violations at ${width} width`,
        );
      }
    });
  }
});
