import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { desktop, launchBrowser, mobile, screenshot } from './helpers/browser.ts';
import { startSite, type RunningSite } from './helpers/site.ts';

/**
 * Every kind of page, checked by axe-core and photographed at desktop (1280×800) and mobile
 * (375×812) width into test/artifacts/screenshots/.
 */

/** `mobileAxe`: pages whose small-screen layout differs enough to be checked there too. */
const pages = [
  { name: 'accueil', path: '/', mobileAxe: true },
  { name: 'resultats', path: '/recherche?q=sauvegardes', mobileAxe: true },
  { name: 'resultats-filtres', path: '/recherche?q=sauvegardes&topic=hebergement' },
  { name: 'resultats-vides', path: '/recherche?q=sekurte' },
  { name: 'resultats-invalides', path: '/recherche?topic=inconnue' },
  {
    name: 'ressource',
    path: '/ressources/contenu-heberger-un-service?q=r%C3%A9versibilit%C3%A9',
    mobileAxe: true,
  },
  { name: 'ressource-pdf', path: '/ressources/contenu-checklist-arrivee?q=badge' },
  { name: 'ressources', path: '/ressources' },
  { name: 'accessibilite', path: '/accessibilite' },
  { name: 'mentions-legales', path: '/mentions-legales' },
  { name: 'donnees-personnelles', path: '/donnees-personnelles' },
  { name: 'plan-du-site', path: '/plan-du-site' },
  { name: 'page-introuvable', path: '/page-qui-n-existe-pas' },
];

let site: RunningSite;
let browser: Browser;
let desktopContext: BrowserContext;
let mobileContext: BrowserContext;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  [desktopContext, mobileContext] = await Promise.all([
    browser.newContext(desktop),
    browser.newContext(mobile),
  ]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

describe('Accessibility (axe-core) and screenshots', () => {
  for (const { name, path, mobileAxe } of pages) {
    it(`${path} › axe-core reports no violation${mobileAxe === true ? ', at desktop and mobile width' : ''}`, async () => {
      for (const [context, width] of [
        [desktopContext, 'desktop'],
        [mobileContext, 'mobile'],
      ] as const) {
        const page = await context.newPage();
        try {
          await page.goto(site.url + path);
          // The DSFR script marks <html> once started: the page is in its final state.
          await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
          await screenshot(page, `${name}-${width}`);
          if (width === 'mobile' && mobileAxe !== true) continue;
          const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
          assert.deepEqual(
            violations.map(
              (violation) =>
                `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
            ),
            [],
            `violations at ${width} width`,
          );
        } finally {
          await page.close();
        }
      }
    });
  }
});
