import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { QuerySetError } from '../../bench/relevance/query-set.ts';
import { reportTopics } from '../../bench/relevance/topic-report.ts';
import { loadTopicSet } from '../../bench/relevance/topic-set.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { corpusDir, corpusExists } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';

const folders = { corpus: corpusDir, guides: path.join(projectRoot, 'guides') };
const taxonomy = await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml'));
const slugs = new Set(taxonomy.topics.map((topic) => topic.slug));
const corpusPresent = await corpusExists();

describe('loadTopicSet', () => {
  let dir: string;
  const write = async (yaml: string) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yml`);
    await fs.writeFile(file, yaml);
    return file;
  };
  const entry = (resource: string, topics: string) =>
    `  - resource: ${resource}\n    topics: [${topics}]\n    split: dev\n`;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-topic-set-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('resolves a resource to its folder, and an entry of a data file to its slug', async () => {
    const loaded = await loadTopicSet(
      await write(`resources:\n${entry('guides/choisir-une-licence.md', 'open-source')}`),
      folders,
      slugs,
    );
    assert.deepEqual(loaded, [
      {
        resource: {
          label: 'guides/choisir-une-licence.md',
          root: 'guides',
          relativePath: 'choisir-une-licence.md',
        },
        topics: ['open-source'],
        split: 'dev',
      },
    ]);
  });

  it('rejects a topic the taxonomy does not have, naming it', async () => {
    await assert.rejects(
      loadTopicSet(
        await write(`resources:\n${entry('guides/choisir-une-licence.md', 'licences')}`),
        folders,
        slugs,
      ),
      (error: Error) => error instanceof QuerySetError && error.message.includes('licences'),
    );
  });

  it('rejects a resource judged twice and a missing file', async () => {
    const twice = entry('guides/choisir-une-licence.md', 'open-source');
    await assert.rejects(
      loadTopicSet(await write(`resources:\n${twice}${twice}`), folders, slugs),
      /jugée deux fois/,
    );
    await assert.rejects(
      loadTopicSet(
        await write(`resources:\n${entry('guides/absent.md', 'design')}`),
        folders,
        slugs,
      ),
      /fichier absent/,
    );
  });

  it(
    'reads the shipped set: at least 80 resources, on both splits',
    { skip: corpusPresent ? false : 'corpus absent' },
    async () => {
      const judged = await loadTopicSet(
        path.join(projectRoot, 'bench/relevance/topics-judged.yml'),
        folders,
        slugs,
      );
      assert.ok(judged.length >= 80, `${judged.length} resources`);
      for (const split of ['dev', 'test'])
        assert.ok(judged.filter((item) => item.split === split).length >= 30, split);
    },
  );
});

describe('reportTopics', () => {
  const topics = [
    { slug: 'a', label: 'A' },
    { slug: 'b', label: 'B' },
  ];
  const judged = (label: string, judgedTopics: string[], split: 'dev' | 'test' = 'dev') => ({
    resource: { label, root: 'guides' as const, relativePath: label },
    topics: judgedTopics,
    split,
  });

  it('reports a topic holding most of the corpus as a failure', () => {
    const report = reportTopics({
      judged: [judged('x', ['a']), judged('y', ['b'], 'test')],
      assigned: new Map([
        ['x', ['a']],
        ['y', ['a', 'b']],
        ['z', ['a']],
      ]),
      idOf: (resource) => resource.label,
      topics,
    });
    assert.deepEqual(report.oversized, ['a']);
    assert.equal(report.microF1.dev, 1);
    assert.equal(report.microF1.test, 2 / 3);
    assert.ok(report.lines.some((line) => line.startsWith('a ') && line.includes('ÉCHEC')));
  });

  it('names judged resources the index does not hold', () => {
    const report = reportTopics({
      judged: [judged('x', ['a'])],
      assigned: new Map([['y', ['b']]]),
      idOf: (resource) => resource.label,
      topics,
    });
    assert.deepEqual(report.missing, ['x']);
    assert.deepEqual(report.oversized, ['b']);
  });
});
