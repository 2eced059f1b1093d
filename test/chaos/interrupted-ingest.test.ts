import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Section } from '../../src/content/model.ts';
import { startHoldingProxy } from '../helpers/holding-proxy.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { signalGroup, spawnTracked, temporaryFolders } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';

/**
 * Issue 11, point 3: rewrite every heading of a folder, ingest, kill -9 that ingestion
 * mid-write, restore the files, ingest again. Nothing the rewrite wrote may stay
 * searchable, and the index must hold what a clean ingestion of the files gives.
 */

const { client, url, key } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));
const temporaryFolder = temporaryFolders('chaos-ingest');

/** `npm run ingest` on one folder, as a person runs it; `meiliUrl` may be a proxy. */
async function startIngest(folder: string, prefix: string, meiliUrl = url) {
  return spawnTracked(process.execPath, ['--import', 'tsx', 'ingest/main.ts', folder], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: key,
      INDEX_PREFIX: prefix,
      DATA_DIR: await temporaryFolder(),
    },
  });
}

async function ingest(folder: string, prefix: string): Promise<string> {
  const run = await startIngest(folder, prefix);
  assert.equal(await run.exited, 0, run.output());
  return run.stdout();
}

/** The project's own guides, copied into a folder named `guides`. */
async function copyOfGuides(): Promise<string> {
  const folder = path.join(await temporaryFolder(), 'guides');
  await fs.cp(path.join(projectRoot, 'guides'), folder, { recursive: true });
  return folder;
}

async function markdownFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function sectionsOf(prefix: string): Promise<{ id: string; heading: string }[]> {
  const page = await client
    .index<Section>(`${prefix}-sections`)
    .getDocuments({ fields: ['id', 'heading'], limit: 10_000 });
  return page.results.sort((a, b) => a.id.localeCompare(b.id));
}

async function hitsFor(prefix: string, query: string): Promise<number> {
  const result = await client.index<Section>(`${prefix}-sections`).search(query, { limit: 0 });
  return result.estimatedTotalHits;
}

describe('an ingestion killed mid-write', () => {
  it('leaves no text of no file searchable once the files are restored and ingested again', async () => {
    const { prefix } = uniqueIndexes('chaos-cut');
    const reference = uniqueIndexes('chaos-ref');
    prefixes.push(prefix, reference.prefix);
    const folder = await copyOfGuides();
    await ingest(folder, prefix);

    // Every heading of every indexed Markdown file (sources/ is ignored) rewritten with a
    // word no file holds.
    const files = (await markdownFiles(folder)).filter(
      (file) => !file.startsWith(path.join(folder, 'sources')),
    );
    const originals = new Map<string, string>();
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      originals.set(file, text);
      await fs.writeFile(file, text.replace(/^(#{1,6} +)/gm, '$1Zorglub '));
    }

    // The ingestion is killed (-9) at the exact point where its sections are committed
    // and it sends the resource records: the proxy holds that request and never answers.
    const proxy = await startHoldingProxy(
      url,
      (request) => request === `POST /indexes/${prefix}-resources/documents`,
    );
    after(() => proxy.close());
    const cut = await startIngest(folder, prefix, proxy.url);
    const reached = await Promise.race([proxy.held.then(() => true), cut.exited.then(() => false)]);
    assert.ok(reached, `the ingestion ended before writing its resources:\n${cut.output()}`);
    signalGroup(cut.pid, 'SIGKILL');
    assert.equal(await cut.exited, null);
    assert.ok((await hitsFor(prefix, 'zorglub')) > 0, 'the killed ingestion wrote its sections');

    for (const [file, text] of originals) await fs.writeFile(file, text);
    // The killed ingestion's lock is taken over once silent (30 s), then the files are read.
    const summary = await ingest(folder, prefix);

    assert.equal(await hitsFor(prefix, 'zorglub'), 0);
    assert.doesNotMatch(summary, /rien à analyser/);
    assert.match(
      summary,
      new RegExp(`revérifiés \\(ingestion interrompue\\) +: ${files.length}\\n`),
    );
    // The same records as a clean ingestion of the same files.
    const clean = path.join(await temporaryFolder(), 'guides');
    await fs.cp(folder, clean, { recursive: true });
    await ingest(clean, reference.prefix);
    assert.deepEqual(await sectionsOf(prefix), await sectionsOf(reference.prefix));
  });
});
