import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../src/engine/embedded-meilisearch.ts';
import { defaultRestartPolicy } from '../src/engine/engine-supervisor.ts';

/**
 * `npm run bench -- recovery`: how long the service takes to be ready again (`/readyz`
 * 200 on a new engine process) after `kill -9` of its embedded Meilisearch; median of 5.
 * Rounds are further apart than the supervisor's `stableAfterMs`, so that each one
 * measures a first crash, not the backoff of a crash loop.
 */

const rounds = 5;
const root = path.resolve(import.meta.dirname, '..');
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-recovery-'));
const port = await findFreePort();
const base = `http://127.0.0.1:${port}`;
const service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: {
    PATH: process.env.PATH,
    PORT: String(port),
    DATA_DIR: dataDir,
    CONTENT_DIRS: 'guides',
    OCR: 'off',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
  // Its own group: stopping it reaches its Meilisearch too.
  detached: true,
});

async function status(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return undefined;
  }
}

async function enginePid(): Promise<number | undefined> {
  try {
    const file = await fs.readFile(path.join(dataDir, 'meili/meilisearch.pid'), 'utf8');
    return (JSON.parse(file) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`pas de réponse en ${timeoutMs} ms`);
    await sleep(10);
  }
}

const readyTimes: number[] = [];
const searchTimes: number[] = [];
try {
  await waitUntil(async () => (await status(`${base}/readyz`)) === 200, 180_000);
  for (let round = 1; round <= rounds; round++) {
    await sleep(defaultRestartPolicy.stableAfterMs + 2_000);
    const killed = await enginePid();
    if (killed === undefined) throw new Error('fichier pid absent');
    const started = performance.now();
    process.kill(killed, 'SIGKILL');
    await waitUntil(async () => {
      const pid = await enginePid();
      return pid !== undefined && pid !== killed && (await status(`${base}/readyz`)) === 200;
    }, 120_000);
    const ready = performance.now() - started;
    await waitUntil(async () => (await status(`${base}/api/search?q=licence`)) === 200, 120_000);
    const searching = performance.now() - started;
    readyTimes.push(ready);
    searchTimes.push(searching);
    console.log(
      `  manche ${round} : prêt en ${ready.toFixed(0)} ms, recherche rétablie en ${searching.toFixed(0)} ms`,
    );
  }
} finally {
  try {
    process.kill(-(service.pid ?? 0), 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((resolve) => service.once('exit', resolve));
  await fs.rm(dataDir, { recursive: true, force: true });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  `Reprise après kill -9 du Meilisearch embarqué (${rounds} manches) : /readyz 200 en ${median(readyTimes).toFixed(0)} ms (médiane ; min ${Math.min(...readyTimes).toFixed(0)}, max ${Math.max(...readyTimes).toFixed(0)}), recherche en ${median(searchTimes).toFixed(0)} ms (médiane)`,
);
