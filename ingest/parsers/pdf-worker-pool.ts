import { Worker } from 'node:worker_threads';
import { ReperesError } from '../../src/errors.ts';
import type { PdfJob, PdfReply, PdfRequest, PdfResponse } from './pdf-protocol.ts';

/**
 * One PDF worker thread, reused from file to file: starting one costs seconds (tsx, then
 * pdf.js), far more than most PDFs take to read. Jobs run one at a time, in order. The
 * worker is replaced after a timeout, a crash or `maxJobs` files (pdf.js keeps caches), and
 * stopped after `idleMs` without work; it never keeps the process alive while idle.
 */

export interface PdfWorkerPoolOptions {
  /** Files one worker reads before it is replaced. */
  maxJobs?: number;
  /** Idle time after which the worker is stopped, in milliseconds. */
  idleMs?: number;
  /** Heap limit of the worker, in MB: pdf.js on a hostile file may allocate without bound. */
  heapMb?: number;
}

/** Why a job did not get an answer from the worker. */
export class PdfWorkerError extends ReperesError {
  override name = 'PdfWorkerError';
  constructor(
    readonly reason: 'timeout' | 'crash',
    message: string,
    options?: ErrorOptions,
  ) {
    super(`pdf_worker_${reason}`, message, options);
  }
}

const defaults: Required<PdfWorkerPoolOptions> = { maxJobs: 50, idleMs: 5_000, heapMb: 1024 };

/**
 * The worker is TypeScript. On Node 20 a worker started on a `.ts` file fails even though
 * it inherits `--import tsx` in its execArgv (the hooks are not in place when its entry
 * loads), so a small JavaScript bootstrap registers tsx first, then imports the worker.
 */
const bootstrap = `
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pdf-worker.ts', import.meta.url).href)}); });
`;

/** A queue of PDF jobs served by one reusable worker thread. */
export class PdfWorkerPool {
  private readonly options: Required<PdfWorkerPoolOptions>;
  private worker: Worker | undefined;
  private jobsDone = 0;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: PdfWorkerPoolOptions = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Runs one job after those already queued; rejects with PdfWorkerError on timeout or crash. */
  run(job: PdfJob, timeoutMs: number): Promise<PdfReply> {
    const result = this.tail.then(() => this.runNow(job, timeoutMs));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Stops the worker, if any (queued jobs start a new one). */
  async close(): Promise<void> {
    await this.stop();
  }

  private runNow(job: PdfJob, timeoutMs: number): Promise<PdfReply> {
    clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.start();
    worker.ref();
    const id = this.nextId++;
    return new Promise<PdfReply>((resolve, reject) => {
      const cleanUp = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (error: PdfWorkerError): void => {
        cleanUp();
        void this.stop();
        reject(error);
      };
      const onMessage = (response: PdfResponse): void => {
        if (response.id !== id) return;
        cleanUp();
        this.jobsDone += 1;
        this.afterJob();
        resolve(response.reply);
      };
      const onError = (error: Error): void =>
        fail(new PdfWorkerError('crash', error.message, { cause: error }));
      const onExit = (code: number): void =>
        fail(new PdfWorkerError('crash', `le lecteur PDF s'est arrêté (code ${code})`));
      const timer = setTimeout(
        () => fail(new PdfWorkerError('timeout', `délai de ${timeoutMs} ms dépassé`)),
        timeoutMs,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // The bytes are a copy made for this job: moved to the worker, not copied again.
      worker.postMessage({ id, job } satisfies PdfRequest, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  private start(): Worker {
    const worker = new Worker(bootstrap, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    // A worker that dies while idle is forgotten, so the next job starts a fresh one.
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    this.jobsDone = 0;
    return worker;
  }

  private afterJob(): void {
    if (this.jobsDone >= this.options.maxJobs) {
      void this.stop();
      return;
    }
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.stop(), this.options.idleMs);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }
}
