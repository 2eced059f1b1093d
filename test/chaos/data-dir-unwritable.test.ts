import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { spawnTracked, temporaryFolders } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

/**
 * A real full disk and a real read-only file system as DATA_DIR (a small tmpfs): the
 * service stops at once on one line naming DATA_DIR, exit 2. Mounting needs root (and
 * CAP_SYS_ADMIN): elsewhere these tests are skipped, and test/engine/data-dir.test.ts
 * still covers a folder the service may not write.
 */

const run = promisify(execFile);
const { readyMs } = testTimeouts();
const mounted: string[] = [];
// Registered before the temporary folders' own hook: unmounted first, then removed.
after(async () => {
  for (const dir of mounted) await run('umount', [dir]).catch(() => undefined);
});
const tempDir = temporaryFolders('data-dir-chaos');

/** A tmpfs of 64 KiB mounted on a temporary folder, or undefined when this machine refuses. */
async function smallTmpfs(options: string): Promise<string | undefined> {
  const dir = await tempDir();
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=64k,${options}`, 'tmpfs', dir]);
  } catch {
    return undefined;
  }
  mounted.push(dir);
  return dir;
}

async function startService(dataDir: string) {
  const service = await spawnTracked(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0' },
  });
  const code = await Promise.race([
    service.exited,
    sleep(readyMs).then(() => 'still running after the readiness deadline'),
  ]);
  return { code, stderr: service.stderr() };
}

describe('DATA_DIR on a file system that refuses writes', () => {
  it('full (ENOSPC): the service stops with exit 2 on one line naming DATA_DIR', async (t) => {
    const dir = await smallTmpfs('mode=0700');
    if (dir === undefined) {
      t.skip('mount is not permitted here');
      return;
    }
    await fs.writeFile(path.join(dir, 'plein'), Buffer.alloc(1024 * 1024)).catch(() => undefined);
    const { code, stderr } = await startService(dir);
    assert.equal(code, 2, stderr);
    assert.equal(
      stderr.trim().split('\n')[1],
      `DATA_DIR « ${dir} » est inutilisable : disque plein (ENOSPC). Indiquez dans DATA_DIR un dossier où le service peut écrire.`,
    );
  });

  it('read-only (EROFS): the service stops with exit 2 on one line naming DATA_DIR', async (t) => {
    const dir = await smallTmpfs('ro,mode=0700');
    if (dir === undefined) {
      t.skip('mount is not permitted here');
      return;
    }
    const { code, stderr } = await startService(dir);
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /DATA_DIR « .+ » est inutilisable : système de fichiers en lecture seule \(EROFS\)/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
