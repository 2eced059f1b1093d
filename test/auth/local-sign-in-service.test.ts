import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { contentFolder } from '../helpers/ingest.ts';
import { dropIndexes, testMeili } from '../helpers/meili.ts';
import { temporaryFolders } from '../helpers/process.ts';
import { spawnService, waitForStatus } from '../helpers/service.ts';

/** `npm start` prints a one-time local sign-in link only without OIDC, on loopback only. */

const tempDir = temporaryFolders('local-sign-in');
const { url, key, client } = testMeili();
const linkPattern = /http:\/\/[^\s"]+\/connexion\/locale\?code=[A-Za-z0-9_-]+/;

/** Starts the service on the run's Meilisearch and a one-file folder; waits until it serves. */
async function startService(env: NodeJS.ProcessEnv) {
  const prefix = `local-${randomBytes(4).toString('hex')}`;
  const content = await contentFolder({ 'guide.md': '# Un guide\n\nDu texte.\n' });
  const service = await spawnService({
    MEILI_URL: url,
    MEILI_MASTER_KEY: key,
    DATA_DIR: await tempDir(),
    CONTENT_DIRS: content,
    INDEX_PREFIX: prefix,
    ...env,
  });
  try {
    await waitForStatus(`${service.url}/readyz`, 200);
  } catch (error) {
    throw new Error(`${String(error)}\n${service.output()}`);
  }
  return { service, drop: () => dropIndexes(client, prefix) };
}

describe('local sign-in link (npm start)', () => {
  it('on 127.0.0.1 without OIDC: printed once, signs in a local coordinator, then is used up', async () => {
    const { service, drop } = await startService({ HOST: '127.0.0.1' });
    try {
      const link = linkPattern.exec(service.output())?.[0];
      assert.ok(link, `a link in the output:\n${service.output()}`);
      const signedIn = await fetch(link, { redirect: 'manual' });
      assert.equal(signedIn.status, 303);
      assert.equal(signedIn.headers.get('location'), '/coordination');
      const cookie = signedIn.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      const session = await fetch(`${service.url}/api/session`, { headers: { cookie } });
      assert.equal(session.status, 200);
      assert.deepEqual(await session.json(), {
        name: 'Coordination locale',
        email: 'coordination@localhost',
      });
      assert.equal((await fetch(link, { redirect: 'manual' })).status, 400);
    } finally {
      await service.stop();
      await drop();
    }
  });

  it('listening on every interface (0.0.0.0): no link, and the local sign-in does not exist', async () => {
    const { service, drop } = await startService({ HOST: '0.0.0.0' });
    try {
      assert.match(service.output(), /Repères est prêt/);
      assert.doesNotMatch(service.output(), /connexion\/locale/);
      const response = await fetch(`${service.url}/connexion/locale?code=x`, {
        redirect: 'manual',
      });
      assert.equal(response.status, 404);
    } finally {
      await service.stop();
      await drop();
    }
  });

  it('with OIDC configured, even on 127.0.0.1: no link', async () => {
    const { service, drop } = await startService({
      HOST: '127.0.0.1',
      OIDC_ISSUER: 'https://auth.exemple.gouv.fr',
      OIDC_CLIENT_ID: 'reperes',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URI: 'http://127.0.0.1/connexion/retour',
    });
    try {
      assert.match(service.output(), /Repères est prêt/);
      assert.doesNotMatch(service.output(), /connexion\/locale/);
    } finally {
      await service.stop();
      await drop();
    }
  });
});
