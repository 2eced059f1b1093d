import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { resourceIdOf, shortHash } from '../src/content/ids.ts';
import type { PromotionTable } from '../src/content/promotions.ts';
import type { ContentRoot } from '../src/content/roots.ts';
import type { Taxonomy } from '../src/content/topics.ts';
import { applyIndexSettings, indexExists, type IndexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import { formatBytes } from '../src/text/format-bytes.ts';
import { createTopicAssigner } from './assign-topics.ts';
import { buildRecords } from './build-records.ts';
import { fetchIndexedResources, IndexWriter, type IndexedResource } from './index-writer.ts';
import { parseSource } from './parsers/index.ts';
import { ParseError, type ParseFailureCode } from './parsers/types.ts';
import { discoverFiles, locateFile, type DiscoveredFile } from './sources.ts';

/** discover → hash and diff → parse → index → report. */

/** Bump when parsers or records change shape, so that unchanged files are parsed again. */
export const INGESTER_VERSION = 3;

export interface PipelineDeps {
  meili: Meilisearch;
  indexes: IndexNames;
  taxonomy: Taxonomy;
  promotions: PromotionTable;
  limits: { maxFileBytes: number; pdfMaxPages: number };
  logger: Logger;
  now?: () => Date;
}

export interface SyncRequest {
  /** Folders to synchronise: what they hold is indexed, what left them leaves the index. */
  roots: ContentRoot[];
  /** Single files to (re)index instead of whole folders; nothing is removed. */
  files?: string[];
  /** Also remove resources of folders that are not in `roots`. */
  prune?: boolean;
  /** Build fresh indexes, then swap them in. */
  rebuild?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'file'; done: number; total: number; path: string; outcome: FileOutcome };

export type FileOutcome = 'parsed' | 'unchanged' | 'failed';

export interface FileFailure {
  path: string;
  code: ParseFailureCode | 'unexpected';
  reason: string;
}

export interface SyncSummary {
  seen: number;
  parsed: number;
  unchanged: number;
  removed: number;
  failed: FileFailure[];
  warnings: { path: string; message: string; line?: number; column?: number }[];
  sectionsWritten: number;
  durationMs: number;
  peakRssBytes: number;
}

/** What an ingestion's output depends on besides the file itself. */
function ingestSignature(deps: PipelineDeps): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        INGESTER_VERSION,
        deps.taxonomy,
        [...deps.promotions],
        deps.limits.pdfMaxPages,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
}

function displayPath(file: DiscoveredFile): string {
  return `${file.root.key}/${file.relativePath}`;
}

/** Gives each file its stable id; two paths that fold to one slug keep distinct ids. */
function assignIds(files: DiscoveredFile[]): Map<DiscoveredFile, string> {
  const ids = new Map<DiscoveredFile, string>();
  const taken = new Set<string>();
  for (const file of files) {
    let id = resourceIdOf(file.root.key, file.relativePath);
    if (taken.has(id)) id = `${id}-${shortHash(displayPath(file))}`;
    taken.add(id);
    ids.set(file, id);
  }
  return ids;
}

function temporaryNames(names: IndexNames): IndexNames {
  return { sections: `${names.sections}-rebuild`, resources: `${names.resources}-rebuild` };
}

/** Synchronises content folders (or single files) into the indexes. */
export async function syncContent(deps: PipelineDeps, request: SyncRequest): Promise<SyncSummary> {
  const started = performance.now();
  const { meili, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const signature = ingestSignature(deps);
  const assignTopics = createTopicAssigner(deps.taxonomy);
  const promotionOfYear = (year: number): string | undefined => deps.promotions.get(year);

  const target = request.rebuild === true ? temporaryNames(deps.indexes) : deps.indexes;
  if (request.rebuild === true) await dropIndexes(meili, target);
  await applyIndexSettings(meili, target, deps.taxonomy);

  const singleFiles = request.files !== undefined && request.files.length > 0;
  const files = singleFiles
    ? await Promise.all((request.files ?? []).map((file) => locateFile(file, request.roots)))
    : (await Promise.all(request.roots.map((root) => discoverFiles(root)))).flat();
  const ids = assignIds(files);
  const indexed: Map<string, IndexedResource> =
    request.rebuild === true
      ? new Map<string, IndexedResource>()
      : await fetchIndexedResources(meili, target, [
          ...new Set(files.map((f) => f.root.key).concat(request.roots.map((r) => r.key))),
        ]);

  const summary: SyncSummary = {
    seen: files.length,
    parsed: 0,
    unchanged: 0,
    removed: 0,
    failed: [],
    warnings: [],
    sectionsWritten: 0,
    durationMs: 0,
    peakRssBytes: 0,
  };
  const writer = new IndexWriter(meili, target);
  request.onProgress?.({ kind: 'start', total: files.length });

  let done = 0;
  for (const file of files) {
    const id = ids.get(file) ?? resourceIdOf(file.root.key, file.relativePath);
    const outcome = await ingestFile(file, id);
    done++;
    request.onProgress?.({
      kind: 'file',
      done,
      total: files.length,
      path: displayPath(file),
      outcome,
    });
  }
  await writer.flush();
  summary.sectionsWritten = writer.sectionsWritten;

  if (!singleFiles) {
    const present = new Set(ids.values());
    const syncedRoots = new Set(request.roots.map((root) => root.key));
    const gone = [...indexed.values()]
      .filter((resource) => syncedRoots.has(resource.source.root) && !present.has(resource.id))
      .map((resource) => resource.id);
    await writer.remove(gone);
    summary.removed += gone.length;
  }
  if (request.prune === true) {
    const kept = new Set(request.roots.map((root) => root.key));
    const everything = await fetchIndexedResources(meili, target);
    const orphans = [...everything.values()]
      .filter((r) => !kept.has(r.source.root))
      .map((r) => r.id);
    await writer.remove(orphans);
    summary.removed += orphans.length;
  }
  if (request.rebuild === true) await swapIn(meili, deps.indexes, target);

  summary.durationMs = Math.round(performance.now() - started);
  summary.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  logger.debug({ summary }, 'content synchronised');
  return summary;

  async function ingestFile(file: DiscoveredFile, id: string): Promise<FileOutcome> {
    const shown = displayPath(file);
    try {
      if (file.bytes > deps.limits.maxFileBytes) {
        throw new ParseError(
          'too_large',
          `fichier trop volumineux : ${formatBytes(file.bytes)} pour une limite de ${formatBytes(deps.limits.maxFileBytes)} (MAX_FILE_BYTES)`,
        );
      }
      const bytes = await fs.readFile(file.absolutePath);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const known = indexed.get(id);
      if (known !== undefined && known.source.sha256 === sha256 && known.signature === signature) {
        summary.unchanged++;
        return 'unchanged';
      }
      const parsed = await parseSource(
        { relativePath: file.relativePath, bytes },
        { pdfMaxPages: deps.limits.pdfMaxPages, promotionOfYear },
      );
      const records = buildRecords({
        id,
        parsed,
        signature,
        assignTopics,
        now: now(),
        source: {
          path: file.relativePath,
          root: file.root.key,
          format: parsed.format,
          sha256,
          bytes: bytes.length,
        },
      });
      for (const { reason, ...place } of records.warnings) {
        summary.warnings.push({ path: shown, message: reason, ...place });
      }
      await writer.add(records);
      summary.parsed++;
      return 'parsed';
    } catch (error) {
      if (error instanceof ParseError) {
        summary.failed.push({ path: shown, code: error.code, reason: error.message });
      } else if (isFileSystemError(error)) {
        summary.failed.push({
          path: shown,
          code: 'unexpected',
          reason: `lecture impossible : ${error.message}`,
        });
      } else {
        // Index errors are not a file's fault: the run stops and says so.
        throw error;
      }
      return 'failed';
    }
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    'syscall' in error
  );
}

async function dropIndexes(meili: Meilisearch, names: IndexNames): Promise<void> {
  for (const uid of [names.sections, names.resources]) {
    if (await indexExists(meili, uid))
      await settle(meili.deleteIndex(uid), `suppression de ${uid}`);
  }
}

/** Swaps the rebuilt indexes with the live ones in one task, then drops the old content. */
async function swapIn(meili: Meilisearch, live: IndexNames, rebuilt: IndexNames): Promise<void> {
  for (const uid of [live.sections, live.resources]) {
    if (!(await indexExists(meili, uid)))
      await settle(meili.createIndex(uid, { primaryKey: 'id' }), `création de ${uid}`);
  }
  await settle(
    meili.swapIndexes([
      { indexes: [live.sections, rebuilt.sections], rename: false },
      { indexes: [live.resources, rebuilt.resources], rename: false },
    ]),
    'échange des index reconstruits',
  );
  await dropIndexes(meili, rebuilt);
}
