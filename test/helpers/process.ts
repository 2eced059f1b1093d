import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { testTimeouts } from './timeouts.ts';

/**
 * Processes started by tests, stopped in an `after` hook even when the test fails or
 * times out. Each runs in its own process group, so that stopping it also stops what it
 * started (the service's Meilisearch), even once orphaned. `npm test` (test/run.ts)
 * passes TEST_PROCESS_DIR: every group is listed there while it runs, and the run kills
 * whatever is still listed when it ends, whichever way it ends.
 */

/** True while a process with this pid runs (a zombie, dead but not yet reaped, does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // In a container whose pid 1 does not reap orphans, a dead orphan stays a zombie.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Waits until a process is gone (an orphan is reaped by init a moment after it dies). */
export async function waitUntilGone(
  pid: number,
  timeoutMs = testTimeouts().readyMs,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Temporary folders removed when the test file ends. */
export function temporaryFolders(label: string): () => Promise<string> {
  const dirs: string[] = [];
  after(async () => {
    await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `reperes-${label}-`));
    dirs.push(dir);
    return dir;
  };
}

/** Where the run lists the process groups tests started (unset outside `npm test`). */
function registryEntry(pid: number, kind: 'group' | 'pid'): string | undefined {
  const dir = process.env.TEST_PROCESS_DIR;
  return dir === undefined || dir === '' ? undefined : path.join(dir, `${kind}-${pid}`);
}

async function register(pid: number, kind: 'group' | 'pid'): Promise<() => Promise<void>> {
  const entry = registryEntry(pid, kind);
  if (entry === undefined) return async () => {};
  await fs.writeFile(entry, '');
  return () => fs.rm(entry, { force: true });
}

/** Sends a signal to a whole process group; false when none of it is left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export interface TrackedProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after a grace period; idempotent. */
  stop: () => Promise<void>;
}

/**
 * Spawns a process for a test and stops it (and its group) after that test. Call it from
 * a test or at a test file's top level, not from a `before` hook (whose `after` would
 * run as soon as the hook ends).
 */
export async function spawnTracked(
  command: string,
  args: string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    graceMs?: number;
    /** Another user to run as (the tests may run as root, whom permissions do not stop). */
    user?: { uid: number; gid: number };
  } = {},
): Promise<TrackedProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    ...options.user,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own group: stopping it reaches its children too.
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${command}`);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  // Registered before any await, so that it belongs to the calling test.
  let unregister: () => Promise<void> = async () => {};
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), options.graceMs ?? 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Whatever the leader left behind in its group (an orphaned Meilisearch) goes too.
      signalGroup(pid, 'SIGKILL');
      await unregister();
    })();
    return stopping;
  };
  after(stop);
  unregister = await register(pid, 'group');
  return {
    child,
    pid,
    output: () => stdout + stderr,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop,
  };
}

/** Stops something a test started in its own process (an embedded Meilisearch) after that test. */
export async function stopAfter<T extends { pid: number; stop: () => Promise<void> }>(
  handle: T,
): Promise<T> {
  let unregister: () => Promise<void> = async () => {};
  after(async () => {
    await handle.stop();
    await unregister();
  });
  if (handle.pid > 0) unregister = await register(handle.pid, 'pid');
  return handle;
}
