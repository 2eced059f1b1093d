import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { Analytics } from '../../src/analytics/analytics.ts';
import type { AnalyticsReport } from '../../src/analytics/analytics-response.ts';
import { buildTestApp } from '../helpers/app.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { alice, coordinatorHeader, headerCoordinator } from '../helpers/publishing.ts';
import { serveApp, type ServedApp } from '../helpers/serve.ts';
import { searchFixtureFolder } from '../search/fixture-content.ts';
import {
  assertNoAxeViolations,
  desktop,
  launchBrowser,
  mobile,
  openWatchedPage,
  screenshot,
  scriptsReady,
} from './helpers/browser.ts';

/**
 * In Chromium: « Cette page vous a-t-elle été utile ? » answered without JavaScript (the
 * form, a 303 back to the page and its thanks) and with it (the beacon, the thanks put in
 * the live region, the page not left), both counted for the coordinators; and /api/docs
 * inside the site's layout, with no axe violation at desktop and mobile widths, nothing
 * loaded from elsewhere and no CSP violation.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('feedbackbrowser');
const resourcePath = '/ressources/contenu-heberger';

let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
let analytics: Analytics;
let server: ServedApp | undefined;
let browser: Browser | undefined;
let url: string;

before(async () => {
  const dir = await searchFixtureFolder();
  assert.deepEqual((await sync(await pipelineDeps(client, prefix), [dir])).failed, []);
  ({ app, analytics } = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    deps: { requireCoordinator: headerCoordinator },
  }));
  server = await serveApp(app);
  url = server.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await dropIndexes(client, prefix);
});

function started(): Browser {
  assert.ok(browser !== undefined, 'the browser started');
  return browser;
}

async function feedbackOf(page: string): Promise<{ yes: number; no: number }> {
  await analytics.feedback.flushed();
  const response = await request(app)
    .get('/api/analytics?days=7')
    .set(coordinatorHeader, alice)
    .expect(200);
  const row = (response.body as AnalyticsReport).feedback.find((one) => one.url === page);
  return { yes: row?.yes ?? 0, no: row?.no ?? 0 };
}

/** The beacon is sent as the page goes on: its line comes a moment later. */
async function waitForFeedback(page: string, expected: { yes: number; no: number }) {
  const deadline = Date.now() + 30_000;
  let seen = await feedbackOf(page);
  while ((seen.yes !== expected.yes || seen.no !== expected.no) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await feedbackOf(page);
  }
  assert.deepEqual(seen, expected);
}

describe('« Cette page vous a-t-elle été utile ? » in a browser', () => {
  it('without JavaScript: the form posts, the page comes back with its thanks, the answer is counted', async () => {
    const { page, watch, done } = await openWatchedPage(started(), {
      ...desktop,
      javaScriptEnabled: false,
    });
    try {
      const before = await feedbackOf(resourcePath);
      await page.goto(`${url}${resourcePath}?q=cloud`);
      const question = page.getByRole('region', {
        name: /^Cette page vous a-t-elle été utile\s\?$/,
      });
      await question.getByRole('button', { name: 'Non' }).click();
      await page.waitForURL(/avis=merci/);
      assert.equal(new URL(page.url()).pathname, resourcePath);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'cloud', 'the search is kept');
      assert.equal(
        await page.locator('[role="status"][data-feedback-status]').innerText(),
        'Merci pour votre retour.',
      );
      assert.equal(await page.getByRole('button', { name: 'Non' }).count(), 0);
      await screenshot(page, 'avis-sans-javascript');
      await waitForFeedback(resourcePath, { yes: before.yes, no: before.no + 1 });
      assert.deepEqual(watch.errors, []);
    } finally {
      await done();
    }
  });

  for (const [name, options] of [
    ['desktop', desktop],
    ['mobile', mobile],
  ] as const) {
    it(`with JavaScript (${name}): the thanks replace the question in place, the beacon is counted, axe finds nothing`, async () => {
      const { page, watch, done } = await openWatchedPage(started(), options, 60_000);
      try {
        const before = await feedbackOf(resourcePath);
        await page.goto(`${url}${resourcePath}`);
        await scriptsReady(page);
        await assertNoAxeViolations(page, `${resourcePath} (${name})`);
        const question = page.getByRole('region', {
          name: /^Cette page vous a-t-elle été utile\s\?$/,
        });
        await question.scrollIntoViewIfNeeded();
        await screenshot(page, `avis-question-${name}`, false);
        const address = page.url();
        await question.getByRole('button', { name: 'Oui' }).click();
        await page.getByRole('status').filter({ hasText: 'Merci pour votre retour' }).waitFor();
        assert.equal(page.url(), address, 'the page is not left');
        assert.equal(await question.getByRole('button').count(), 0, 'the question is gone');
        assert.equal(
          await page.evaluate(() => document.activeElement?.getAttribute('role')),
          'status',
          'the keyboard carries on from the thanks',
        );
        await screenshot(page, `avis-merci-${name}`, false);
        await assertNoAxeViolations(page, `${resourcePath} after answering (${name})`);
        await waitForFeedback(resourcePath, { yes: before.yes + 1, no: before.no });
        assert.ok(
          watch.requests.some((one) => one.endsWith('/api/events')),
          'the answer went by the beacon',
        );
        assert.deepEqual(watch.cspViolations, []);
        assert.deepEqual(watch.errors, []);
      } finally {
        await done();
      }
    });
  }
});

describe('/api/docs in a browser', () => {
  for (const [name, options] of [
    ['1280', desktop],
    ['375', mobile],
  ] as const) {
    it(`sits in the site's layout with a way back, and has no axe violation at ${name} px`, async () => {
      const { page, watch, done } = await openWatchedPage(started(), options, 60_000);
      try {
        await page.goto(`${url}/api/docs`);
        await scriptsReady(page);
        await page.getByRole('heading', { level: 1, name: 'Documentation de l’API' }).waitFor();
        await page.waitForLoadState('networkidle');
        // The site's header, footer and a way back home.
        assert.equal(await page.locator('header.fr-header').count(), 1);
        assert.equal(await page.locator('footer.fr-footer').count(), 1);
        assert.equal(await page.locator('.fr-breadcrumb a[href="/"]').count(), 1);
        // Each parameter with its description and example, e.g. the search's words.
        const search = page.locator('#get-api-search');
        const q = search
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: /^q\b/ }) });
        assert.match(await q.innerText(), /Les mots cherchés[\s\S]*hébergement/);
        // The page is long: its top, then an operation (a full-page shot times out).
        await screenshot(page, `api-docs-${name}`, false);
        await search.scrollIntoViewIfNeeded();
        await screenshot(page, `api-docs-${name}-recherche`, false);
        await page.locator('#schema-SearchHit summary').click();
        await page.locator('#schema-SearchHit table').scrollIntoViewIfNeeded();
        await screenshot(page, `api-docs-${name}-schema`, false);
        await assertNoAxeViolations(page, `/api/docs (${name} px)`);
        const foreign = watch.requests.filter((one) => new URL(one).origin !== url);
        assert.deepEqual(foreign, []);
        assert.deepEqual(watch.cspViolations, []);
        assert.deepEqual(watch.errors, []);
      } finally {
        await done();
      }
    });
  }
});
