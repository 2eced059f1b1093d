import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import request, { type Agent } from 'supertest';
import { markdownPreview } from '../../ingest/markdown-preview.ts';
import type { AppDeps } from '../../src/app.ts';
import { fileApiTokens } from '../../src/auth/api-tokens.ts';
import { createAuth } from '../../src/auth/auth.ts';
import { createAllowList } from '../../src/auth/coordinators.ts';
import { createLocalSignIn, type LocalSignIn } from '../../src/auth/local-sign-in.ts';
import { oidcSignIn } from '../../src/auth/oidc-sign-in.ts';
import { testConfig } from './meili.ts';
import { publishingApp, type PublishingFixture } from './publishing.ts';

/**
 * The service as `main` wires it for the coordinators' pages: a fresh content store, the
 * real sign-in (sessions, CSRF, the allow-list; ProConnect when the env names an issuer,
 * else the local one-time link) and the Markdown preview.
 */

export interface CoordinationFixture extends PublishingFixture {
  /** The local sign-in (present without OIDC). */
  local?: LocalSignIn;
}

export async function coordinationApp(options: {
  meili: Meilisearch;
  prefix: string;
  contentDirs?: string[];
  /** OIDC_* settings to sign in with ProConnect; absent: the local link. */
  env?: NodeJS.ProcessEnv;
  /** Allow-listed e-mails and domains. */
  coordinators?: string[];
  tokensDir: string;
  /** More of the app's dependencies (a fixed clock). */
  deps?: Partial<AppDeps>;
}): Promise<CoordinationFixture> {
  const env = options.env ?? {};
  const config = testConfig(env);
  const oidc = config.auth.oidc;
  const local = oidc === undefined ? createLocalSignIn() : undefined;
  const auth = createAuth({
    config,
    secret: randomBytes(32).toString('base64url'),
    allowList: createAllowList(options.coordinators ?? []),
    tokens: fileApiTokens(path.join(options.tokensDir, 'api-tokens.json')),
    ...(oidc === undefined ? {} : { oidc: oidcSignIn(oidc) }),
    ...(local === undefined ? {} : { localSignIn: local }),
  });
  const fixture = await publishingApp({
    meili: options.meili,
    prefix: options.prefix,
    env,
    requireCoordinator: null,
    deps: { auth, markdownPreview, ...options.deps },
    ...(options.contentDirs === undefined ? {} : { contentDirs: options.contentDirs }),
  });
  return { ...fixture, ...(local === undefined ? {} : { local }) };
}

/** The path and query of the local one-time link `npm start` prints. */
export function localLinkPath(local: LocalSignIn): string {
  const url = new URL(local.issue('http://127.0.0.1:3000/'));
  return `${url.pathname}${url.search}`;
}

/**
 * An agent signed in through the local one-time link, and the anti-forgery token read on
 * `page` (a coordinators' page with a form).
 */
export async function signInAsLocalCoordinator(
  fx: CoordinationFixture,
  page = '/coordination',
): Promise<{ agent: Agent; token: string }> {
  assert.ok(fx.local, 'the local sign-in is on');
  const agent = request.agent(fx.app);
  await agent.get(localLinkPath(fx.local)).expect(303);
  const html = (await agent.get(page).expect(200)).text;
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries an anti-forgery field');
  return { agent, token };
}
