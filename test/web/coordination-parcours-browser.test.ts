import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
 * In Chromium: a coordinator creates a parcours of three steps found with the picker,
 * moves one, saves, and reads it on /parcours/<slug>; axe-core reports no violation on
 * the new pages at desktop and mobile widths. JavaScript stays on: the buttons are plain
 * submits either way.
 */

const { client } = testMeili();
const folder = temporaryFolders('coordination-parcours-browser');
const { prefix } = uniqueIndexes('coordparcoursbrowser');

let server: ServedApp | undefined;
let fixture: CoordinationFixture;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let url: string;

before(async () => {
  const guides = await contentFolder(
    {
      'arriver.md':
        '# Arriver dans le programme\n\n## Avant le premier jour\n\nDemander son badge et son ordinateur portable.\n',
      'heberger.md':
        '# Héberger son service\n\n## Choisir un hébergeur\n\nLe cloud qualifié SecNumCloud pour les données sensibles.\n',
      'licence.md': '# Choisir une licence\n\nLa licence libre du code source publié.\n',
      'parcours/livre.yml':
        'title: Parcours livré\naudience: nouvelle promotion\ndescription: Un parcours du dépôt.\nsteps:\n  - resource: guides-arriver\n    note: Pour commencer.\n',
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
  context = await browser.newContext(desktop);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await dropIndexes(client, prefix);
});

/** Searches the picker and presses « Ajouter » on the result whose label holds `label`. */
async function addThroughPicker(query: string, label: string): Promise<void> {
  await page.fill('#rp-picker-q', query);
  await page.click('#rp-picker-q + button');
  const result = page.locator('.rp-picker-result', { hasText: label }).first();
  await result.locator('button').click();
  await page.waitForLoadState('domcontentloaded');
}

function stepResources(): Promise<string[]> {
  return page
    .locator('input[name="step_resource"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

describe('coordinators’ parcours in a browser', () => {
  it('creates a parcours of three steps through the picker, reorders it, saves and reads it', async () => {
    assert.ok(fixture.local);
    await page.goto(`${url}${localLinkPath(fixture.local)}`);
    await page.goto(`${url}/coordination`);
    await page.click('a[href="/coordination/parcours"]');
    await checkPage(page, 'coordination-parcours-liste');
    await page.click('text=Créer un parcours');
    await page.fill('#rp-parcours-title', 'Accueil des mentors');
    await page.fill('#rp-parcours-slug', 'accueil-mentors');
    await page.selectOption('#rp-parcours-audience', 'mentor');
    await page.fill('#rp-parcours-description', 'Trois lectures pour accompagner une équipe.');

    await addThroughPicker('badge ordinateur', 'Avant le premier jour');
    await addThroughPicker('SecNumCloud', 'Choisir un hébergeur');
    await addThroughPicker('licence libre', 'Choisir une licence');
    assert.deepEqual(await stepResources(), [
      'guides-arriver',
      'guides-heberger',
      'guides-licence',
    ]);
    assert.equal(await page.inputValue('#rp-parcours-title'), 'Accueil des mentors');
    await checkPage(page, 'coordination-parcours-formulaire');

    await page.click('button[value="monter:3"]');
    assert.deepEqual(await stepResources(), [
      'guides-arriver',
      'guides-licence',
      'guides-heberger',
    ]);
    await page.fill('#rp-step-1-note', 'Préparer son arrivée.');
    await page.fill('#rp-step-2-note', 'Publier sous licence libre dès le début.');
    await page.fill('#rp-step-3-note', 'Puis choisir où héberger.');
    await page.click('button[value="enregistrer"]');
    assert.equal(
      await page.locator('.fr-alert--success .fr-alert__title').textContent(),
      'Parcours créé',
    );

    await page.click('text=Voir le parcours');
    assert.equal(new URL(page.url()).pathname, '/parcours/accueil-mentors');
    const steps = await page.locator('.rp-step').allTextContents();
    assert.equal(steps.length, 3);
    assert.match(steps[1] ?? '', /Publier sous licence libre/);
    assert.match(steps[2] ?? '', /Puis choisir où héberger/);

    await page.goto(`${url}/coordination/parcours/accueil-mentors/historique`);
    await checkPage(page, 'coordination-parcours-historique');
    await page.goto(`${url}/coordination/parcours/accueil-mentors/retirer`);
    await checkPage(page, 'coordination-parcours-retrait');
  });

  // Runs after the test above (node:test runs a suite's tests in order): its parcours is edited here.
  it('axe-core finds nothing on the new pages at mobile width either', async () => {
    assert.ok(browser !== undefined && fixture.local !== undefined);
    const small = await browser.newContext(mobile);
    try {
      const phone = await small.newPage();
      await phone.goto(`${url}${localLinkPath(fixture.local)}`);
      for (const [path, name] of [
        ['/coordination/parcours', 'liste-mobile'],
        ['/coordination/parcours/accueil-mentors/modifier', 'formulaire-mobile'],
        ['/coordination/parcours/accueil-mentors/historique', 'historique-mobile'],
        ['/coordination/parcours/accueil-mentors/retirer', 'retrait-mobile'],
      ] as const) {
        await phone.goto(`${url}${path}`);
        await checkPage(phone, `coordination-parcours-${name}`);
      }
    } finally {
      await small.close();
    }
  });
});
