import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fileApiTokens } from '../../src/auth/api-tokens.ts';
import { createAllowList } from '../../src/auth/coordinators.ts';
import { oidcSignIn } from '../../src/auth/oidc-sign-in.ts';
import { buildTestApp } from '../helpers/app.ts';
import { testMeili } from '../helpers/meili.ts';
import { startOidcProvider, type RunningProvider } from '../helpers/oidc-provider.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { desktop, launchBrowser, screenshot, watchContext } from './helpers/browser.ts';

/**
 * Signing in with ProConnect, driven in Chromium against a real OpenID Connect provider
 * (oidc-provider, in this process): the whole authorization code flow with PKCE, its
 * `state` and `nonce`, the allow-list of coordinators, and signing out.
 */

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const folder = temporaryFolders('sign-in');

let server: Server;
let appUrl: string;
let provider: RunningProvider;
let browser: Browser;

before(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${appUrl}/connexion/retour`;
  provider = await startOidcProvider(
    {
      ada: { email: 'ada.lovelace@beta.gouv.fr', given_name: 'Ada', usual_name: 'Lovelace' },
      bob: { email: 'bob@exemple.fr', given_name: 'Bob', usual_name: 'Martin' },
    },
    redirectUri,
  );
  const oidc = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri,
    scopes: 'openid email given_name usual_name',
  };
  const { app } = await buildTestApp({
    meili: testMeili().client,
    prefix: `sign-in-${randomBytes(4).toString('hex')}`,
    env: {
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URI: oidc.redirectUri,
    },
    auth: {
      secret: randomBytes(32).toString('base64url'),
      allowList: createAllowList(['@beta.gouv.fr']),
      tokens: fileApiTokens(path.join(await folder(), 'api-tokens.json')),
      oidc: oidcSignIn(oidc),
    },
  });
  server.on('request', app);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await provider?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext(desktop);
  // A broken step fails in seconds, not after Playwright's default 30 s.
  context.setDefaultTimeout(15_000);
  await watchContext(context);
  return context;
}

/** Fills the provider's login form (any password) and accepts its consent page. */
async function loginAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL(`${provider.issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mot-de-passe');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Who the app's API thinks the browser is (its cookies, no token). */
async function sessionStatus(page: Page): Promise<number> {
  return (await page.request.get(`${appUrl}/api/session`)).status();
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
  const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  assert.deepEqual(
    violations.map((violation) => `${violation.id}: ${violation.help}`),
    [],
  );
}

describe('Sign-in with ProConnect (real OIDC provider, Chromium)', () => {
  it('a coordinator signs in from the coordination page and comes back to it, named in the header', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/coordination`);
      await page.waitForURL(`${appUrl}/connexion?retour=%2Fcoordination`);
      await expectNoAxeViolations(page);
      await screenshot(page, 'connexion-desktop');
      await page
        .getByRole('link', { name: /ProConnect/ })
        .first()
        .click();
      await loginAtProvider(page, 'ada');
      await page.waitForURL(`${appUrl}/coordination`);
      assert.equal(await page.locator('h1').textContent(), 'Espace coordination');
      assert.equal(
        await page.locator('.fr-header__tools-links #rp-utilisateur').textContent(),
        'Ada Lovelace',
      );
      await expectNoAxeViolations(page);
      await screenshot(page, 'coordination-desktop');
      assert.equal(await sessionStatus(page), 200);
    } finally {
      await context.close();
    }
  });

  it('an agent who is not on the allow-list is signed in, but gets the 403 page', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/connexion?retour=%2Fcoordination`);
      await page
        .getByRole('link', { name: /ProConnect/ })
        .first()
        .click();
      await loginAtProvider(page, 'bob');
      await page.waitForURL(`${appUrl}/coordination`);
      assert.equal(await page.locator('h1').textContent(), 'Accès refusé');
      assert.match(
        (await page.locator('main').textContent()) ?? '',
        /Le compte bob@exemple\.fr n’est pas dans la liste des coordinateurs/,
      );
      assert.equal(
        await page.locator('.fr-header__tools-links #rp-utilisateur').textContent(),
        'Bob Martin',
      );
      assert.equal(await sessionStatus(page), 403);
    } finally {
      await context.close();
    }
  });

  it('a return whose state is not the one of the login under way is refused', async () => {
    const context = await newContext();
    try {
      // A first login waits at the provider; a second one, started since, replaced it.
      const first = await context.newPage();
      await first.goto(`${appUrl}/connexion/proconnect`);
      await first.waitForURL(`${provider.issuer}/**`);
      const second = await context.newPage();
      await second.goto(`${appUrl}/connexion/proconnect`);
      await second.waitForURL(`${provider.issuer}/**`);
      await loginAtProvider(first, 'ada');
      await first.waitForURL(`${appUrl}/connexion/retour?**`);
      assert.equal(await first.locator('.fr-alert__title').textContent(), 'La connexion a échoué');
      assert.equal(await sessionStatus(first), 401);
    } finally {
      await context.close();
    }
  });

  it('an ID token whose nonce is not the one sent is refused', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      // The login starts (the app keeps its state, nonce and verifier in the browser's
      // cookie), but what reaches the provider carries another nonce.
      const start = await page.request.get(`${appUrl}/connexion/proconnect`, { maxRedirects: 0 });
      assert.equal(start.status(), 303);
      const authorization = new URL(start.headers().location ?? '');
      assert.ok(authorization.searchParams.get('nonce'));
      assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
      authorization.searchParams.set('nonce', 'un-autre-nonce');
      await page.goto(authorization.toString());
      await loginAtProvider(page, 'ada');
      await page.waitForURL(`${appUrl}/connexion/retour?**`);
      assert.equal(await page.locator('.fr-alert__title').textContent(), 'La connexion a échoué');
      assert.equal(await sessionStatus(page), 401);
    } finally {
      await context.close();
    }
  });

  it('signing out from the header ends the session', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/connexion/proconnect?retour=%2Fcoordination`);
      await loginAtProvider(page, 'ada');
      await page.waitForURL(`${appUrl}/coordination`);
      await page
        .locator('.fr-header__tools-links')
        .getByRole('button', { name: 'Se déconnecter' })
        .click();
      await page.waitForURL(`${appUrl}/`);
      assert.equal(
        await page.locator('.fr-header__tools-links').getByRole('link').first().textContent(),
        'Se connecter',
      );
      assert.equal(await sessionStatus(page), 401);
    } finally {
      await context.close();
    }
  });
});
