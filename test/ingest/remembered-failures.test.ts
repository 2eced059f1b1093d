import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ParsePool } from '../../ingest/parse-pool.ts';
import { SyncJournal } from '../../ingest/sync-journal.ts';
import {
  contentFolder,
  pipelineDeps,
  sync,
  testParsePool,
  writeContent,
} from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';

/**
 * A file that failed to parse is remembered by its hash: the next syncs report it again
 * without parsing it, until the file (or its metadata file) changes or leaves.
 */

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

/** The test's real parse pool, counting the files it is given. */
function countingPool(): { pool: ParsePool; parsed: string[] } {
  const real = testParsePool();
  const parsed: string[] = [];
  const pool: ParsePool = {
    size: real.size,
    get recycledForMemory() {
      return real.recycledForMemory;
    },
    get recycledAfterFiles() {
      return real.recycledAfterFiles;
    },
    parse: (file, options) => {
      parsed.push(file.relativePath);
      return real.parse(file, options);
    },
    close: () => real.close(),
  };
  return { pool, parsed };
}

async function setUp() {
  const { prefix } = uniqueIndexes('failmem');
  prefixes.push(prefix);
  const dir = await contentFolder({
    // A PDF header, then nothing a PDF reader can use.
    'rapport.pdf': Buffer.from('%PDF-1.4\nceci n’est pas un PDF lisible\n'),
    'guide.md': '# Un guide\n\nTexte.\n',
  });
  const counting = countingPool();
  const deps = { ...(await pipelineDeps(client, prefix)), parsePool: counting.pool };
  const journal = new SyncJournal(client, `${prefix}-journal`);
  return { dir, deps, parsed: counting.parsed, journal };
}

describe('failed files remembered by hash', () => {
  it('reports a failed file again without parsing it, until it changes', async () => {
    const { dir, deps, parsed, journal } = await setUp();
    const first = await sync(deps, [dir]);
    assert.deepEqual(
      first.failed.map((failure) => [failure.path, failure.code]),
      [['contenu/rapport.pdf', 'pdf_corrupt']],
    );
    assert.deepEqual(parsed.sort(), ['guide.md', 'rapport.pdf']);
    assert.deepEqual([...(await journal.failures()).keys()], ['contenu-rapport']);

    parsed.length = 0;
    const second = await sync(deps, [dir]);
    assert.deepEqual(parsed, [], 'nothing parsed again');
    assert.deepEqual(second.failed, first.failed, 'the same failure, in the same words');
    assert.equal(second.unchanged, 1);

    // Fixed: parsed at once, and forgotten as a failure.
    await writeContent(dir, 'rapport.pdf', buildPdf({ pages: [['Rapport final', 'Texte.']] }));
    const third = await sync(deps, [dir]);
    assert.deepEqual(parsed, ['rapport.pdf']);
    assert.deepEqual(third.failed, []);
    assert.equal(third.parsed, 1);
    assert.equal((await journal.failures()).size, 0);
  });

  it('parses a failed file again when its metadata file changes', async () => {
    const { dir, deps, parsed } = await setUp();
    await sync(deps, [dir]);
    parsed.length = 0;
    await writeContent(dir, 'rapport.pdf.yml', 'title: Rapport\n');
    const again = await sync(deps, [dir]);
    assert.deepEqual(parsed, ['rapport.pdf']);
    assert.equal(again.failed.length, 1);
  });

  it('forgets a failed file that left the folder', async () => {
    const { dir, deps, journal } = await setUp();
    await sync(deps, [dir]);
    await fs.rm(path.join(dir, 'rapport.pdf'));
    const after = await sync(deps, [dir]);
    assert.deepEqual(after.failed, []);
    assert.equal((await journal.failures()).size, 0);
  });

  it('keeps journal entries and remembered failures apart', async () => {
    const { dir, deps, journal } = await setUp();
    await sync(deps, [dir]);
    assert.deepEqual(await journal.openEntries(), []);
  });
});
