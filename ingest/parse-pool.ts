import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PromotionTable } from '../src/content/promotions.ts';
import type { ParseReply, ParseTask } from './parse-worker.ts';
import type { PdfExtractor } from './parsers/pdf-protocol.ts';
import {
  ParseError,
  type OcrSettings,
  type ParsedDocument,
  type SourceFile,
} from './parsers/types.ts';
import { ReperesError } from '../src/errors.ts';

/**
 * Parses files in parallel worker threads (piscina): every kind of file, so that pdf.js
 * and the Markdown processor never block the thread that talks to Meilisearch. Each parse
 * is bounded in time and memory; a parse that runs over or kills its worker fails that
 * file only. Created and closed by the caller (the CLI, the service, a test), never at
 * import time.
 */

export interface ParsePoolOptions {
  /** Worker threads for Markdown (default: the machine's available parallelism, at most 4). */
  workers?: number;
  /** Worker threads for PDFs (default: as many as for Markdown). */
  pdfWorkers?: number;
  /** Longest time one file may take to parse, in milliseconds. */
  timeoutMs?: number;
  /** Longest time one PDF may take, OCR of its pages included (default: `timeoutMs`). */
  pdfTimeoutMs?: number;
  /** Heap limit of each worker, in MB: pdf.js on a hostile file may allocate without bound. */
  heapMb?: number;
  /**
   * Files each worker parses with pdf.js loaded before the workers are replaced (pdf.js keeps
   * caches). Workers that never load it (Markdown, PDFs read by pdftotext) are kept: a new
   * one costs a thread start and its modules, more than a small file's parse.
   */
  recycleAfter?: number;
  /**
   * Memory mark of one worker, in MB (its heap and buffers after a parse): past it, the
   * lane's workers are replaced before the next parse (pdf.js keeps ~300 MB once it read a PDF).
   */
  recycleAboveMb?: number;
  /** Idle time after which a worker stops, in milliseconds. */
  idleMs?: number;
  /** Which extractor reads PDF text (default `auto`: pdftotext when installed, else pdf.js). */
  pdfExtractor?: PdfExtractor;
}

/** What a parse needs besides the file, as data the workers can receive. */
export interface PoolParseOptions {
  pdfMaxPages: number;
  promotions: PromotionTable;
  /** OCR of PDF pages without text; absent: off. */
  ocr?: OcrSettings;
}

export interface ParsePool {
  /** Number of files parsed at once (both lanes). */
  readonly size: number;
  /** Times a lane's workers were replaced because one went past `recycleAboveMb`. */
  readonly recycledForMemory: number;
  /** Times a lane's workers were replaced after `recycleAfter` files with pdf.js. */
  readonly recycledAfterFiles: number;
  /** Parses one file; rejects with ParseError, or ParseWorkerError when the worker failed. */
  parse(file: SourceFile, options: PoolParseOptions): Promise<ParsedDocument>;
  /** Stops every worker; the caller closes the pool after its last sync. */
  close(): Promise<void>;
}

/** A parse of a non-PDF file that ran over its time or lost its worker. */
export class ParseWorkerError extends ReperesError {
  override name = 'ParseWorkerError';
  constructor(
    override readonly code: 'parse_timeout' | 'parse_crash',
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * A PDF whose parse ran over its time or lost its worker: `pdf_corrupt` for people, but
 * not remembered as the file's fault (a less loaded machine may read it).
 */
export class PdfWorkerFailure extends ParseError {
  override name = 'PdfWorkerFailure';
}

/** The default number of Markdown workers: one per core, but no more than 4. */
export function defaultParseWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Longest time one file may take to parse, unless the pool is told otherwise. */
export const defaultParseTimeoutMs = 60_000;

const defaults = {
  timeoutMs: defaultParseTimeoutMs,
  heapMb: 1024,
  recycleAfter: 50,
  recycleAboveMb: 512,
  idleMs: 30_000,
};

const workerFile = fileURLToPath(new URL('./parse-worker-bootstrap.js', import.meta.url));

/** One group of workers: its own threads, recycling and queue. */
interface Lane {
  /** Rejects with WorkerStopped when the worker ran over its time or died. */
  run(task: ParseTask): Promise<ParseReply>;
  readonly recycledForMemory: number;
  readonly recycledAfterFiles: number;
  close(): Promise<void>;
}

class WorkerStopped extends Error {
  constructor(
    readonly timedOut: boolean,
    options: ErrorOptions,
  ) {
    super(timedOut ? 'timeout' : 'worker stopped', options);
  }
}

function createLane(size: number, settings: typeof defaults): Lane {
  const startGeneration = (): Piscina<ParseTask, ParseReply> =>
    new Piscina<ParseTask, ParseReply>({
      filename: workerFile,
      minThreads: 0,
      maxThreads: size,
      idleTimeout: settings.idleMs,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: settings.heapMb },
    });
  interface Generation {
    piscina: Piscina<ParseTask, ParseReply>;
    runs: number;
    active: number;
    retired: boolean;
  }
  const start = (): Generation => ({
    piscina: startGeneration(),
    runs: 0,
    active: 0,
    retired: false,
  });
  let current = start();
  let recycledForMemory = 0;
  let recycledAfterFiles = 0;
  const retiring = new Set<Promise<void>>();
  // A retired generation closes once its last parse is done: closing it earlier would
  // cancel that parse.
  const closeIfDone = (generation: Generation): void => {
    if (!generation.retired || generation.active > 0) return;
    const closing = generation.piscina.close().finally(() => retiring.delete(closing));
    retiring.add(closing);
  };
  // Parses wait here, not in piscina's queue, so that a file's timeout counts its own
  // parse only, never the time spent behind a slow file.
  const slots = createSlots(size);
  // New parses go to fresh workers; the old ones finish theirs.
  const retire = (old: Generation): void => {
    if (old !== current) return;
    old.retired = true;
    current = start();
    closeIfDone(old);
  };
  const generation = (): Generation => {
    // pdf.js keeps caches: workers that hold it are replaced after so many files.
    if (current.runs >= settings.recycleAfter * size) {
      recycledAfterFiles++;
      retire(current);
    }
    return current;
  };
  return {
    get recycledForMemory() {
      return recycledForMemory;
    },
    get recycledAfterFiles() {
      return recycledAfterFiles;
    },
    async run(task) {
      const release = await slots.acquire();
      // The time limit starts when a worker is free for this file.
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const used = generation();
      used.active++;
      try {
        const reply = await used.piscina.run(task, {
          signal: timeout,
          transferList: [task.bytes.buffer as ArrayBuffer],
        });
        if (reply.pdfjs) used.runs++;
        if (reply.memoryBytes > settings.recycleAboveMb * 1024 * 1024 && used === current) {
          recycledForMemory++;
          retire(used);
        }
        return reply;
      } catch (error) {
        throw new WorkerStopped(timeout.aborted, { cause: error });
      } finally {
        used.active--;
        closeIfDone(used);
        release();
      }
    },
    async close() {
      await Promise.all([current.piscina.close(), ...retiring]);
    },
  };
}

/**
 * Starts nothing until the first parse; workers then live until idle, recycled or closed.
 * PDFs have their own lane (`pdfWorkers`), so that a long PDF never holds up the Markdown:
 * with pdftotext a PDF worker only waits for its child process; with pdf.js (no poppler)
 * it keeps ~300 MB, and is replaced past `recycleAboveMb`.
 */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = options.workers ?? defaultParseWorkers();
  const pdfSize = options.pdfWorkers ?? defaultParseWorkers();
  const { pdfExtractor: _, ...laneOptions } = options;
  const settings = { ...defaults, ...withoutUndefined(laneOptions) };
  const pdfSettings = { ...settings, timeoutMs: options.pdfTimeoutMs ?? settings.timeoutMs };
  const text = createLane(size, settings);
  const pdf = createLane(pdfSize, pdfSettings);

  return {
    size: size + pdfSize,
    get recycledForMemory() {
      return text.recycledForMemory + pdf.recycledForMemory;
    },
    get recycledAfterFiles() {
      return text.recycledAfterFiles + pdf.recycledAfterFiles;
    },
    async parse(file, parseOptions) {
      const isPdf = file.relativePath.toLowerCase().endsWith('.pdf');
      try {
        // A copy moved to the worker: the caller keeps its Buffer.
        const bytes = new Uint8Array(file.bytes);
        const reply = await (isPdf ? pdf : text).run({
          relativePath: file.relativePath,
          bytes,
          pdfMaxPages: parseOptions.pdfMaxPages,
          promotions: [...parseOptions.promotions],
          ...(parseOptions.ocr === undefined ? {} : { ocr: parseOptions.ocr }),
          ...(options.pdfExtractor === undefined ? {} : { pdfExtractor: options.pdfExtractor }),
        });
        if (reply.ok) return reply.document;
        if (reply.code === 'unexpected') throw new ParseWorkerError('parse_crash', reply.message);
        throw new ParseError(reply.code, reply.message);
      } catch (error) {
        if (!(error instanceof WorkerStopped)) throw error;
        const limit = isPdf ? pdfSettings.timeoutMs : settings.timeoutMs;
        throw workerFailure(file.relativePath, error.timedOut, limit, error.cause);
      }
    },
    async close() {
      await Promise.all([text.close(), pdf.close()]);
    },
  };
}

/** The error of a parse whose worker ran over its time or died. */
function workerFailure(
  relativePath: string,
  timedOut: boolean,
  timeoutMs: number,
  cause: unknown,
): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const delay = formatDuration(timeoutMs);
  if (relativePath.toLowerCase().endsWith('.pdf')) {
    return new PdfWorkerFailure(
      'pdf_corrupt',
      timedOut
        ? `PDF illisible : la lecture de ${relativePath} a dépassé ${delay} (fichier trop complexe ou endommagé)`
        : `PDF illisible : la lecture de ${relativePath} a fait échouer le lecteur PDF (${detail})`,
      { cause },
    );
  }
  return timedOut
    ? new ParseWorkerError(
        'parse_timeout',
        `analyse interrompue : la lecture de ${relativePath} a dépassé ${delay}`,
        { cause },
      )
    : new ParseWorkerError(
        'parse_crash',
        `analyse impossible : ${relativePath} a fait échouer le processus d'analyse (${detail})`,
        { cause },
      );
}

/** A counting semaphore: at most `count` holders at once, served in arrival order. */
function createSlots(count: number): { acquire: () => Promise<() => void> } {
  let free = count;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) free++;
    else next();
  };
  return {
    acquire: () => {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, each]) => each !== undefined),
  ) as Partial<T>;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
