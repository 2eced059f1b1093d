import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Section } from '../../src/content/model.ts';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { indexExists } from '../../src/engine/indexes.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

function freshIndexes(): string {
  const { prefix } = uniqueIndexes('pipe');
  prefixes.push(prefix);
  return prefix;
}

async function sectionsOf(prefix: string, resourceId: string): Promise<Section[]> {
  const page = await client.index<Section>(`${prefix}-sections`).getDocuments({
    filter: `resourceId = ${JSON.stringify(resourceId)}`,
    limit: 1000,
    sort: ['position:asc'],
  });
  return page.results;
}

async function resourceIds(prefix: string): Promise<string[]> {
  const page = await client
    .index<ResourceRecord>(`${prefix}-resources`)
    .getDocuments({ fields: ['id'], limit: 1000 });
  return page.results.map((resource) => resource.id).sort();
}

const guide = (title: string, headings: string[]): string =>
  `---\ntitle: ${title}\ntopics: [hebergement]\n---\n\nIntroduction du guide.\n\n${headings
    .map((heading) => `## ${heading}\n\nTexte sous ${heading}.\n`)
    .join('\n')}`;

describe('syncContent', () => {
  it('indexes a folder: one resource per file and one section per heading, with deep links', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'heberger.md': guide('Héberger un service', ['Les options', 'SecNumCloud']),
      'sous-dossier/securite.md': guide('Sécurité', ['Homologation']),
    });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);

    assert.equal(summary.seen, 2);
    assert.equal(summary.parsed, 2);
    assert.deepEqual(summary.failed, []);
    assert.deepEqual(await resourceIds(prefix), [
      'contenu-heberger',
      'contenu-sous-dossier-securite',
    ]);
    const sections = await sectionsOf(prefix, 'contenu-heberger');
    assert.deepEqual(
      sections.map((section) => [section.heading, section.anchor, section.url]),
      [
        ['Héberger un service', undefined, '/ressources/contenu-heberger'],
        ['Les options', 'les-options', '/ressources/contenu-heberger#les-options'],
        ['SecNumCloud', 'secnumcloud', '/ressources/contenu-heberger#secnumcloud'],
      ],
    );
    assert.deepEqual(sections[1]?.hierarchy, ['Héberger un service', 'Les options']);
    assert.deepEqual(sections[1]?.topics, ['hebergement']);
  });

  it('parses nothing on a second run with nothing changed, and keeps the same ids', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'a.md': guide('A', ['Un']), 'b.md': guide('B', ['Deux']) });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    const before = (await sectionsOf(prefix, 'contenu-a')).map((section) => section.id);

    const second = await sync(deps, [dir]);
    assert.equal(second.parsed, 0);
    assert.equal(second.unchanged, 2);
    assert.equal(second.sectionsWritten, 0);
    assert.deepEqual(
      (await sectionsOf(prefix, 'contenu-a')).map((section) => section.id),
      before,
    );
  });

  it('re-parses only a changed file, and leaves none of its old sections behind', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'a.md': guide('A', ['Un', 'Deux', 'Trois']),
      'b.md': guide('B', ['Autre']),
    });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    await writeContent(dir, 'a.md', guide('A', ['Un', 'Quatre']));

    const summary = await sync(deps, [dir]);
    assert.equal(summary.parsed, 1);
    assert.equal(summary.unchanged, 1);
    assert.deepEqual(
      (await sectionsOf(prefix, 'contenu-a')).map((section) => section.heading),
      ['A', 'Un', 'Quatre'],
    );
  });

  it('removes a deleted file and all its sections', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'a.md': guide('A', ['Un', 'Deux']),
      'b.md': guide('B', ['Autre']),
    });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    await fs.rm(path.join(dir, 'a.md'));

    const summary = await sync(deps, [dir]);
    assert.equal(summary.removed, 1);
    assert.deepEqual(await resourceIds(prefix), ['contenu-b']);
    assert.deepEqual(await sectionsOf(prefix, 'contenu-a'), []);
  });

  it('leaves resources of other folders alone, and --prune removes them', async () => {
    const prefix = freshIndexes();
    const guides = await contentFolder({ 'a.md': guide('A', ['Un']) }, 'guides');
    const archives = await contentFolder({ 'b.md': guide('B', ['Deux']) }, 'archives');
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [guides]);
    await sync(deps, [archives]);
    assert.deepEqual(await resourceIds(prefix), ['archives-b', 'guides-a']);

    await sync(deps, [guides]);
    assert.deepEqual(await resourceIds(prefix), ['archives-b', 'guides-a']);

    const pruned = await sync(deps, [guides], { prune: true });
    assert.equal(pruned.removed, 1);
    assert.deepEqual(await resourceIds(prefix), ['guides-a']);
    assert.deepEqual(await sectionsOf(prefix, 'archives-b'), []);
  });

  it('re-indexes single files without removing anything else', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'a.md': guide('A', ['Un']), 'b.md': guide('B', ['Deux']) });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    await writeContent(dir, 'a.md', guide('A modifié', ['Un']));

    const summary = await sync(deps, [dir], { files: [path.join(dir, 'a.md')] });
    assert.equal(summary.seen, 1);
    assert.equal(summary.parsed, 1);
    assert.deepEqual(await resourceIds(prefix), ['contenu-a', 'contenu-b']);
    assert.equal((await sectionsOf(prefix, 'contenu-a'))[0]?.title, 'A modifié');
  });

  it('splits a long section into chunks that keep its anchor', async () => {
    const prefix = freshIndexes();
    const paragraph = 'Une phrase assez longue pour remplir le texte de la section. '.repeat(12);
    const dir = await contentFolder({
      'long.md': `# Long\n\n## Partie longue\n\n${Array.from({ length: 6 }, () => paragraph).join('\n\n')}\n`,
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    const chunks = (await sectionsOf(prefix, 'contenu-long')).filter(
      (section) => section.heading === 'Partie longue',
    );
    assert.ok(chunks.length >= 3, `got ${chunks.length} chunks`);
    for (const chunk of chunks) {
      assert.equal(chunk.anchor, 'partie-longue');
      assert.ok(chunk.text.length <= 1500);
    }
    assert.deepEqual(
      chunks.map((chunk) => chunk.chunk),
      chunks.map((_, index) => index),
    );
  });

  it('files a resource under the topics its words signal when the front matter names none', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'rgaa.md':
        "# Rendre un site accessible\n\n## Le RGAA\n\nLe RGAA fixe les règles d'accessibilité. Un audit d'accessibilité mesure le taux de conformité ; la déclaration d'accessibilité le publie. Pensez aux lecteurs d'écran et à la navigation au clavier.\n",
    });
    await sync(await pipelineDeps(client, prefix), [dir]);
    assert.equal((await sectionsOf(prefix, 'contenu-rgaa'))[0]?.topics[0], 'accessibilite');
  });

  it('warns, naming the file, about a topic the taxonomy does not know', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'x.md': '---\ntitle: X\ntopics: [hebergement, astrologie]\n---\n\nTexte.\n',
    });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.equal(summary.warnings.length, 1);
    assert.equal(summary.warnings[0]?.path, 'contenu/x.md');
    assert.match(summary.warnings[0]?.message ?? '', /astrologie/);
    assert.deepEqual((await sectionsOf(prefix, 'contenu-x'))[0]?.topics, ['hebergement']);
  });

  it('refuses a file over the size limit without reading it, and indexes the rest', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'petit.md': guide('Petit', ['Un']),
      'gros.md': `# Gros\n\n${'x'.repeat(4096)}`,
    });
    const summary = await sync(await pipelineDeps(client, prefix, { maxFileBytes: 1024 }), [dir]);
    assert.deepEqual(
      summary.failed.map((failure) => [failure.path, failure.code]),
      [['contenu/gros.md', 'too_large']],
    );
    assert.match(summary.failed[0]?.reason ?? '', /trop volumineux.*MAX_FILE_BYTES/);
    assert.deepEqual(await resourceIds(prefix), ['contenu-petit']);
  });

  it('keeps the indexed version of a file that becomes unreadable', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({ 'a.md': guide('A', ['Un']) });
    const deps = await pipelineDeps(client, prefix);
    await sync(deps, [dir]);
    await writeContent(dir, 'a.md', '---\ntitle: [cassé\n---\n\nTexte.\n');

    const summary = await sync(deps, [dir]);
    assert.equal(summary.failed[0]?.code, 'invalid_front_matter');
    assert.deepEqual(
      (await sectionsOf(prefix, 'contenu-a')).map((section) => section.heading),
      ['A', 'Un'],
    );
  });

  it('stops between two files when its signal aborts, and releases the ingestion lock', async () => {
    const prefix = freshIndexes();
    const dir = await contentFolder({
      'a.md': guide('A', ['Un']),
      'b.md': guide('B', ['Deux']),
      'c.md': guide('C', ['Trois']),
    });
    const deps = await pipelineDeps(client, prefix);
    const stop = new AbortController();
    await assert.rejects(
      sync(deps, [dir], {
        signal: stop.signal,
        onProgress: (event) => {
          if (event.kind === 'file') stop.abort(new Error('interrompue'));
        },
      }),
      /interrompue/,
    );
    assert.equal(await indexExists(client, `${prefix}-lock`), false);
    // The next run is not kept waiting, and finishes the job.
    const summary = await sync(deps, [dir]);
    assert.equal(summary.parsed + summary.unchanged, 3);
    assert.deepEqual(await resourceIds(prefix), ['contenu-a', 'contenu-b', 'contenu-c']);
  });
});
