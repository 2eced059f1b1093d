import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  loadRelatedSet,
  meanRelated,
  RelatedSetError,
  scoreRelated,
} from '../../bench/relevance/related-set.ts';
import { corpusDir, corpusExists } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';

const folders = { corpus: corpusDir, guides: path.join(projectRoot, 'guides') };

describe('scoreRelated', () => {
  it('counts the related resources shown, out of those shown and out of those it could show', () => {
    const judged = new Set(['a', 'b', 'c']);
    assert.deepEqual(scoreRelated(['a', 'x', 'c', 'y'], judged, 5), {
      precision: 0.5,
      recall: 2 / 3,
      firstRelated: true,
    });
  });

  it('reads only the first k shown, and scores an empty list zero', () => {
    assert.deepEqual(scoreRelated(['x', 'a'], new Set(['a']), 1), {
      precision: 0,
      recall: 0,
      firstRelated: false,
    });
    assert.equal(scoreRelated([], new Set(['a']), 5).precision, 0);
  });
});

describe('meanRelated', () => {
  it('averages each measure and gives the share of lists led by a related resource', () => {
    const summary = meanRelated([
      { precision: 1, recall: 0.5, firstRelated: true },
      { precision: 0, recall: 0, firstRelated: false },
    ]);
    assert.deepEqual(summary, { n: 2, precision: 0.5, recall: 0.25, firstShare: 0.5 });
  });
});

describe('loadRelatedSet', () => {
  let dir: string;
  const write = async (yaml: string) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yml`);
    await fs.writeFile(file, yaml);
    return file;
  };

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-related-set-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('refuses a resource judged related to itself', async () => {
    const file = await write(
      'pairs:\n  - resource: guides/choisir-une-licence.md\n    split: dev\n    related: [guides/choisir-une-licence.md]\n',
    );
    await assert.rejects(loadRelatedSet(file, folders), RelatedSetError);
  });

  it('refuses a path that is no file', async () => {
    const file = await write(
      'pairs:\n  - resource: guides/choisir-une-licence.md\n    split: dev\n    related: [guides/nulle-part.md]\n',
    );
    await assert.rejects(loadRelatedSet(file, folders), /« guides\/nulle-part\.md » n'existe pas/);
  });

  it('reads the project’s judged pairs: at least 12, in both splits', async (t) => {
    if (!(await corpusExists())) return t.skip('no ../shared/corpus');
    const pairs = await loadRelatedSet(
      path.join(projectRoot, 'bench/relevance/related.yml'),
      folders,
    );
    assert.ok(pairs.length >= 12, `${pairs.length} pairs`);
    assert.ok(pairs.some((pair) => pair.split === 'dev'));
    assert.ok(pairs.some((pair) => pair.split === 'test'));
  });
});
