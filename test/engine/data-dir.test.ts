import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSearchLog } from '../../src/analytics/search-log.ts';
import { writeOcrCache } from '../../ingest/parsers/ocr-cache.ts';
import { DataDirError, prepareDataDir } from '../../src/data-dir.ts';
import { startEmbeddedMeilisearch } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { silentLogger } from '../helpers/meili.ts';
import { spawnTracked, stopAfter, temporaryFolders } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

/**
 * DATA_DIR holds the master key and the database: it is private (0700, files 0600), and
 * a DATA_DIR that cannot be written stops the service and the ingestion with one line
 * naming DATA_DIR and the path (exit 2), not a stack trace.
 */

const tempDir = temporaryFolders('data-dir');
const { readyMs } = testTimeouts();
// Permissions do not stop root: a read-only folder is then tried as the user nobody.
const nobody = { uid: 65534, gid: 65534 };
const runAs = process.getuid?.() === 0 ? nobody : undefined;

/** Every entry below a folder with group or other permission bits set. */
async function notPrivate(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const lax: string[] = [];
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    const { mode } = await fs.lstat(file);
    if (!entry.isSymbolicLink() && (mode & 0o077) !== 0)
      lax.push(`${path.relative(dir, file)} ${(mode & 0o777).toString(8)}`);
  }
  return lax;
}

async function modeOf(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}

/** Runs a command of the project with DATA_DIR set, to its end. */
async function runWithDataDir(script: string, dataDir: string, args: string[] = []) {
  const run = await spawnTracked(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      // Nothing listens there: the run must stop on DATA_DIR before reaching Meilisearch.
      MEILI_URL: 'http://127.0.0.1:9',
      PORT: '0',
    },
    ...(runAs === undefined ? {} : { user: runAs }),
  });
  // Before the fix a service on a read-only DATA_DIR went on running: a bounded wait.
  const code = await Promise.race([
    run.exited,
    sleep(readyMs).then(() => 'still running after the readiness deadline'),
  ]);
  return { code, stderr: run.stderr(), stdout: run.stdout() };
}

function assertNamedConfigError(
  result: { code: number | string | null; stderr: string; stdout: string },
  dataDir: string,
  headline: RegExp,
): void {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.match(lines[0] ?? '', headline);
  assert.equal(lines.length, 2, `one line after the headline: ${result.stderr}`);
  assert.ok(lines[1]?.includes(`DATA_DIR « ${dataDir} » est inutilisable`), result.stderr);
  assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at |"stack"/);
}

describe('DATA_DIR', () => {
  it('is created private (0700) when it does not exist', async () => {
    const dir = path.join(await tempDir(), 'data', 'reperes');
    await prepareDataDir(dir);
    assert.equal(await modeOf(dir), 0o700);
    assert.deepEqual(await fs.readdir(dir), [], 'the write check leaves nothing behind');
  });

  it('is made private (0700) when it exists readable by others', async () => {
    const dir = await tempDir();
    await fs.chmod(dir, 0o755);
    await prepareDataDir(dir);
    assert.equal(await modeOf(dir), 0o700);
  });

  it('below a regular file is a named configuration error (ENOTDIR)', async () => {
    const file = path.join(await tempDir(), 'un-fichier');
    await fs.writeFile(file, '');
    const dir = path.join(file, 'data');
    const error: unknown = await prepareDataDir(dir).catch((caught: unknown) => caught);
    assert.ok(error instanceof DataDirError);
    assert.equal(error.code, 'data_dir_unusable');
    assert.equal(
      error.message,
      `DATA_DIR « ${dir} » est inutilisable : un élément du chemin n'est pas un dossier (ENOTDIR). Indiquez dans DATA_DIR un dossier où le service peut écrire.`,
    );
  });

  it('read-only stops the service (npm start) with exit 2 and one line naming it, no stack', async () => {
    const dir = await tempDir();
    await fs.chmod(dir, 0o555);
    const result = await runWithDataDir('src/main.ts', dir);
    assertNamedConfigError(result, dir, /^Le service n'a pas démarré :$/);
    assert.match(result.stderr, /accès refusé en écriture \(EACCES\)/);
  });

  it('read-only stops the ingestion (npm run ingest) with exit 2 and one line naming it', async () => {
    const dir = await tempDir();
    await fs.chmod(dir, 0o555);
    const result = await runWithDataDir('ingest/main.ts', dir, ['guides']);
    assertNamedConfigError(result, dir, /^L'ingestion n'a pas abouti :$/);
  });

  it('below a regular file stops the service with exit 2 and one line naming it', async () => {
    const file = path.join(await tempDir(), 'un-fichier');
    await fs.writeFile(file, '');
    await fs.chmod(path.dirname(file), 0o755);
    const dir = path.join(file, 'data');
    const result = await runWithDataDir('src/main.ts', dir);
    assertNamedConfigError(result, dir, /^Le service n'a pas démarré :$/);
  });

  it('holds nothing readable by others once the embedded Meilisearch has written its database', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    await prepareDataDir(dataDir);
    const meili = await stopAfter(
      await startEmbeddedMeilisearch({ dataDir, startTimeoutMs: readyMs }),
    );
    try {
      const client = createMeiliClient({ url: meili.url, apiKey: meili.masterKey });
      await client.createIndex('private').waitTask({ timeout: readyMs });
      await client
        .index('private')
        .addDocuments([{ id: 1, text: 'privé' }])
        .waitTask({ timeout: readyMs });
      assert.equal(await modeOf(path.join(dataDir, 'meili-master-key')), 0o600);
      assert.equal(await modeOf(path.join(dataDir, 'meili', 'meilisearch.pid')), 0o600);
      assert.deepEqual(await notPrivate(dataDir), []);
    } finally {
      await meili.stop();
    }
  });

  it('keeps the search analytics and the OCR cache private (0600 files in 0700 folders)', async () => {
    const dataDir = await tempDir();
    const log = createSearchLog({
      dir: path.join(dataDir, 'analytics'),
      maxBytes: 1024 * 1024,
      logger: silentLogger,
    });
    log.record({
      at: new Date().toISOString(),
      query: 'cloud',
      filters: {},
      hits: 1,
      page: 1,
      durationMs: 3,
    });
    await log.flushed();
    await writeOcrCache(path.join(dataDir, 'ocr-cache'), 'a'.repeat(64), 'tesseract', new Map());
    assert.equal(await modeOf(path.join(dataDir, 'analytics', 'searches.jsonl')), 0o600);
    assert.deepEqual(await notPrivate(dataDir), []);
  });
});
