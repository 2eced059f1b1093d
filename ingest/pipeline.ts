import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { resourceIdOf } from '../src/content/ids.ts';
import {
  ContentFileTooLargeError,
  readContentFile,
  UnsafeContentFileError,
  type SymlinkPolicy,
} from '../src/content/content-file.ts';
import type { PromotionTable } from '../src/content/promotions.ts';
import type { ContentRoot } from '../src/content/roots.ts';
import { organisationNamer, type Taxonomy } from '../src/content/topics.ts';
import { applyIndexSettings, indexExists, type IndexNames } from '../src/engine/indexes.ts';
import { settle } from '../src/engine/tasks.ts';
import { formatBytes } from '../src/text/format-bytes.ts';
import { createTopicAssigner } from './assign-topics.ts';
import { buildRecords, type BuiltRecords } from './build-records.ts';
import { fetchIndexedResources, IndexWriter, type IndexedResource } from './index-writer.ts';
import { acquireIngestLock, type IngestLockOptions } from './ingest-lock.ts';
import { ParseWorkerError, PdfWorkerFailure, type ParsePool } from './parse-pool.ts';
import {
  ParseError,
  type OcrSettings,
  type OcrStats,
  type ParseFailureCode,
} from './parsers/types.ts';
import { applyPdfMetadata, pdfMetadataPath } from './parsers/pdf-metadata-file.ts';
import {
  programmeHash,
  readProgramme,
  syncProgramme,
  withProgrammeData,
  type ProgrammeCounts,
} from './programme/sync-programme.ts';
import { regroupVersions } from './regroup-versions.ts';
import {
  discoverFiles,
  locateFile,
  type DiscoveredFile,
  type MissingFile,
  type SkippedEntry,
} from './sources.ts';
import { SyncJournal, type JournalResource, type RememberedFailure } from './sync-journal.ts';

/** lock → discover → hash and diff → parse (worker pool) → index → report. */

/** Bump when parsers or records change shape, so that unchanged files are parsed again. */
export const INGESTER_VERSION = 8;

export interface PipelineDeps {
  meili: Meilisearch;
  indexes: IndexNames;
  taxonomy: Taxonomy;
  promotions: PromotionTable;
  limits: { maxFileBytes: number; pdfMaxPages: number };
  /** Symbolic links in content folders: skipped (default) or followed inside their folder. */
  symlinks?: SymlinkPolicy;
  /** Parses files in worker threads; created and closed by the caller. */
  parsePool: ParsePool;
  /** OCR of PDF pages without text (and where its results are kept); absent: off. */
  ocr?: OcrSettings;
  /** Timings of the cross-process ingestion lock (defaults in ingest-lock.ts). */
  lock?: Partial<IngestLockOptions>;
  logger: Logger;
  now?: () => Date;
}

export interface SyncRequest {
  /** Folders to synchronise: what they hold is indexed, what left them leaves the index. */
  roots: ContentRoot[];
  /**
   * Single files to (re)index instead of whole folders. A named file that no longer
   * exists is removed from the index (how the write path deletes); nothing else is.
   */
  files?: string[];
  /** Also remove resources of folders that are not in `roots`. */
  prune?: boolean;
  /** Build fresh indexes, then swap them in. */
  rebuild?: boolean;
  /** Stops the sync between two files (Ctrl-C, shutdown); the lock is released. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: 'waiting' }
  | { kind: 'start'; total: number }
  | { kind: 'file'; done: number; total: number; path: string; outcome: FileOutcome };

export type FileOutcome = 'parsed' | 'unchanged' | 'failed';

export interface FileFailure {
  path: string;
  code:
    | ParseFailureCode
    | ParseWorkerError['code']
    | 'id_conflict'
    | 'unsafe_content_file'
    | 'unexpected';
  reason: string;
}

export interface SyncSummary {
  seen: number;
  parsed: number;
  unchanged: number;
  /** Files read again because an interrupted sync had left their writes open. */
  rechecked: number;
  removed: number;
  failed: FileFailure[];
  warnings: { path: string; message: string; line?: number; column?: number }[];
  sectionsWritten: number;
  /** PDF pages read by OCR in this run, taken from its cache, and the time it took. */
  ocr: OcrStats;
  /** The programme's data (défis and people) of each content folder that has it. */
  programme: ProgrammeCounts[];
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
        // Turning OCR on (or its limits) changes what a PDF gives: PDFs are read again.
        deps.ocr === undefined ? null : [deps.ocr.maxPages, deps.ocr.pageTimeoutMs],
      ]),
    )
    .digest('hex')
    .slice(0, 16);
}

function displayPath(file: DiscoveredFile): string {
  return `${file.root.key}/${file.relativePath}`;
}

function temporaryNames(names: IndexNames): IndexNames {
  return {
    sections: `${names.sections}-rebuild`,
    resources: `${names.resources}-rebuild`,
    lock: names.lock,
    journal: names.journal,
  };
}

/** What becomes of one file, decided off the main loop (read, hash, parse, build). */
type Prepared =
  | { outcome: 'unchanged' }
  | { outcome: 'parsed'; records: BuiltRecords; ocr?: OcrStats }
  | {
      outcome: 'failed';
      failure: Omit<FileFailure, 'path'>;
      /** The file's hashes when its content is to blame: it is not parsed again until it changes. */
      version?: { sha256: string; metadataSha256?: string };
    };

/**
 * Synchronises content folders (or single files) into the indexes, one ingestion at a time
 * per index prefix (across processes: see ingest-lock.ts).
 */
export async function syncContent(deps: PipelineDeps, request: SyncRequest): Promise<SyncSummary> {
  const lock = await acquireIngestLock(deps.meili, deps.indexes.lock, {
    ...deps.lock,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    onWait: () => {
      deps.logger.info({ lock: deps.indexes.lock }, 'another ingestion is running; waiting');
      request.onProgress?.({ kind: 'waiting' });
    },
  });
  try {
    const stop =
      request.signal === undefined ? lock.signal : AbortSignal.any([lock.signal, request.signal]);
    return await syncLocked(deps, request, stop);
  } finally {
    await lock.release();
  }
}

async function syncLocked(
  deps: PipelineDeps,
  request: SyncRequest,
  stop: AbortSignal,
): Promise<SyncSummary> {
  const started = performance.now();
  const { meili, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const signature = ingestSignature(deps);
  const assignTopics = createTopicAssigner(deps.taxonomy);
  const organisationNames = organisationNamer(deps.taxonomy);

  const target = request.rebuild === true ? temporaryNames(deps.indexes) : deps.indexes;
  if (request.rebuild === true) await dropIndexes(meili, target);
  await applyIndexSettings(meili, target, deps.taxonomy);

  // A sync that stopped mid-write (killed, engine gone) left its journal entries open:
  // the resources they name may hold sections of a version no file has, under a record
  // that still carries the file's hash. Their files are read again, whatever that hash
  // says. A rebuild reads everything anyway and closes them all once swapped in.
  const journal = new SyncJournal(meili, deps.indexes.journal, now);
  const interrupted = request.rebuild === true ? [] : await journal.openEntries();
  const suspects = new Map<string, string>(
    interrupted.flatMap((entry) => entry.resources.map((r) => [r.id, r.root] as const)),
  );
  if (suspects.size > 0)
    logger.info({ resources: suspects.size }, 'an interrupted sync left writes open: re-checking');
  const rechecked = new Set<string>();
  // Files that failed to parse before: not parsed again while nothing they depend on changed.
  const failedBefore =
    request.rebuild === true ? new Map<string, RememberedFailure>() : await journal.failures();
  const failedNow: RememberedFailure[] = [];
  const failureResolved: string[] = [];

  const symlinks = deps.symlinks ?? 'never';
  const skipped: SkippedEntry[] = [];
  const singleFiles = request.files !== undefined && request.files.length > 0;
  const located = singleFiles
    ? await Promise.all(
        (request.files ?? []).map((file) => locateFile(file, request.roots, symlinks)),
      )
    : (
        await Promise.all(
          request.roots.map((root) =>
            discoverFiles(root, { symlinks, onSkip: (entry) => skipped.push(entry) }),
          ),
        )
      ).flat();
  const files = located.filter((file): file is DiscoveredFile => !('missing' in file));
  const missing = located.filter((file): file is MissingFile => 'missing' in file);
  for (const file of missing) if (file.skipped !== undefined) skipped.push(file.skipped);
  const indexed: Map<string, IndexedResource> =
    request.rebuild === true
      ? new Map<string, IndexedResource>()
      : await fetchIndexedResources(meili, target, [
          ...new Set(located.map((f) => f.root.key).concat(request.roots.map((r) => r.key))),
        ]);
  const rootPaths = new Map(
    [...request.roots, ...located.map((file) => file.root)].map((root) => [root.key, root.path]),
  );
  // The programme's data (data/*.yml): défi pages take its fields as they are parsed, so a
  // défi page's record depends on it too: its signature carries the data's hash.
  const programme = await readProgramme(request.roots, {
    symlinks,
    maxBytes: deps.limits.maxFileBytes,
  });
  const defiSignature = `${signature}-${programmeHash(programme.loaded)}`;

  const summary: SyncSummary = {
    seen: files.length,
    parsed: 0,
    unchanged: 0,
    rechecked: 0,
    removed: 0,
    failed: [],
    // A link left out is named once, so that whoever placed it learns why it is not found.
    warnings: [
      ...skipped.map((entry) => ({
        path: `${entry.root.key}/${entry.relativePath}`,
        message: entry.message,
      })),
      ...programme.warnings,
    ],
    sectionsWritten: 0,
    ocr: { recognised: 0, cached: 0, durationMs: 0 },
    programme: [],
    durationMs: 0,
    peakRssBytes: 0,
  };
  const writer = new IndexWriter(meili, target, request.rebuild === true ? undefined : journal);
  // Suspects whose file fails now: what the index holds of them cannot be trusted.
  const untrusted: JournalResource[] = [];
  request.onProgress?.({ kind: 'start', total: files.length });

  // Files are prepared (read, parsed in the pool) a few at a time ahead of the loop, and
  // their results taken in discovery order: progress, summary and writes stay the same
  // from run to run whatever finishes first.
  const ahead = Math.max(2, deps.parsePool.size * 2);
  const inFlight: Promise<{ ok: true; value: Prepared } | { ok: false; error: unknown }>[] = [];
  const start = (index: number): void => {
    const file = files[index];
    if (file === undefined) return;
    inFlight.push(
      prepare(file, resourceIdOf(file.root.key, file.relativePath)).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
  };
  for (let index = 0; index < ahead; index++) start(index);
  // Which file took each id in this run: a second path with the same id is a conflict.
  const claimed = new Map<string, string>();
  for (let index = 0; index < files.length; index++) {
    const file = files[index] as DiscoveredFile;
    const next = inFlight.shift() as (typeof inFlight)[number];
    start(index + ahead);
    const settled = await next;
    if (!settled.ok) throw settled.error;
    stop.throwIfAborted();
    const id = resourceIdOf(file.root.key, file.relativePath);
    const shown = displayPath(file);
    let prepared = settled.value;
    const twin = claimed.get(id);
    if (twin !== undefined) prepared = { outcome: 'failed', failure: conflict(id, twin) };
    else claimed.set(id, shown);
    switch (prepared.outcome) {
      case 'unchanged':
        summary.unchanged++;
        break;
      case 'parsed':
        for (const { reason, ...place } of prepared.records.warnings)
          summary.warnings.push({ path: shown, message: reason, ...place });
        await writer.add(prepared.records);
        summary.parsed++;
        if (prepared.ocr !== undefined) {
          summary.ocr.recognised += prepared.ocr.recognised;
          summary.ocr.cached += prepared.ocr.cached;
          summary.ocr.durationMs += prepared.ocr.durationMs;
        }
        break;
      case 'failed':
        summary.failed.push({ path: shown, ...prepared.failure });
        if (prepared.version !== undefined) {
          failedNow.push({
            resourceId: id,
            root: file.root.key,
            path: file.relativePath,
            ...prepared.version,
            signature: defiSignature,
            ...prepared.failure,
          });
        }
        // An id held by another file is that file's: its records stay.
        if (suspects.has(id) && prepared.failure.code !== 'id_conflict')
          untrusted.push({ id, root: file.root.key });
        break;
    }
    if (prepared.outcome !== 'failed' && failedBefore.has(id)) failureResolved.push(id);
    if (suspects.has(id) && prepared.outcome === 'parsed') {
      summary.rechecked++;
      rechecked.add(id);
    }
    request.onProgress?.({
      kind: 'file',
      done: index + 1,
      total: files.length,
      path: shown,
      outcome: prepared.outcome,
    });
  }
  await writer.flush();
  stop.throwIfAborted();

  const present = new Set(files.map((file) => resourceIdOf(file.root.key, file.relativePath)));
  if (!singleFiles) {
    // Défis without a page and people: resources of the data, written once the pages are.
    const syncedRoots = new Set(request.roots.map((root) => root.key));
    const data = await syncProgramme({
      meili,
      target,
      writer,
      loaded: programme.loaded,
      build: (id, parsed, source) =>
        buildRecords({
          id,
          parsed,
          signature,
          assignTopics,
          organisationNames,
          now: now(),
          source,
        }),
      isLivePage: (page) => !syncedRoots.has(page.source.root) || present.has(page.id),
      suspects: new Set(suspects.keys()),
    });
    summary.programme = data.counts;
    for (const id of data.ids) {
      present.add(id);
      if (suspects.has(id)) rechecked.add(id);
    }
    stop.throwIfAborted();
  }
  summary.sectionsWritten = writer.sectionsWritten;

  // A single file that is gone takes its own resource away, never a twin's.
  const gone: JournalResource[] = missing
    .filter((file) => {
      const id = resourceIdOf(file.root.key, file.relativePath);
      const known = indexed.get(id);
      // With no record, sections an interrupted sync wrote for it may still be there.
      if (known === undefined) return suspects.has(id);
      return known.source.root === file.root.key && known.source.path === file.relativePath;
    })
    .map((file) => ({ id: resourceIdOf(file.root.key, file.relativePath), root: file.root.key }));
  if (!singleFiles) {
    const syncedRoots = new Set(request.roots.map((root) => root.key));
    gone.push(
      ...[...indexed.values()]
        .filter((resource) => syncedRoots.has(resource.source.root) && !present.has(resource.id))
        .map((resource) => ({ id: resource.id, root: resource.source.root })),
    );
    // Written by the interrupted sync for a file that is gone since (its record may not
    // even exist): its sections go.
    const listed = new Set(gone.map((resource) => resource.id));
    for (const [id, root] of suspects) {
      if (syncedRoots.has(root) && !present.has(id) && !listed.has(id)) gone.push({ id, root });
    }
  }
  await writer.remove([...gone, ...untrusted]);
  summary.removed += gone.length;
  for (const { id } of [...gone, ...untrusted]) {
    if (suspects.has(id) && !rechecked.has(id)) {
      summary.rechecked++;
      rechecked.add(id);
    }
  }
  if (request.prune === true) {
    const kept = new Set(request.roots.map((root) => root.key));
    const everything = await fetchIndexedResources(meili, target);
    const orphans = [...everything.values()]
      .filter((r) => !kept.has(r.source.root))
      .map((r) => ({ id: r.id, root: r.source.root }));
    await writer.remove(orphans);
    summary.removed += orphans.length;
    for (const { id } of orphans) rechecked.add(id);
  }
  // Everything of the re-checked resources is committed: their old entries close.
  await journal.resolve(interrupted, rechecked);
  stop.throwIfAborted();
  // Near-duplicates (a report and its final version…) are grouped once the index holds
  // every change of this sync.
  const versions = await regroupVersions(meili, target);
  if (versions.changed.length > 0) logger.info({ groups: versions.groups }, 'versions regrouped');
  stop.throwIfAborted();
  if (request.rebuild === true) {
    await swapIn(meili, deps.indexes, target);
    await journal.clear();
  }
  // Written once the indexes hold this sync: only what changed since the last one. A
  // failed file that left its folder (never indexed, so not among `gone`) is forgotten.
  const syncedRoots = new Set(request.roots.map((root) => root.key));
  for (const failure of failedBefore.values()) {
    const left = singleFiles
      ? missing.some(
          (file) => resourceIdOf(file.root.key, file.relativePath) === failure.resourceId,
        )
      : syncedRoots.has(failure.root) && !present.has(failure.resourceId);
    if (left) failureResolved.push(failure.resourceId);
  }
  await journal.rememberFailures(
    failedNow.filter((failure) => !sameFailure(failedBefore.get(failure.resourceId), failure)),
    failureResolved,
  );

  summary.durationMs = Math.round(performance.now() - started);
  // Worker threads share the process: this peak includes them.
  summary.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  logger.debug({ summary }, 'content synchronised');
  return summary;

  async function prepare(file: DiscoveredFile, id: string): Promise<Prepared> {
    let version: { sha256: string; metadataSha256?: string } | undefined;
    try {
      if (file.bytes > deps.limits.maxFileBytes) {
        throw tooLarge(file.bytes, deps.limits.maxFileBytes);
      }
      const known = indexed.get(id);
      if (known !== undefined && (await isTwin(known, file))) {
        return {
          outcome: 'failed',
          failure: conflict(id, `${known.source.root}/${known.source.path}`),
        };
      }
      // What is hashed and parsed is what was read from a regular file of the folder.
      const bytes = await readContentFile(file.root, file.relativePath, {
        symlinks,
        maxBytes: deps.limits.maxFileBytes,
      });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // A PDF's metadata file is part of its version: editing it alone re-indexes the PDF.
      const metadata = isPdf(file.relativePath)
        ? await readPdfMetadataFile(file, symlinks, deps.limits.maxFileBytes)
        : undefined;
      const metadataSha256 =
        metadata === undefined ? undefined : createHash('sha256').update(metadata).digest('hex');
      if (
        known !== undefined &&
        known.source.sha256 === sha256 &&
        known.source.metadataSha256 === metadataSha256 &&
        // A défi page's signature also carries the programme data's hash.
        (known.signature === signature || known.signature === defiSignature) &&
        !suspects.has(id)
      ) {
        return { outcome: 'unchanged' };
      }
      version = { sha256, ...(metadataSha256 === undefined ? {} : { metadataSha256 }) };
      const before = failedBefore.get(id);
      if (
        before !== undefined &&
        sameVersion(before, version, defiSignature) &&
        !suspects.has(id)
      ) {
        return {
          outcome: 'failed',
          failure: { code: before.code as FileFailure['code'], reason: before.reason },
          version,
        };
      }
      const extracted = await deps.parsePool.parse(
        { relativePath: file.relativePath, bytes },
        {
          pdfMaxPages: deps.limits.pdfMaxPages,
          promotions: deps.promotions,
          ...(deps.ocr === undefined ? {} : { ocr: deps.ocr }),
        },
      );
      const parsed = withProgrammeData(
        file.relativePath,
        metadata === undefined ? extracted : applyPdfMetadata(extracted, metadata.toString('utf8')),
        programme.loaded,
      );
      const records = buildRecords({
        id,
        parsed,
        signature: parsed.type === 'defi' ? defiSignature : signature,
        assignTopics,
        organisationNames,
        now: now(),
        source: {
          path: file.relativePath,
          root: file.root.key,
          format: parsed.format,
          sha256,
          bytes: bytes.length,
          ...(metadataSha256 === undefined ? {} : { metadataSha256 }),
        },
      });
      return {
        outcome: 'parsed',
        records,
        ...(parsed.ocr === undefined ? {} : { ocr: parsed.ocr }),
      };
    } catch (error) {
      if (error instanceof ParseWorkerError || error instanceof PdfWorkerFailure) {
        // A worker that ran over its time or died may do better on a less loaded machine.
        return { outcome: 'failed', failure: { code: error.code, reason: error.message } };
      }
      if (error instanceof ParseError) {
        // The file's own content failed: remembered until it changes.
        return {
          outcome: 'failed',
          failure: { code: error.code, reason: error.message },
          ...(version === undefined ? {} : { version }),
        };
      }
      if (error instanceof ContentFileTooLargeError) {
        // It grew between discovery and reading.
        const { code, message } = tooLarge(error.bytes, error.maxBytes);
        return { outcome: 'failed', failure: { code, reason: message } };
      }
      if (error instanceof UnsafeContentFileError) {
        // Swapped for a link (or removed) between discovery and reading.
        return {
          outcome: 'failed',
          failure: { code: 'unsafe_content_file', reason: error.message },
        };
      }
      if (isFileSystemError(error)) {
        return {
          outcome: 'failed',
          failure: { code: 'unexpected', reason: `lecture impossible : ${error.message}` },
        };
      }
      // Index errors are not a file's fault: the run stops and says so.
      throw error;
    }
  }

  /** True when the index holds this id for another file that still exists. */
  async function isTwin(known: IndexedResource, file: DiscoveredFile): Promise<boolean> {
    if (known.source.root === file.root.key && known.source.path === file.relativePath)
      return false;
    // A record left under an id its path no longer gets (ids of older versions): it is
    // replaced, not defended.
    if (
      resourceIdOf(known.source.root, known.source.path) !==
      resourceIdOf(file.root.key, file.relativePath)
    )
      return false;
    const rootPath = rootPaths.get(known.source.root);
    // A folder not synced here: its files are not ours to judge; keep its record.
    if (rootPath === undefined) return true;
    return fs.access(path.join(rootPath, known.source.path)).then(
      () => true,
      () => false,
    );
  }
}

/** True when a remembered failure is of this very version of the file. */
function sameVersion(
  failure: RememberedFailure,
  version: { sha256: string; metadataSha256?: string },
  signature: string,
): boolean {
  return (
    failure.sha256 === version.sha256 &&
    failure.metadataSha256 === version.metadataSha256 &&
    failure.signature === signature
  );
}

/** True when nothing of a failure changed (no write needed). */
function sameFailure(before: RememberedFailure | undefined, now: RememberedFailure): boolean {
  return (
    before !== undefined &&
    sameVersion(before, now, now.signature) &&
    before.code === now.code &&
    before.reason === now.reason &&
    before.root === now.root &&
    before.path === now.path
  );
}

function isPdf(relativePath: string): boolean {
  return relativePath.toLowerCase().endsWith('.pdf');
}

/** The metadata file beside a PDF (see pdf-metadata-file.ts), or undefined when it has none. */
async function readPdfMetadataFile(
  file: DiscoveredFile,
  symlinks: SymlinkPolicy,
  maxBytes: number,
): Promise<Buffer | undefined> {
  try {
    return await readContentFile(file.root, pdfMetadataPath(file.relativePath), {
      symlinks,
      maxBytes,
    });
  } catch (error) {
    if (error instanceof UnsafeContentFileError && error.reason === 'missing') return undefined;
    throw error;
  }
}

function tooLarge(bytes: number, maxBytes: number): ParseError {
  return new ParseError(
    'too_large',
    `fichier trop volumineux : ${formatBytes(bytes)} pour une limite de ${formatBytes(maxBytes)} (MAX_FILE_BYTES)`,
  );
}

/** Two paths whose ids coincide: the second is refused rather than overwrite the first. */
function conflict(id: string, holder: string): Omit<FileFailure, 'path'> {
  return {
    code: 'id_conflict',
    reason: `identifiant « ${id} » déjà pris par ${holder} (les deux noms ne diffèrent que par « / », « _ », « - » ou l'extension) : renommez l'un des deux fichiers`,
  };
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
