import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';

/**
 * `npm test`: starts one real Meilisearch for the whole run (the same launcher as
 * `npm start`, on a temporary folder and a free port), runs every test file with node's
 * test runner, then stops Meilisearch. Arguments narrow the run to some files.
 */

async function findTests(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const root = path.resolve(import.meta.dirname, '..');

// The browser tests drive a real Chromium: say how to get one rather than fail obscurely.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  await fs.access(chromiumPath);
} catch {
  console.error(
    `Chromium est introuvable (${chromiumPath}) : les tests de navigateur en ont besoin.\n` +
      'Installez-le (Debian/Ubuntu : « apt-get update && apt-get install -y chromium », avec sudo si besoin) ou indiquez son chemin avec CHROMIUM_PATH.',
  );
  process.exit(1);
}
const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : await findTests(path.join(root, 'test'));
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-test-'));
const meili = await startEmbeddedMeilisearch({ dataDir });

const exitCode = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        TEST_MEILI_URL: meili.url,
        TEST_MEILI_KEY: meili.masterKey,
        NODE_ENV: 'test',
      },
    },
  );
  child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
});

await meili.stop();
await fs.rm(dataDir, { recursive: true, force: true });
process.exit(exitCode);
