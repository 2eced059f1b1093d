import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The service run as `npm start` runs it, in its own process. */
export interface RunningService {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

export async function spawnService(env: NodeJS.ProcessEnv): Promise<RunningService> {
  const port = env.PORT ?? String(await findFreePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls a URL until it answers the expected status, or fails after `timeoutMs`. */
export async function waitForStatus(
  url: string,
  status: number,
  timeoutMs = 20_000,
): Promise<{ status: number; contentType: string | undefined; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; contentType: string | undefined; body: unknown } | undefined;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      last = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        body: await response.json(),
      };
      if (response.status === status) return last;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(
    `${url} did not answer ${status} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`,
  );
}
