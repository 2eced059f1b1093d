import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { spawnTracked, temporaryFolders, waitUntilGone } from './process.ts';
import { projectRoot } from './service.ts';

const tempDir = temporaryFolders('process');

/** The environment without the marker that makes a nested `node --test` skip its files. */
function testRunnerFree(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _context, ...rest } = env;
  return rest;
}

describe('test processes', () => {
  it('a test that fails while its service runs leaves neither the service nor its Meilisearch behind', async () => {
    const dir = await tempDir();
    const pidsFile = path.join(dir, 'pids.json');
    const run = await spawnTracked(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=tap',
        'test/fixtures/process/fails-while-its-service-runs.ts',
      ],
      {
        cwd: projectRoot,
        env: {
          ...testRunnerFree(process.env),
          FIXTURE_DATA_DIR: path.join(dir, 'data'),
          FIXTURE_PIDS_FILE: pidsFile,
        },
      },
    );

    assert.equal(await run.exited, 1, run.output());
    assert.match(run.output(), /échec voulu, service en marche/);
    const pids = JSON.parse(await fs.readFile(pidsFile, 'utf8')) as {
      service: number;
      meilisearch: number;
    };
    assert.ok(
      await waitUntilGone(pids.service),
      `the service (pid ${pids.service}) is still running`,
    );
    assert.ok(
      await waitUntilGone(pids.meilisearch),
      `its Meilisearch (pid ${pids.meilisearch}) is still running`,
    );
  });
});
