import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  categories,
  loadQuerySet,
  QuerySetError,
  splits,
} from '../../bench/relevance/query-set.ts';
import { corpusDir, corpusExists } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';

const corpusPresent = await corpusExists();
const folders = { corpus: corpusDir, guides: path.join(projectRoot, 'guides') };

describe('loadQuerySet', () => {
  let dir: string;
  const write = async (yaml: string) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yml`);
    await fs.writeFile(file, yaml);
    return file;
  };
  const query = (answer: string, extra = '') =>
    `queries:\n  - q: choisir une licence\n    category: keywords\n    split: dev\n    answers: [${answer}]\n${extra}`;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-query-set-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('resolves each answer to its content folder and path there', async () => {
    const [loaded] = await loadQuerySet(
      await write(query('guides/choisir-une-licence.md')),
      folders,
    );
    assert.deepEqual(loaded?.answers, [
      {
        label: 'guides/choisir-une-licence.md',
        root: 'guides',
        relativePath: 'choisir-une-licence.md',
      },
    ]);
  });

  describe('with an answer that does not exist', () => {
    it('fails naming the query and the path', async () => {
      await assert.rejects(
        loadQuerySet(await write(query('guides/nulle-part.md')), folders),
        (error: unknown) => {
          assert.ok(error instanceof QuerySetError);
          assert.match(
            error.message,
            /« choisir une licence » : la réponse « guides\/nulle-part\.md » n'existe pas/,
          );
          return true;
        },
      );
    });
  });

  describe('with an answer outside the two content folders', () => {
    it('fails naming the field', async () => {
      await assert.rejects(
        loadQuerySet(await write(query('docs/choisir-une-licence.md')), folders),
        (error: unknown) => {
          assert.ok(error instanceof QuerySetError);
          assert.match(
            error.message,
            /queries\[0\]\.answers\[0\] \(« choisir une licence »\) : doit commencer par « corpus\/ » ou « guides\/ »/,
          );
          return true;
        },
      );
    });

    it('refuses a path climbing out with ..', async () => {
      await assert.rejects(
        loadQuerySet(await write(query('guides/../package.json')), folders),
        /ne doit pas contenir « \.\. »/,
      );
    });
  });

  describe(
    'with an entry of a programme data file',
    {
      skip: corpusPresent ? false : 'corpus absent',
    },
    () => {
      it('keeps the file and the entry’s slug apart', async () => {
        const [loaded] = await loadQuerySet(
          await write(query('corpus/data/personnes.yml#anne-catel')),
          folders,
        );
        assert.deepEqual(loaded?.answers, [
          {
            label: 'corpus/data/personnes.yml#anne-catel',
            root: 'corpus',
            relativePath: 'data/personnes.yml',
            entry: 'anne-catel',
          },
        ]);
      });

      it('fails naming an entry that is not a slug', async () => {
        await assert.rejects(
          loadQuerySet(await write(query('corpus/data/personnes.yml#Anne Catel')), folders),
          /l'entrée « Anne Catel » de « corpus\/data\/personnes\.yml#Anne Catel » doit être un slug/,
        );
      });
    },
  );

  describe('with an unknown category', () => {
    it('fails naming the field', async () => {
      const yaml = query('guides/choisir-une-licence.md').replace('keywords', 'misc');
      await assert.rejects(loadQuerySet(await write(yaml), folders), /queries\[0\]\.category/);
    });
  });

  describe('with the same query twice', () => {
    it('fails naming the query', async () => {
      const yaml = query('guides/choisir-une-licence.md');
      const twice = yaml + yaml.split('\n').slice(1).join('\n');
      await assert.rejects(
        loadQuerySet(await write(twice), folders),
        /« choisir une licence » : présente deux fois/,
      );
    });
  });
});

describe(
  'bench/relevance/queries.yml',
  { skip: (await corpusExists()) ? false : 'corpus absent' },
  () => {
    const load = () => loadQuerySet(path.join(projectRoot, 'bench/relevance/queries.yml'), folders);

    it('judges at least 150 queries, 40 of them questions, every answer an existing file', async () => {
      const queries = await load();
      assert.ok(queries.length >= 150, `${queries.length} requêtes`);
      const questions = queries.filter((query) => query.category === 'question');
      assert.ok(questions.length >= 40, `${questions.length} questions`);
    });

    it('puts about half of each category in each split', async () => {
      const queries = await load();
      for (const category of categories) {
        const counts = splits.map(
          (split) => queries.filter((q) => q.category === category && q.split === split).length,
        );
        assert.ok(Math.min(...counts) > 0, `${category} : ${counts.join(' / ')}`);
        assert.ok(Math.abs(counts[0]! - counts[1]!) <= 1, `${category} : ${counts.join(' / ')}`);
      }
    });
  },
);
