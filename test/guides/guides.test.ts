import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

const guidesDir = path.join(projectRoot, 'guides');
const taxonomy = await loadTaxonomy(path.join(guidesDir, 'topics.yml'));
const slugs = taxonomy.topics.map((topic) => topic.slug);
const today = new Date().toISOString().slice(0, 10);

const frontMatterSchema = z.object({
  title: z.string().min(5),
  summary: z.string().min(20),
  topics: z.array(z.enum(slugs as [string, ...string[]])).min(1).max(3),
  owner: z.string().min(2),
  reviewed: z.union([z.date().transform((date) => date.toISOString().slice(0, 10)), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
});

async function guideFiles(): Promise<string[]> {
  const entries = await fs.readdir(guidesDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(guidesDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const files = await guideFiles();

describe('the guides Repères ships', () => {
  it('are at least 14, plus the source of the free-software mini-guide', () => {
    assert.ok(files.filter((file) => !file.startsWith('sources/')).length >= 14);
    assert.ok(files.includes('sources/mini-guide-logiciel-libre.md'));
  });

  for (const file of files) {
    it(`${file}: front matter complete, reviewed in the past, sources linked`, async () => {
      const text = await fs.readFile(path.join(guidesDir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      assert.ok(match, 'front matter present');
      const frontMatter = frontMatterSchema.parse(parseYaml(match[1] ?? ''));
      assert.ok(frontMatter.reviewed <= today, `reviewed ${frontMatter.reviewed} is not in the future`);
      assert.match(match[2] ?? '', /\]\(https?:\/\/[^)\s]+\)/, 'at least one source link');
      const words = (match[2] ?? '').split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 500, `${words} words`);
    });
  }
});

describe('ingesting guides/', () => {
  const { client } = testMeili();
  const { prefix } = uniqueIndexes('guides');
  after(() => dropIndexes(client, prefix));

  it('indexes every guide, the PDF and the parcours with no warning, and leaves the PDF sources out', async () => {
    const summary = await sync(await pipelineDeps(client, prefix), [guidesDir]);
    assert.deepEqual(summary.failed, []);
    assert.deepEqual(summary.warnings, []);
    const resources = (await client.index<ResourceRecord>(`${prefix}-resources`).getDocuments({ limit: 1000 })).results;
    const paths = resources.map((resource) => resource.source.path).sort();
    const parcours = (await fs.readdir(path.join(guidesDir, 'parcours'))).map((name) => `parcours/${name}`);
    assert.ok(parcours.length >= 4);
    assert.deepEqual(paths, [...files.filter((file) => !file.startsWith('sources/')), 'pdf/mini-guide-logiciel-libre.pdf', ...parcours].sort());
    const pdf = resources.find((resource) => resource.type === 'pdf');
    assert.equal(pdf?.title, "Mini-guide du logiciel libre à l'usage des EIG");
    assert.deepEqual(pdf?.topics.slice(0, 1), ['open-source']);
  });
});
