import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { Meilisearch } from 'meilisearch';
import { createParsePool, type ParsePool } from '../../ingest/parse-pool.ts';
import {
  syncContent,
  type PipelineDeps,
  type SyncRequest,
  type SyncSummary,
} from '../../ingest/pipeline.ts';
import { loadPromotions } from '../../src/content/promotions.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { silentLogger } from './meili.ts';
import { projectRoot } from './service.ts';

/** The development corpus beside the project, when present. */
export const corpusDir = path.resolve(projectRoot, '../shared/corpus');

export async function corpusExists(): Promise<boolean> {
  return fs.access(corpusDir).then(
    () => true,
    () => false,
  );
}

let sharedPool: ParsePool | undefined;
// One parse pool per test file, started at its first parse, stopped when the file ends.
after(() => sharedPool?.close());

/** The test file's parse pool (two workers, as on the smallest machine we run on). */
export function testParsePool(): ParsePool {
  sharedPool ??= createParsePool({ workers: 2 });
  return sharedPool;
}

/** Pipeline dependencies on the project's own taxonomy, for a test's indexes. */
export async function pipelineDeps(
  client: Meilisearch,
  prefix: string,
  limits: Partial<PipelineDeps['limits']> = {},
): Promise<PipelineDeps> {
  return {
    meili: client,
    indexes: indexNames(prefix),
    taxonomy: await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')),
    promotions: await loadPromotions(path.join(projectRoot, 'guides/promotions.yml')),
    limits: { maxFileBytes: 5 * 1024 * 1024, pdfMaxPages: 200, ...limits },
    parsePool: testParsePool(),
    logger: silentLogger,
  };
}

/** Runs the pipeline over folders. */
export function sync(
  deps: PipelineDeps,
  folders: string[],
  options: Omit<SyncRequest, 'roots'> = {},
): Promise<SyncSummary> {
  return syncContent(deps, { roots: contentRoots(folders), ...options });
}

/** A temporary content folder with the given files (path → text or bytes). */
export async function contentFolder(
  files: Record<string, string | Buffer>,
  name = 'contenu',
): Promise<string> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-content-'));
  const dir = path.join(parent, name);
  await fs.mkdir(dir);
  for (const [file, content] of Object.entries(files)) await writeContent(dir, file, content);
  return dir;
}

export async function writeContent(
  dir: string,
  file: string,
  content: string | Buffer,
): Promise<void> {
  await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await fs.writeFile(path.join(dir, file), content);
}
