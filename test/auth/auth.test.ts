import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Express } from 'express';
import request, { type Agent } from 'supertest';
import { fileApiTokens } from '../../src/auth/api-tokens.ts';
import { createAllowList } from '../../src/auth/coordinators.ts';
import {
  createLocalSignIn,
  localCoordinator,
  localSignInAllowed,
  type LocalSignIn,
} from '../../src/auth/local-sign-in.ts';
import { oidcSignIn } from '../../src/auth/oidc-sign-in.ts';
import { loadConfig } from '../../src/config.ts';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { csrfAction } from '../../src/web/components/csrf-field.tsx';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { testMeili } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';

/** Sessions, API tokens, CSRF, the local link and the sign-in rate limit, through HTTP. */

const { client } = testMeili();
const folder = temporaryFolders('auth');
const allowList = createAllowList(['@beta.gouv.fr', 'chef@exemple.fr']);

interface TestApp {
  app: Express;
  tokens: ReturnType<typeof fileApiTokens>;
  local: LocalSignIn;
}

async function buildApp(
  options: { env?: NodeJS.ProcessEnv; secret?: string; local?: boolean } = {},
): Promise<TestApp> {
  const dir = await folder();
  const tokens = fileApiTokens(path.join(dir, 'api-tokens.json'));
  const local = createLocalSignIn();
  const { app } = await buildTestApp({
    meili: client,
    prefix: `auth-${randomBytes(4).toString('hex')}`,
    ...(options.env === undefined ? {} : { env: options.env }),
    auth: {
      secret: options.secret ?? randomBytes(32).toString('base64url'),
      allowList,
      tokens,
      ...(options.local === false ? {} : { localSignIn: local }),
    },
  });
  return { app, tokens, local };
}

/** The path and query of the link `npm start` prints. */
function linkPath(local: LocalSignIn): string {
  const url = new URL(local.issue('http://127.0.0.1:3000/'));
  return `${url.pathname}${url.search}`;
}

/** A browser-like agent signed in as the local coordinator. */
async function signedIn(test: TestApp): Promise<Agent> {
  const agent = request.agent(test.app);
  await agent.get(linkPath(test.local)).expect(303).expect('Location', '/coordination');
  return agent;
}

/** The anti-forgery token of the sign-out form in a page's header. */
async function csrfTokenOf(agent: Agent, page = '/coordination'): Promise<string> {
  const html = (await agent.get(page).expect(200)).text;
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match?.[1], 'the page carries an anti-forgery field');
  return match[1];
}

describe('API tokens (Authorization: Bearer)', () => {
  it('GET /api/session without credentials › 401 unauthenticated, with WWW-Authenticate', async () => {
    const { app } = await buildApp();
    const response = await request(app).get('/api/session').expect(401);
    assert.equal(response.body.error.code, 'unauthenticated');
    assert.equal(response.headers['www-authenticate'], 'Bearer');
  });

  it('a token created by the token module identifies its coordinator', async () => {
    const { app, tokens } = await buildApp();
    const { token } = await tokens.create({ name: 'Ada Lovelace', email: 'Ada@beta.gouv.fr' });
    const response = await request(app)
      .get('/api/session')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    assert.deepEqual(response.body, { name: 'Ada Lovelace', email: 'ada@beta.gouv.fr' });
  });

  it('a revoked token › 401, and the file keeps only hashes', async () => {
    const dir = await folder();
    const file = path.join(dir, 'api-tokens.json');
    const tokens = fileApiTokens(file);
    const { app } = await buildTestApp({
      meili: client,
      prefix: 'auth-revoke',
      auth: { secret: randomBytes(32).toString('hex'), allowList, tokens },
    });
    const { token, id } = await tokens.create({ name: 'Ada', email: 'ada@beta.gouv.fr' });
    await request(app).get('/api/session').set('Authorization', `Bearer ${token}`).expect(200);
    // Revoked by another process (the CLI): the service reads the file again.
    assert.equal(await fileApiTokens(file).revoke(id), true);
    const response = await request(app)
      .get('/api/session')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    assert.equal(response.body.error.code, 'unauthenticated');
    const stored = await fs.readFile(file, 'utf8');
    assert.ok(!stored.includes(token.slice(16)), 'the token itself is not stored');
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
  });

  it('GET /api/session answers as the OpenAPI document says: 200, 401, 403', async () => {
    const { app, tokens } = await buildApp();
    const api = await contractClient(app);
    const ada = (await tokens.create({ name: 'Ada', email: 'ada@beta.gouv.fr' })).token;
    const bob = (await tokens.create({ name: 'Bob', email: 'bob@exemple.fr' })).token;
    await api.get('/api/session').set('Authorization', `Bearer ${ada}`).expect(200);
    await api.get('/api/session').expect(401);
    await api.get('/api/session').set('Authorization', `Bearer ${bob}`).expect(403);
  });

  it('an unknown or malformed token › 401', async () => {
    const { app } = await buildApp();
    for (const token of ['rp_000000000000_' + 'a'.repeat(43), 'pas-un-jeton']) {
      const response = await request(app)
        .get('/api/session')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      assert.equal(response.body.error.code, 'unauthenticated');
    }
  });

  it('the token of someone not on the allow-list › 403 forbidden', async () => {
    const { app, tokens } = await buildApp();
    const { token } = await tokens.create({ name: 'Bob', email: 'bob@exemple.fr' });
    const response = await request(app)
      .get('/api/session')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);
    assert.equal(response.body.error.code, 'forbidden');
    assert.match(response.body.error.message, /bob@exemple\.fr n’est pas dans la liste/);
  });
});

describe('sessions (signed cookie)', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, signed; Secure with a __Host- name behind HTTPS', async () => {
    const plain = await buildApp();
    const cookie = (await request(plain.app).get(linkPath(plain.local)).expect(303)).headers[
      'set-cookie'
    ] as unknown as string[];
    const session = cookie.find((line) => line.startsWith('reperes-session='));
    assert.ok(session);
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.doesNotMatch(session, /Secure/);

    const https = await buildApp({ env: { PUBLIC_URL: 'https://reperes.example.gouv.fr' } });
    const secureCookie = (await request(https.app).get(linkPath(https.local)).expect(303)).headers[
      'set-cookie'
    ] as unknown as string[];
    const secure = secureCookie.find((line) => line.startsWith('__Host-reperes-session='));
    assert.ok(secure);
    assert.match(secure, /; Secure/);
    assert.match(secure, /Path=\//);
  });

  it('a session survives a restart and works on another instance with the same secret', async () => {
    const secret = randomBytes(32).toString('base64url');
    const first = await buildApp({ secret });
    const agent = await signedIn(first);
    const cookie = (await agent.get(linkPath(first.local)).expect(303)).headers[
      'set-cookie'
    ] as unknown as string[];
    const second = await buildApp({ secret });
    const response = await request(second.app)
      .get('/api/session')
      .set('Cookie', cookie.map((line) => line.split(';')[0]).join('; '))
      .expect(200);
    assert.deepEqual(response.body, localCoordinator);
  });

  it('a tampered session cookie is ignored', async () => {
    const test = await buildApp();
    const cookie = (await request(test.app).get(linkPath(test.local)).expect(303)).headers[
      'set-cookie'
    ] as unknown as string[];
    const session = cookie.find((line) => line.startsWith('reperes-session='))?.split(';')[0];
    assert.ok(session);
    const forged = session.replace(/coordination%40localhost/, 'ada%40beta.gouv.fr');
    assert.notEqual(forged, session);
    await request(test.app).get('/api/session').set('Cookie', forged).expect(401);
  });

  it('a page for coordinators sends an anonymous visitor to sign in, and back', async () => {
    const { app } = await buildApp();
    await request(app)
      .get('/coordination')
      .expect(303)
      .expect('Location', '/connexion?retour=%2Fcoordination');
  });

  it('the header shows who is signed in, with a sign-out button; the page is private', async () => {
    const test = await buildApp();
    const agent = await signedIn(test);
    const response = await agent.get('/coordination').expect(200);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    const html = response.text;
    assert.match(html, /id="rp-utilisateur"[^>]*>Coordination locale</);
    assert.match(html, /action="\/deconnexion"/);
  });
});

describe('CSRF', () => {
  it('an upload form (multipart) is accepted with the token in its action’s query', async () => {
    const test = await buildApp();
    const agent = await signedIn(test);
    const token = await csrfTokenOf(agent);
    // No write route here: past the anti-forgery check, the app answers the unknown address.
    const response = await agent
      .post(csrfAction('/api/resources', token))
      .field('title', 'Un guide')
      .attach('file', Buffer.from('# Un guide\n'), 'guide.md');
    assert.notEqual(response.status, 403);
  });

  it('a form POST without its token › 403 csrf_invalid, and the session is untouched', async () => {
    const test = await buildApp();
    const agent = await signedIn(test);
    const response = await agent
      .post('/deconnexion')
      .type('form')
      .send({})
      .expect(403)
      .expect('Content-Type', /html/);
    assert.match(response.text, /Ce formulaire a expiré ou ne vient pas de Repères/);
    await agent.get('/api/session').expect(200);
  });

  it('an API write with a session cookie but no X-CSRF-Token › 403 before the route runs', async () => {
    const test = await buildApp();
    const agent = await signedIn(test);
    const response = await agent
      .post('/api/resources')
      .field('title', 'Un guide')
      .attach('file', Buffer.from('# Un guide\n'), 'guide.md')
      .expect(403);
    assert.equal(response.body.error.code, 'csrf_invalid');
  });

  it('the token of another session is refused', async () => {
    const test = await buildApp();
    const alice = await signedIn(test);
    const bob = await signedIn(test);
    const alicesToken = await csrfTokenOf(alice);
    await csrfTokenOf(bob);
    await bob.post('/deconnexion').type('form').send({ _csrf: alicesToken }).expect(403);
    await bob.get('/api/session').expect(200);
  });

  it('sign-out with the token clears the session', async () => {
    const test = await buildApp();
    const agent = await signedIn(test);
    const token = await csrfTokenOf(agent);
    await agent.post('/deconnexion').type('form').send({ _csrf: token }).expect(303);
    await agent.get('/api/session').expect(401);
    const html = (await agent.get('/connexion').expect(200)).text;
    assert.match(html, /Se connecter/);
  });
});

describe('local sign-in link', () => {
  it('signs in a local coordinator once; the same link a second time is refused', async () => {
    const test = await buildApp();
    const link = linkPath(test.local);
    const agent = request.agent(test.app);
    await agent.get(link).expect(303).expect('Location', '/coordination');
    await agent.get('/coordination').expect(200);
    const again = await request(test.app).get(link).expect(400);
    assert.match(again.text, /Ce lien de connexion a déjà servi/);
    assert.equal(again.headers['set-cookie'], undefined);
  });

  it('does not exist when the service was built without it', async () => {
    const test = await buildApp({ local: false });
    await request(test.app).get(linkPath(test.local)).expect(404);
  });

  it('is allowed only without OIDC and on a loopback address', () => {
    const oidc = {
      OIDC_ISSUER: 'https://auth.example.gouv.fr',
      OIDC_CLIENT_ID: 'id',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URI: 'https://reperes.example.gouv.fr/connexion/retour',
    };
    assert.equal(localSignInAllowed(loadConfig({ HOST: '127.0.0.1' })), true);
    assert.equal(localSignInAllowed(loadConfig({ HOST: '::1' })), true);
    assert.equal(localSignInAllowed(loadConfig({ HOST: 'localhost' })), true);
    assert.equal(localSignInAllowed(loadConfig({ HOST: '0.0.0.0' })), false);
    assert.equal(localSignInAllowed(loadConfig({ HOST: '192.168.1.10' })), false);
    assert.equal(localSignInAllowed(loadConfig({ HOST: '127.0.0.1', ...oidc })), false);
  });

  it('a local session stops counting once the service runs without the local sign-in', async () => {
    const secret = randomBytes(32).toString('base64url');
    const local = await buildApp({ secret });
    const cookie = (await request(local.app).get(linkPath(local.local)).expect(303)).headers[
      'set-cookie'
    ] as unknown as string[];
    const exposed = await buildApp({ secret, local: false });
    await request(exposed.app)
      .get('/api/session')
      .set('Cookie', cookie.map((line) => line.split(';')[0]).join('; '))
      .expect(401);
  });
});

describe('ProConnect unreachable', () => {
  it('starting a login while the provider does not answer › 503 page that says so', async () => {
    const dir = await folder();
    // A port nothing listens on: the provider's metadata cannot be read.
    const issuer = `http://127.0.0.1:${await findFreePort()}`;
    const { app } = await buildTestApp({
      meili: client,
      prefix: 'auth-down',
      auth: {
        secret: randomBytes(32).toString('hex'),
        allowList,
        tokens: fileApiTokens(path.join(dir, 'api-tokens.json')),
        oidc: oidcSignIn({
          issuer,
          clientId: 'reperes',
          clientSecret: 'secret',
          redirectUri: 'http://127.0.0.1/connexion/retour',
          scopes: 'openid email',
        }),
      },
    });
    const response = await request(app).get('/connexion/proconnect').expect(503);
    assert.match(response.text, /Le service d’identité ne répond pas/);
  });
});

describe('sign-in rate limit', () => {
  it('beyond SIGN_IN_RATE_LIMIT_PER_MINUTE requests to /connexion… › 429', async () => {
    const { app } = await buildApp({ env: { SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) await request(app).get('/connexion').expect(200);
    await request(app).get('/connexion/locale?code=devine').expect(429);
    await request(app).get('/connexion').expect(429);
  });
});
