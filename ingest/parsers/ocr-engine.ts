import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker as NodeWorker } from 'node:worker_threads';
import type * as TesseractModule from 'tesseract.js';
import { ReperesError } from '../../src/errors.ts';

/**
 * Text recognition of one page image, in French, by tesseract.js: one tesseract worker per
 * thread, started at the first page and reused; a page that runs over its time stops that
 * worker (the next page starts a fresh one). The language data is read from the
 * @tesseract.js-data/fra package: nothing is ever downloaded.
 */

const require = createRequire(import.meta.url);

/** The LSTM model of the French data package (the one tesseract.js itself picks for LSTM). */
const languageFolder = '4.0.0_best_int';
const languagePath = path.join(
  path.dirname(require.resolve('@tesseract.js-data/fra')),
  languageFolder,
);
const tesseractVersion = (require('tesseract.js/package.json') as { version: string }).version;

/** What recognition depends on: a cached text made by another engine or model is not reused. */
export const ocrEngineKey = `tesseract.js@${tesseractVersion}/fra/${languageFolder}`;

/** The text of a page image and tesseract's mean confidence in it (0–100). */
export interface RecognisedText {
  text: string;
  confidence: number;
}

/** A page whose recognition ran over its time: its worker was stopped. */
export class OcrTimeoutError extends ReperesError {
  override name = 'OcrTimeoutError';
  constructor(timeoutMs: number) {
    super('ocr_timeout', `reconnaissance de la page interrompue après ${timeoutMs} ms`);
  }
}

/** A started tesseract worker, and a promise that rejects if its thread dies. */
interface Engine {
  worker: TesseractModule.Worker;
  died: Promise<never>;
}

let tesseract: Promise<typeof TesseractModule> | undefined;
let engine: Promise<Engine> | undefined;

async function startEngine(): Promise<Engine> {
  // Loaded at the first scanned page: a thread that never meets one does not pay for it.
  tesseract ??= import('tesseract.js');
  const { createWorker, OEM } = await tesseract;
  const worker = await createWorker('fra', OEM.LSTM_ONLY, {
    langPath: languagePath,
    gzip: true,
    // Read the data from the package each time, never write a copy in the working folder.
    cacheMethod: 'none',
    // Without a handler, tesseract.js throws a failed job's error in its message listener.
    errorHandler: () => undefined,
  });
  // tesseract.js does not listen to its thread's `error` event: unheard, a crash there
  // would take this thread (and the whole file) down; heard, it fails the page only.
  const thread: unknown = Reflect.get(worker, 'worker');
  const died = new Promise<never>((_, reject) => {
    if (thread instanceof NodeWorker) {
      thread.on('error', (error) => reject(new Error(`moteur OCR arrêté : ${error.message}`)));
    }
  });
  died.catch(() => undefined);
  return { worker, died };
}

/** Recognises the text of one PNG image, or rejects with OcrTimeoutError after `timeoutMs`. */
export async function recogniseImage(png: Uint8Array, timeoutMs: number): Promise<RecognisedText> {
  engine ??= startEngine();
  const current = engine;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    const { worker, died } = await Promise.race([current, timeout]);
    const { data } = await Promise.race([worker.recognize(Buffer.from(png)), timeout, died]);
    return { text: data.text, confidence: data.confidence };
  } catch (error) {
    // A worker stuck in a page (or broken) is not reused. Not awaited: a worker that
    // never finished starting must not hold this page up.
    if (engine === current) engine = undefined;
    current.then(({ worker }) => worker.terminate()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops this thread's tesseract worker, if any (tests, or a thread about to end). */
export async function closeOcrEngine(): Promise<void> {
  const current = engine;
  engine = undefined;
  await current?.then(({ worker }) => worker.terminate()).catch(() => undefined);
}
