import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import type { Section } from '../../src/content/model.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

function freshIndexes(): string {
  const { prefix } = uniqueIndexes('single');
  prefixes.push(prefix);
  return prefix;
}

async function resources(prefix: string): Promise<Map<string, ResourceRecord>> {
  const page = await client
    .index<ResourceRecord>(`${prefix}-resources`)
    .getDocuments({ limit: 1000 });
  return new Map(page.results.map((resource) => [resource.id, resource]));
}

async function sectionCount(prefix: string, resourceId: string): Promise<number> {
  const page = await client.index<Section>(`${prefix}-sections`).getDocuments({
    filter: `resourceId = ${JSON.stringify(resourceId)}`,
    limit: 0,
  });
  return page.total;
}

describe('syncContent with single files', () => {
  it('keeps two paths that fold to the same slug apart, whatever the batch', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'guide.md': '# Le guide\n\n## Partie\n\nTexte.\n',
      'Guide.md': '# Le Guide majuscule\n\n## Partie\n\nTexte.\n',
    });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    const before = await resources(prefix);
    assert.equal(before.size, 2);

    await writeContent(dir, 'Guide.md', '# Le Guide majuscule, revu\n\n## Partie\n\nTexte.\n');
    const summary = await sync(deps, [dir], { files: [path.join(dir, 'Guide.md')] });
    assert.equal(summary.parsed, 1);
    const afterSync = await resources(prefix);
    assert.deepEqual([...afterSync.keys()].sort(), [...before.keys()].sort());
    assert.deepEqual(
      [...afterSync.values()].map((resource) => [resource.source.path, resource.title]).sort(),
      [
        ['Guide.md', 'Le Guide majuscule, revu'],
        ['guide.md', 'Le guide'],
      ],
    );
  });

  it('removes the resource of a named file that no longer exists, with its sections, and nothing else', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'a.md': '# A\n\n## Un\n\nTexte.\n',
      'b.md': '# B\n\n## Deux\n\nTexte.\n',
    });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    assert.ok((await sectionCount(prefix, 'contenu-a')) > 0);
    const sectionsOfB = await sectionCount(prefix, 'contenu-b');

    await fs.rm(path.join(dir, 'a.md'));
    const summary = await sync(deps, [dir], { files: [path.join(dir, 'a.md')] });
    assert.equal(summary.removed, 1);
    assert.equal(summary.seen, 0);
    assert.deepEqual([...(await resources(prefix)).keys()], ['contenu-b']);
    assert.equal(await sectionCount(prefix, 'contenu-a'), 0);
    assert.equal(await sectionCount(prefix, 'contenu-b'), sectionsOfB);
  });

  it('refuses a file whose id an existing file already holds, and leaves that one as it is', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'a-b.md': '# Le premier\n\nTexte.\n' });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    await writeContent(dir, 'a/b.md', '# Le second\n\nTexte.\n');

    for (const run of [
      () => sync(deps, [dir], { files: [path.join(dir, 'a/b.md')] }),
      () => sync(deps, [dir]),
    ]) {
      const summary = await run();
      assert.deepEqual(
        summary.failed.map((failure) => [failure.path, failure.code]),
        [['contenu/a/b.md', 'id_conflict']],
      );
      assert.match(summary.failed[0]?.reason ?? '', /déjà pris par contenu\/a-b\.md/);
      const indexed = await resources(prefix);
      assert.deepEqual([...indexed.keys()], ['contenu-a-b']);
      assert.equal(indexed.get('contenu-a-b')?.title, 'Le premier');
    }
  });

  it('takes back an id that an older version gave another path, and moves that path to its own id', async () => {
    const prefix = freshIndexes();
    const deps = await pipelineDeps(client, prefix);
    const dir = await contentFolder({
      'guide.md': '# Le guide\n\nTexte.\n',
      'Guide.md': '# Le Guide majuscule\n\nTexte.\n',
    });
    await sync(deps, [dir]);
    // As an older ingester left it: Guide.md under the plain id.
    const resourcesIndex = client.index(`${prefix}-resources`);
    await resourcesIndex.deleteAllDocuments().waitTask();
    await resourcesIndex
      .addDocuments([
        {
          id: 'contenu-guide',
          title: 'Le Guide majuscule',
          signature: 'older',
          source: { root: 'contenu', path: 'Guide.md', format: 'markdown', sha256: 'x', bytes: 1 },
        },
      ])
      .waitTask();

    const summary = await sync(deps, [dir]);
    assert.deepEqual(summary.failed, []);
    const indexed = await resources(prefix);
    assert.equal(indexed.get('contenu-guide')?.source.path, 'guide.md');
    assert.equal(indexed.size, 2);
  });
});
