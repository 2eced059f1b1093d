import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('rebuild');
after(() => dropIndexes(client, prefix));

describe('syncContent --rebuild', () => {
  it('swaps in fresh indexes while searches run: none fails, none loses hits', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      files[`guide-${i}.md`] =
        `# Guide ${i}\n\n## Hébergement ${i}\n\nChoisir un hébergement qualifié SecNumCloud pour le service ${i}.\n\n## Autre\n\nTexte ${i}.\n`;
    }
    const dir = await contentFolder(files);
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    const sections = client.index(`${prefix}-sections`);
    const baseline = (await sections.search('hébergement', { limit: 0 })).estimatedTotalHits ?? 0;
    assert.ok(baseline >= 40);

    let rebuilding = true;
    const observed: number[] = [];
    const failures: unknown[] = [];
    const searching = (async () => {
      // Bounded: stops when the rebuild ends, or after 60 s at most.
      const deadline = Date.now() + 60_000;
      while (rebuilding && Date.now() < deadline) {
        try {
          observed.push(
            (await sections.search('hébergement', { limit: 0 })).estimatedTotalHits ?? 0,
          );
        } catch (error) {
          failures.push(error);
        }
      }
    })();
    const summary = await sync(deps, [dir], { rebuild: true });
    rebuilding = false;
    await searching;

    assert.equal(summary.parsed, 40, 'a rebuild parses every file again');
    assert.deepEqual(failures, []);
    assert.ok(observed.length > 5, `only ${observed.length} searches ran during the rebuild`);
    assert.ok(
      observed.every((hits) => hits >= baseline),
      `a search lost hits: ${observed.filter((hits) => hits < baseline).join(', ')}`,
    );
    assert.equal((await sections.search('hébergement', { limit: 0 })).estimatedTotalHits, baseline);
    const leftovers = (await client.getIndexes({ limit: 1000 })).results.filter(
      (index) => index.uid.includes(`${prefix}-`) && index.uid.endsWith('-rebuild'),
    );
    assert.deepEqual(leftovers, [], 'the temporary indexes are dropped');
  });
});
