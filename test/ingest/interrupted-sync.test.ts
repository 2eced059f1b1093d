import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Section } from '../../src/content/model.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import type { PipelineDeps } from '../../ingest/pipeline.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { startHoldingProxy } from '../helpers/holding-proxy.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client, url, key } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

const guide = (title: string, headings: string[]): string =>
  `# ${title}\n\nIntroduction.\n\n${headings
    .map((heading) => `## ${heading}\n\nTexte sous ${heading}.\n`)
    .join('\n')}`;

/** A folder of guides whose every heading holds `word`. */
function guides(word: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: 6 }, (_, n) => [
      `guide-${n}.md`,
      guide(`Guide ${n}`, [`${word} premier ${n}`, `${word} second ${n}`]),
    ]),
  );
}

async function hitsFor(prefix: string, query: string): Promise<number> {
  const result = await client
    .index<Section>(`${prefix}-sections`)
    .search(query, { limit: 100, attributesToRetrieve: ['id'], matchingStrategy: 'all' });
  return result.hits.length;
}

/**
 * A sync cut off once its sections are committed, as it sends the resource records
 * (which say which version is indexed): the connection of that request is cut.
 */
async function cutSync(deps: PipelineDeps, prefix: string, dir: string): Promise<void> {
  const proxy = await startHoldingProxy(
    url,
    (request) => request === `POST /indexes/${prefix}-resources/documents`,
  );
  after(() => proxy.close());
  const cut = sync({ ...deps, meili: createMeiliClient({ url: proxy.url, apiKey: key }) }, [dir]);
  await proxy.held;
  proxy.dropHeld();
  await assert.rejects(cut);
}

describe('syncContent after an interrupted sync', () => {
  it('re-checks the files an interrupted sync was writing, so that no text of no file stays searchable', async () => {
    const { prefix } = uniqueIndexes('interrupted');
    prefixes.push(prefix);
    const original = guides('Hébergement');
    const dir = await contentFolder(original);
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);

    // Every heading rewritten, then a sync cut off after its sections were written,
    // just as it sends the resources (the records that say which version is indexed).
    for (const [file, text] of Object.entries(guides('Zorglub')))
      await writeContent(dir, file, text);
    await cutSync(deps, prefix, dir);
    assert.ok((await hitsFor(prefix, 'zorglub')) > 0, 'the cut sync wrote its sections');

    // The files are restored: the index must come back to them.
    for (const [file, text] of Object.entries(original)) await writeContent(dir, file, text);
    const summary = await sync(deps, [dir]);

    assert.equal(await hitsFor(prefix, 'zorglub'), 0);
    assert.equal(await hitsFor(prefix, 'hébergement premier'), 6);
    assert.equal(summary.rechecked, 6);
    assert.equal(summary.parsed, 6);
    assert.equal(summary.unchanged, 0);
    // Re-checked once: the next sync trusts the index again.
    const next = await sync(deps, [dir]);
    assert.equal(next.rechecked, 0);
    assert.equal(next.unchanged, 6);
  });

  it('removes what an interrupted sync wrote for a new file that is gone since', async () => {
    const { prefix } = uniqueIndexes('interrupted');
    prefixes.push(prefix);
    const dir = await contentFolder(guides('Hébergement'));
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);

    await writeContent(dir, 'nouveau.md', guide('Nouveau', ['Zorglub unique']));
    await cutSync(deps, prefix, dir);
    assert.equal(await hitsFor(prefix, 'zorglub'), 1, 'the cut sync wrote its sections');

    // Its sections have no resource record: only the journal knows they are there.
    await fs.rm(path.join(dir, 'nouveau.md'));
    const summary = await sync(deps, [dir]);

    assert.equal(await hitsFor(prefix, 'zorglub'), 0);
    assert.equal(summary.rechecked, 1);
    assert.equal(summary.unchanged, 6);
  });

  it('closes what an interrupted sync left open once a rebuild has read every file', async () => {
    const { prefix } = uniqueIndexes('interrupted');
    prefixes.push(prefix);
    const original = guides('Hébergement');
    const dir = await contentFolder(original);
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    for (const [file, text] of Object.entries(guides('Zorglub')))
      await writeContent(dir, file, text);
    await cutSync(deps, prefix, dir);

    for (const [file, text] of Object.entries(original)) await writeContent(dir, file, text);
    await sync(deps, [dir], { rebuild: true });
    assert.equal(await hitsFor(prefix, 'zorglub'), 0);
    const next = await sync(deps, [dir]);
    assert.equal(next.rechecked, 0);
    assert.equal(next.unchanged, 6);
  });
});
