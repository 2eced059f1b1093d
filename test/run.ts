import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMeilisearch } from '../src/engine/embedded-meilisearch.ts';
import { popplerAvailable } from '../ingest/parsers/pdf-poppler.ts';
import { signalGroup } from './helpers/process.ts';
import { testTimeouts } from './helpers/timeouts.ts';

/**
 * `npm test`: starts one real Meilisearch for the whole run (the same launcher as
 * `npm start`, on a temporary folder and a free port), runs every test file with node's
 * test runner, then stops Meilisearch. Arguments narrow the run to some files.
 * The reliability suite (test/chaos/: slow and hostile) is left out of the default run;
 * `--chaos` (`npm run test:chaos`) runs it alone.
 *
 * The run never hangs: past TEST_RUN_TIMEOUT_MS it kills the test runner's process
 * group, stops Meilisearch and exits non-zero; a test past TEST_TIMEOUT_MS fails (and its
 * `after` hooks stop its processes). Whatever way the run ends, the process groups tests
 * started and left listed in TEST_PROCESS_DIR are killed.
 */

async function findTests(dir: string, skip: string[] = []): Promise<string[]> {
  const entries = await fs
    .readdir(dir, { withFileTypes: true, recursive: true })
    .catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !skip.some((folder) => file.startsWith(folder + path.sep)))
    .sort();
}

const root = path.resolve(import.meta.dirname, '..');
let timeouts: ReturnType<typeof testTimeouts>;
try {
  timeouts = testTimeouts();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

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
// The parser tests read PDFs with pdftotext, as production does where poppler is installed.
if (!(await popplerAvailable())) {
  console.error(
    'pdftotext est introuvable : les tests de lecture des PDF en ont besoin.\n' +
      'Installez poppler-utils (Debian/Ubuntu : « apt-get update && apt-get install -y poppler-utils », avec sudo si besoin).',
  );
  process.exit(1);
}
const chaosDir = path.join(root, 'test', 'chaos');
const args = process.argv.slice(2);
const chaos = args.includes('--chaos');
const requested = args.filter((arg) => arg !== '--chaos');
const files =
  requested.length > 0
    ? requested
    : chaos
      ? await findTests(chaosDir)
      : await findTests(path.join(root, 'test'), [chaosDir]);
if (files.length === 0) {
  console.error(`Aucun fichier de test à lancer${chaos ? ` dans ${chaosDir}` : ''}.`);
  process.exit(1);
}
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-test-'));
const processDir = path.join(dataDir, 'processes');
await fs.mkdir(processDir);
const meili = await startEmbeddedMeilisearch({ dataDir, startTimeoutMs: timeouts.readyMs });

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    `--test-timeout=${timeouts.testMs}`,
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    // Its own process group: the whole test run (every test file) can be killed at once.
    detached: true,
    env: {
      ...process.env,
      TEST_MEILI_URL: meili.url,
      TEST_MEILI_KEY: meili.masterKey,
      TEST_PROCESS_DIR: processDir,
      NODE_ENV: 'test',
    },
  },
);
const runnerGroup = child.pid;
const exited = new Promise<number>((resolve) => {
  child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
});

/** Kills the runner's group: SIGTERM, then SIGKILL if it is still there after a grace period. */
async function killRunner(): Promise<void> {
  if (runnerGroup === undefined) return;
  signalGroup(runnerGroup, 'SIGTERM');
  const grace = setTimeout(() => signalGroup(runnerGroup, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(grace);
  signalGroup(runnerGroup, 'SIGKILL');
}

let reason: string | undefined;
const stopOn = (why: string) => {
  reason ??= why;
  void killRunner();
};
const overall = setTimeout(
  () =>
    stopOn(
      `délai dépassé : le passage des tests a duré plus de ${timeouts.runMs} ms (TEST_RUN_TIMEOUT_MS)`,
    ),
  timeouts.runMs,
);
process.once('SIGINT', () => stopOn('interrompu (SIGINT)'));
process.once('SIGTERM', () => stopOn('interrompu (SIGTERM)'));

let exitCode = await exited;
clearTimeout(overall);

// Processes tests left behind (their file was killed before its `after` hooks ran).
const leftovers = await fs.readdir(processDir);
for (const entry of leftovers) {
  const [kind, pid] = entry.split('-');
  if (kind === 'group') signalGroup(Number(pid), 'SIGKILL');
  else if (kind === 'pid') {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
if (leftovers.length > 0 && reason === undefined)
  console.error(`Processus laissés par les tests, arrêtés : ${leftovers.join(', ')}`);

await meili.stop();
await fs.rm(dataDir, { recursive: true, force: true });
if (reason !== undefined) {
  console.error(`Tests arrêtés : ${reason}.`);
  exitCode = exitCode === 0 ? 1 : exitCode;
}
process.exit(exitCode);
