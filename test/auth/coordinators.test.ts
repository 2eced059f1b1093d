import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAllowList, loadAllowList } from '../../src/auth/coordinators.ts';
import { safeReturnPath } from '../../src/auth/auth.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { temporaryFolders } from '../helpers/process.ts';

const folder = temporaryFolders('coordinators');

describe('allow-list of coordinators', () => {
  it('lists addresses, and whole domains written @domain or domain, in any case', () => {
    const list = createAllowList(['Chef@Exemple.fr', '@beta.gouv.fr', 'numerique.gouv.fr']);
    assert.equal(list.includes('chef@exemple.fr'), true);
    assert.equal(list.includes('autre@exemple.fr'), false);
    assert.equal(list.includes('Ada@BETA.gouv.fr'), true);
    assert.equal(list.includes('agent@numerique.gouv.fr'), true);
  });

  it('a domain does not cover its subdomains nor look-alikes', () => {
    const list = createAllowList(['@beta.gouv.fr']);
    assert.equal(list.includes('x@sous.beta.gouv.fr'), false);
    assert.equal(list.includes('x@beta.gouv.fr.example.com'), false);
    assert.equal(list.includes('beta.gouv.fr'), false);
  });

  it('adds the entries of COORDINATORS_FILE, one per line, # starting a comment', async () => {
    const file = path.join(await folder(), 'coordinateurs.txt');
    await fs.writeFile(file, '# équipe EIG Link\nlea@exemple.fr  # Léa\n\n@beta.gouv.fr\n');
    const list = await loadAllowList({ coordinators: ['chef@exemple.fr'], coordinatorsFile: file });
    assert.equal(list.size, 3);
    assert.equal(list.includes('lea@exemple.fr'), true);
    assert.equal(list.includes('chef@exemple.fr'), true);
  });
});

describe('OIDC settings', () => {
  it('OIDC_ISSUER without the client id and secret is refused, naming both', () => {
    assert.throws(
      () => loadConfig({ OIDC_ISSUER: 'https://auth.exemple.gouv.fr', PUBLIC_URL: 'https://r.fr' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /OIDC_CLIENT_ID : requis/.test(error.message) &&
        /OIDC_CLIENT_SECRET : requis/.test(error.message),
    );
  });

  it('the return address defaults to PUBLIC_URL/connexion/retour', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://auth.exemple.gouv.fr',
      OIDC_CLIENT_ID: 'reperes',
      OIDC_CLIENT_SECRET: 'secret',
      PUBLIC_URL: 'https://reperes.exemple.gouv.fr',
    });
    assert.equal(config.auth.oidc?.redirectUri, 'https://reperes.exemple.gouv.fr/connexion/retour');
  });
});

describe('return path after signing in', () => {
  it('keeps a path of this site, and sends anything else home', () => {
    assert.equal(safeReturnPath('/coordination?x=1'), '/coordination?x=1');
    for (const hostile of ['//evil.example', 'https://evil.example', '/\\evil.example', '/\tx', 42])
      assert.equal(safeReturnPath(hostile), '/');
  });
});
