import v8 from 'node:v8';
import { parseSource } from './parsers/index.ts';
import { pdfjsLoaded } from './parsers/pdf-extract.ts';
import type { PdfExtractor } from './parsers/pdf-protocol.ts';
import { ParseError, type OcrSettings, type ParsedDocument } from './parsers/types.ts';

/**
 * One parse in a worker thread of the parse pool. What crosses the thread boundary is
 * plain data: errors lose their class there, so a ParseError travels as `{code, message}`
 * and the pool rebuilds it.
 */

/** What the pool sends: the file's bytes (moved, not copied) and the parse options as data. */
export interface ParseTask {
  relativePath: string;
  bytes: Uint8Array;
  pdfMaxPages: number;
  /** Year → promotion label, as pairs (a function cannot cross threads). */
  promotions: [number, string][];
  /** OCR of PDF pages without text; absent: off. */
  ocr?: OcrSettings;
  pdfExtractor?: PdfExtractor;
}

export type ParseReply = (
  | { ok: true; document: ParsedDocument }
  | { ok: false; code: ParseError['code'] | 'unexpected'; message: string }
) & {
  /** The worker's heap and buffers after the parse: the pool replaces workers past a mark. */
  memoryBytes: number;
  /** pdf.js is loaded in the worker (its caches grow): the pool replaces such workers every so many files. */
  pdfjs: boolean;
};

/** Parses one file; never throws, so that the reply says what went wrong. */
export async function parseInWorker(task: ParseTask): Promise<ParseReply> {
  const promotions = new Map(task.promotions);
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  try {
    const document = await parseSource(
      { relativePath: task.relativePath, bytes },
      {
        pdfMaxPages: task.pdfMaxPages,
        promotionOfYear: (year) => promotions.get(year),
        ...(task.ocr === undefined ? {} : { ocr: task.ocr }),
        ...(task.pdfExtractor === undefined ? {} : { pdfExtractor: task.pdfExtractor }),
      },
    );
    return { ok: true, document, ...usage() };
  } catch (error) {
    if (error instanceof ParseError)
      return { ok: false, code: error.code, message: error.message, ...usage() };
    return {
      ...usage(),
      ok: false,
      code: 'unexpected',
      message: `erreur inattendue de l'analyseur sur ${task.relativePath} : ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function usage(): Pick<ParseReply, 'memoryBytes' | 'pdfjs'> {
  return { memoryBytes: memoryBytes(), pdfjs: pdfjsLoaded() };
}

/** This thread's heap (pdf.js caches) and the buffers it holds outside it. */
function memoryBytes(): number {
  const heap = v8.getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}
