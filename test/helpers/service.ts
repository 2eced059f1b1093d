import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { spawnTracked, type TrackedProcess } from './process.ts';
import { testTimeouts } from './timeouts.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The service run as `npm start` runs it, in its own process, stopped after the test. */
export interface RunningService extends TrackedProcess {
  url: string;
}

export async function spawnService(env: NodeJS.ProcessEnv): Promise<RunningService> {
  const port = env.PORT ?? String(await findFreePort());
  const service = await spawnTracked(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'info',
      // A loaded machine may take long to start the embedded Meilisearch.
      MEILI_START_TIMEOUT_MS: String(testTimeouts().readyMs),
      ...env,
      PORT: port,
    },
  });
  return { ...service, url: `http://127.0.0.1:${port}` };
}

/** Polls a URL until it answers the expected status, or fails after `timeoutMs`. */
export async function waitForStatus(
  url: string,
  status: number,
  timeoutMs = testTimeouts().readyMs,
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
