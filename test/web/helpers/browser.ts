import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { projectRoot } from '../../helpers/service.ts';

/** Debian's Chromium driven by playwright-core (`npx playwright install` cannot run here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const desktop = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;
export const mobile = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
} satisfies BrowserContextOptions;

/** What a page did that a test may forbid: requests, CSP violations, dialogs, errors. */
export interface PageWatch {
  requests: string[];
  cspViolations: string[];
  dialogs: string[];
  errors: string[];
}

/**
 * Records every request URL, every CSP violation (console message and
 * `securitypolicyviolation` event, reported through a binding the page cannot block),
 * every dialog (dismissed) and every uncaught error of the pages of a context.
 */
export async function watchContext(context: BrowserContext): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], cspViolations: [], dialogs: [], errors: [] };
  await context.exposeBinding('reportCspViolation', (_source, detail: string) => {
    watch.cspViolations.push(detail);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (detail: string) => void })
        .reportCspViolation;
      void report(
        `${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on('request', (request) => watch.requests.push(request.url()));
  context.on('page', (page) => observe(page, watch));
  return watch;
}

function observe(page: Page, watch: PageWatch): void {
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text()))
      watch.cspViolations.push(message.text());
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
}

export const screenshotDir = path.join(projectRoot, 'test/artifacts/screenshots');

/** Screenshot (the full page by default) under test/artifacts/screenshots/, ignored by git. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await fs.mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/**
 * A fresh browser context with its page errors watched; `done` closes it. A broken link
 * fails after `timeoutMs`, not after Playwright's default 30 s.
 */
export async function openWatchedPage(
  browser: Browser,
  options: BrowserContextOptions = desktop,
  timeoutMs = 15_000,
): Promise<{ page: Page; watch: PageWatch; done: () => Promise<void> }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(timeoutMs);
  const watch = await watchContext(context);
  const page = await context.newPage();
  return { page, watch, done: () => context.close() };
}

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's WCAG 2.1 AA and best-practice violations of the page, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/** Waits until the DSFR and our modules have run (they mark `<html data-fr-js>`). */
export async function scriptsReady(page: Page): Promise<void> {
  await page.waitForSelector('html[data-fr-js="true"]', { state: 'attached' });
}

/** Asserts axe-core finds no violation; `what` names the page in the failure. */
export async function assertNoAxeViolations(page: Page, what: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-core violations on ${what}`);
}

/**
 * Waits for the scripts, photographs the page as `screenshotName` and asserts axe-core
 * finds no violation: the check every new page of a browser test goes through.
 */
export async function checkPage(page: Page, screenshotName: string): Promise<void> {
  await scriptsReady(page);
  await screenshot(page, screenshotName);
  await assertNoAxeViolations(page, `${screenshotName} (${page.url()})`);
}
