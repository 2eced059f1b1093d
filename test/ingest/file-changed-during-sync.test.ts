import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import type { Section } from '../../src/content/model.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

function freshIndexes(): string {
  const { prefix } = uniqueIndexes('changed');
  prefixes.push(prefix);
  return prefix;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function indexed(prefix: string, id: string) {
  const resource = await client.index<ResourceRecord>(`${prefix}-resources`).getDocument(id);
  const sections = await client.index<Section>(`${prefix}-sections`).getDocuments({
    filter: `resourceId = ${JSON.stringify(id)}`,
    fields: ['heading'],
    limit: 100,
  });
  return { sha256: resource.source.sha256, headings: sections.results.map((s) => s.heading) };
}

describe('syncContent with a file that changes during the sync', () => {
  it('refuses a file that grew over the size limit after it was listed', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'a.md': '# Petit\n\nTexte.\n', 'b.md': '# B\n\nTexte.\n' });
    const summary = await sync(await pipelineDeps(client, prefix, { maxFileBytes: 1024 }), [dir], {
      // Listed, not read yet: the file grows past the limit.
      onProgress: (event) => {
        if (event.kind === 'start')
          writeFileSync(path.join(dir, 'a.md'), `# Gros\n\n${'x'.repeat(4096)}`);
      },
    });
    assert.deepEqual(
      summary.failed.map((failure) => [failure.path, failure.code]),
      [['contenu/a.md', 'too_large']],
    );
    assert.match(summary.failed[0]?.reason ?? '', /trop volumineux.*MAX_FILE_BYTES/);
  });

  it('indexes the version it read, under that version’s hash, and reads the file again next time', async () => {
    const prefix = freshIndexes();
    const first = '# Premier\n\n## Version lue\n\nTexte.\n';
    const second = '# Second\n\n## Version écrite ensuite\n\nTexte.\n';
    const dir = await contentFolder({ 'a.md': '# A\n\nTexte.\n', 'z.md': first });
    const deps = await pipelineDeps(client, prefix);
    let rewritten = false;
    await sync(deps, [dir], {
      onProgress: (event) => {
        // Its progress comes once it was read and parsed, before the sync writes and ends.
        if (event.kind === 'file' && event.path === 'contenu/z.md' && !rewritten) {
          rewritten = true;
          writeFileSync(path.join(dir, 'z.md'), second);
        }
      },
    });
    assert.ok(rewritten);
    assert.deepEqual(await indexed(prefix, 'contenu-z'), {
      sha256: sha256(first),
      headings: ['Version lue'],
    });

    const next = await sync(deps, [dir]);
    assert.equal(next.parsed, 1);
    assert.deepEqual(await indexed(prefix, 'contenu-z'), {
      sha256: sha256(second),
      headings: ['Version écrite ensuite'],
    });
  });
});
