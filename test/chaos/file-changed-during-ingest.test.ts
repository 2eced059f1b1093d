import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import type { Section } from '../../src/content/model.ts';
import { contentFolder } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnTracked, temporaryFolders } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';

/**
 * A file rewritten over and over (in place, truncated then written, as an editor without
 * atomic saves does) while `npm run ingest` runs: whatever it read is indexed as one
 * version under that version's hash, and the next ingestion brings the index to the file.
 */

const { client, url, key } = testMeili();
const { prefix } = uniqueIndexes('chaos-changed');
after(() => dropIndexes(client, prefix));
const temporaryFolder = temporaryFolders('chaos-changed');

/** One version of the moving file: every heading and paragraph names it. */
const version = (word: string): string =>
  `# Guide ${word}\n\n${Array.from(
    { length: 40 },
    (_, n) => `## ${word} partie ${n}\n\nTexte ${word} de la partie ${n}.\n`,
  ).join('\n')}`;

async function ingest(folder: string): Promise<{ code: number | null; output: string }> {
  const run = await spawnTracked(process.execPath, ['--import', 'tsx', 'ingest/main.ts', folder], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      INDEX_PREFIX: prefix,
      DATA_DIR: await temporaryFolder(),
    },
  });
  return { code: await run.exited, output: run.output() };
}

async function indexedVersion(): Promise<{ sha256: string; words: string[] } | undefined> {
  const resources = await client
    .index<ResourceRecord>(`${prefix}-resources`)
    .getDocuments({ filter: 'source.path = "mobile.md"', limit: 1 });
  const resource = resources.results[0];
  if (resource === undefined) return undefined;
  const sections = await client.index<Section>(`${prefix}-sections`).getDocuments({
    filter: `resourceId = ${JSON.stringify(resource.id)}`,
    fields: ['text', 'heading'],
    limit: 1000,
  });
  const words = new Set(
    sections.results.flatMap((section) =>
      [...`${section.heading} ${section.text}`.matchAll(/\b(alphaversion|betaversion)\b/g)].map(
        (match) => match[1] ?? '',
      ),
    ),
  );
  return { sha256: resource.source.sha256, words: [...words].sort() };
}

describe('a file changed during an ingestion', () => {
  it('is indexed in one version, under its hash, and brought up to date by the next ingestion', async () => {
    const versions = { alpha: version('alphaversion'), beta: version('betaversion') };
    const hashes = new Map(
      Object.entries(versions).map(([name, text]) => [
        createHash('sha256').update(text).digest('hex'),
        name,
      ]),
    );
    const files: Record<string, string> = { 'mobile.md': versions.alpha };
    for (let n = 0; n < 30; n++) files[`fixe-${n}.md`] = `# Fixe ${n}\n\n## Partie\n\nTexte.\n`;
    const folder = await contentFolder(files);
    const moving = path.join(folder, 'mobile.md');

    // The writer alternates the two versions until the ingestion ends.
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        await fs.writeFile(moving, writes % 2 === 0 ? versions.beta : versions.alpha);
        writes++;
        // A breath between two writes, so that the ingestion is not starved of the disk.
        await sleep(2);
      }
    })();
    after(async () => {
      writing = false;
      await writer;
    });
    const during = await ingest(folder);
    writing = false;
    await writer;
    assert.equal(during.code, 0, during.output);
    assert.ok(writes > 1, 'the file changed during the ingestion');

    // A torn read (the file caught half written) is indexed as what was read, or
    // refused (an empty file): never two versions at once, never under another's hash.
    const seen = await indexedVersion();
    if (seen !== undefined) {
      assert.ok(seen.words.length <= 1, `one version indexed, not ${seen.words.join(' + ')}`);
      const name = hashes.get(seen.sha256);
      if (name !== undefined) assert.deepEqual(seen.words, [`${name}version`]);
    }

    await fs.writeFile(moving, versions.beta);
    const next = await ingest(folder);
    assert.equal(next.code, 0, next.output);
    assert.deepEqual(await indexedVersion(), {
      sha256: [...hashes].find(([, name]) => name === 'beta')?.[0],
      words: ['betaversion'],
    });
  });
});
