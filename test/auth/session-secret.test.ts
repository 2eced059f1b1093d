import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSessionSecret } from '../../src/auth/session-secret.ts';
import { temporaryFolders } from '../helpers/process.ts';

const folder = temporaryFolders('session-secret');

describe('session secret', () => {
  it('without SESSION_SECRET: generated once into DATA_DIR/session-secret (0600), then read back', async () => {
    const dataDir = await folder();
    const first = await loadSessionSecret({ sessionSecret: undefined, dataDir });
    const again = await loadSessionSecret({ sessionSecret: undefined, dataDir });
    assert.equal(again, first);
    assert.ok(first.length >= 32);
    assert.equal((await fs.stat(path.join(dataDir, 'session-secret'))).mode & 0o777, 0o600);
  });

  it('two processes starting together agree on one secret', async () => {
    const dataDir = await folder();
    const secrets = await Promise.all(
      Array.from({ length: 8 }, () => loadSessionSecret({ sessionSecret: undefined, dataDir })),
    );
    assert.equal(new Set(secrets).size, 1);
    assert.deepEqual(await fs.readdir(dataDir), ['session-secret']);
  });

  it('SESSION_SECRET wins, and nothing is written', async () => {
    const dataDir = await folder();
    const secret = 'x'.repeat(40);
    assert.equal(await loadSessionSecret({ sessionSecret: secret, dataDir }), secret);
    assert.deepEqual(await fs.readdir(dataDir), []);
  });
});
