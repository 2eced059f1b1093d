import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What tests read of the embedded engine's pid file (DATA_DIR/meili/meilisearch.pid). */

function pidFileOf(dataDir: string): string {
  return path.join(dataDir, 'meili/meilisearch.pid');
}

/** Every Meilisearch pid the pid file names while `running` is pending. */
export async function watchEnginePids(
  dataDir: string,
  running: Promise<unknown>,
): Promise<Set<number>> {
  const pids = new Set<number>();
  let done = false;
  void running.finally(() => (done = true));
  while (!done) {
    try {
      const { pid } = JSON.parse(await fs.readFile(pidFileOf(dataDir), 'utf8')) as {
        pid: number;
      };
      pids.add(pid);
    } catch {
      // not written yet, or removed
    }
    await sleep(20);
  }
  return pids;
}

/** Waits until the engine named by the pid file answers its health check. */
export async function engineAnswers(dataDir: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const { url } = JSON.parse(await fs.readFile(pidFileOf(dataDir), 'utf8')) as { url: string };
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not started yet
    }
    if (Date.now() >= deadline) throw new Error('the engine named by the pid file never answered');
    await sleep(50);
  }
}
