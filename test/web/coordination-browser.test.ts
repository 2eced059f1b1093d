import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { coordinationApp, type CoordinationFixture } from '../helpers/coordination.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { startOidcProvider, type RunningProvider } from '../helpers/oidc-provider.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { checkPage, desktop, launchBrowser, mobile } from './helpers/browser.ts';

/**
 * Acceptance 1 of issue 12, in Chromium: a coordinator signs in through a real OpenID
 * Connect provider (oidc-provider, in this process), publishes a Markdown guide written
 * in the form and an uploaded PDF, finds each with the site's search page, edits a title,
 * retires a resource and restores it from its history; axe-core reports no violation on
 * any coordinators' page.
 */

const { client } = testMeili();
const folder = temporaryFolders('coordination-browser');
const { prefix } = uniqueIndexes('coordbrowser');

let server: Server;
let provider: RunningProvider;
let fixture: CoordinationFixture;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;

before(async () => {
  // The app's address first: the provider registers its return address.
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${url}/connexion/retour`;
  provider = await startOidcProvider(
    {
      'ada.lovelace': {
        email: 'ada.lovelace@beta.gouv.fr',
        given_name: 'Ada',
        usual_name: 'Lovelace',
      },
    },
    redirectUri,
  );
  const guides = await contentFolder(
    { 'cadrage.md': '# Cadrage\n\nLe cadrage d’un projet de la promotion.\n' },
    'guides',
  );
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [guides])).failed, []);
  fixture = await coordinationApp({
    meili: client,
    prefix,
    contentDirs: [guides],
    tokensDir: await folder(),
    coordinators: ['@beta.gouv.fr'],
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
    },
  });
  server.on('request', fixture.app);
  browser = await launchBrowser();
  context = await browser.newContext(desktop);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await provider?.close();
  await dropIndexes(client, prefix);
});

/** The titles of the site's search page for a query. */
async function searchTitles(q: string): Promise<string[]> {
  await page.goto(`${url}/recherche?q=${encodeURIComponent(q)}`);
  return page.locator('.rp-hit__title').allTextContents();
}

function successTitle(): Promise<string | null> {
  return page.locator('.fr-alert--success .fr-alert__title').textContent();
}

const guideTitle = 'Réversibilité des hébergements';
const guideText = [
  '## Quitter un hébergeur',
  '',
  'Le plan de réversibilité prévoit l’export des données et des sauvegardes chiffrées : un **quasimodo** de contrôle à chaque étape.',
  '',
  '- inventaire des données',
  '- calendrier de migration',
].join('\n');
const pdfTitle = 'Charte de la donnée partagée';
const pdf = buildPdf({
  title: 'Charte',
  pages: [
    [
      'Charte de la donnée',
      '',
      'Les ministères partagent leurs jeux de données avec un zinzolin de gouvernance.',
    ],
    ['Engagements', '', 'Chaque producteur publie la documentation de ses données.'],
  ],
});

describe('Coordinators in the browser (acceptance 1)', () => {
  it('signs in with ProConnect (a real OIDC provider), publishes, finds, edits, retires and restores; axe finds nothing', async () => {
    // Signed out: the coordinators' space asks to sign in, ProConnect does it.
    await page.goto(`${url}/coordination`);
    assert.match(page.url(), /\/connexion\?retour=%2Fcoordination$/);
    await page.locator('a.fr-connect').click();
    await page.waitForURL((address) => address.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill('ada.lovelace');
    await page.locator('input[name="password"]').fill('peu importe');
    await page.locator('button[type="submit"]').click();
    // The development consent page, when the provider asks for it.
    while (!page.url().startsWith(url)) {
      await page.waitForLoadState();
      if (page.url().startsWith(url)) break;
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(
        (address) => address.href.startsWith(url) || address.href.includes('/interaction/'),
      );
    }
    await page.waitForURL(`${url}/coordination`);
    assert.equal((await page.locator('#rp-utilisateur').textContent())?.trim(), 'Ada Lovelace');
    await checkPage(page, 'coordination-liste-vide');

    // A Markdown guide written in the text area, previewed, then published.
    await page.getByRole('link', { name: 'Publier une ressource' }).click();
    await checkPage(page, 'coordination-publier');
    await page.getByLabel('Titre (obligatoire)').fill(guideTitle);
    await page.getByLabel('Résumé').fill('Comment quitter un hébergeur en emportant ses données.');
    // DSFR draws the box with the label, which takes the click.
    await page.locator('label[for="rp-topic-hebergement"]').click();
    assert.equal(await page.getByLabel('Hébergement').isChecked(), true);
    await page.getByLabel('Ou texte en Markdown').fill(guideText);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.waitForSelector('#rp-preview-title');
    assert.equal(await page.locator('.rp-preview h2').textContent(), 'Quitter un hébergeur');
    assert.equal(await page.locator('.rp-preview strong').textContent(), 'quasimodo');
    assert.equal(await page.getByLabel('Titre (obligatoire)').inputValue(), guideTitle);
    await checkPage(page, 'coordination-publier-apercu');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.waitForURL(/\/coordination\?fait=publie/);
    assert.equal(await successTitle(), 'Ressource publiée');
    await checkPage(page, 'coordination-liste-publiee');
    assert.deepEqual(await searchTitles('quasimodo'), [guideTitle]);

    // A PDF, uploaded.
    await page.goto(`${url}/coordination/publier`);
    await page.getByLabel('Titre (obligatoire)').fill(pdfTitle);
    await page.getByLabel('Responsable').fill('Équipe données');
    await page.setInputFiles('#rp-file', {
      name: 'charte.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.waitForURL(/\/coordination\?fait=publie/);
    assert.equal(await successTitle(), 'Ressource publiée');
    assert.deepEqual(await searchTitles('zinzolin'), [pdfTitle]);

    // The guide's title, edited.
    await page.goto(`${url}/coordination`);
    await page.getByRole('link', { name: `Modifier « ${guideTitle} »` }).click();
    await checkPage(page, 'coordination-modifier');
    await page
      .getByLabel('Titre', { exact: false })
      .first()
      .fill('Réversibilité : quitter un hébergeur');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/coordination\?fait=modifie/);
    assert.equal(await successTitle(), 'Ressource modifiée');
    assert.deepEqual(await searchTitles('quasimodo'), ['Réversibilité : quitter un hébergeur']);

    // The PDF, retired after its confirmation page.
    await page.goto(`${url}/coordination`);
    await page.getByRole('link', { name: `Retirer « ${pdfTitle} »` }).click();
    await checkPage(page, 'coordination-retirer');
    await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.waitForURL(/\/coordination\?fait=retire/);
    assert.equal(await successTitle(), 'Ressource retirée');
    await checkPage(page, 'coordination-liste-retiree');
    assert.deepEqual(await searchTitles('zinzolin'), []);

    // And restored from its history.
    await page.goto(
      `${url}/coordination?fait=retire&ressource=publications-charte-de-la-donnee-partagee`,
    );
    await page.getByRole('link', { name: 'Voir l’historique pour la restaurer' }).click();
    await checkPage(page, 'coordination-historique');
    const restore = page.getByRole('button', { name: 'Restaurer cette version' });
    assert.equal(await restore.count(), 1, 'the publication is restorable, the removal is not');
    await restore.click();
    await page.waitForURL(/\/coordination\?fait=restaure/);
    assert.equal(await successTitle(), 'Version restaurée');
    assert.deepEqual(await searchTitles('zinzolin'), [pdfTitle]);

    // The same pages at mobile width, signed in with the same cookies.
    const phone = await browser.newContext({
      ...mobile,
      storageState: await context.storageState(),
    });
    try {
      const small = await phone.newPage();
      for (const [name, path] of [
        ['liste', '/coordination'],
        ['publier', '/coordination/publier'],
        [
          'modifier',
          '/coordination/ressources/publications-reversibilite-des-hebergements/modifier',
        ],
        [
          'historique',
          '/coordination/ressources/publications-charte-de-la-donnee-partagee/historique',
        ],
        ['retirer', '/coordination/ressources/publications-charte-de-la-donnee-partagee/retirer'],
      ] as const) {
        await small.goto(url + path);
        await checkPage(small, `coordination-${name}-mobile`);
      }
    } finally {
      await phone.close();
    }
  });
});
