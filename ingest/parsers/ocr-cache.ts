import path from 'node:path';
import { z } from 'zod';
import { readJsonCache, writeJsonCache } from '../../src/json-cache.ts';
import type { RecognisedText } from './ocr-engine.ts';

/**
 * Recognised text kept by file hash (`<folder>/<sha256>.json`), so that a file is read by
 * OCR once: a rebuild, or a change of the ingester, reuses it. A cache only: a missing,
 * unreadable or foreign file (another engine or model) is simply not used.
 */

const cacheSchema = z.object({
  engine: z.string(),
  pages: z.record(z.string(), z.object({ text: z.string(), confidence: z.number() })),
});

/** The texts cached for a file, by page number (empty when none). */
export async function readOcrCache(
  folder: string,
  sha256: string,
  engine: string,
): Promise<Map<number, RecognisedText>> {
  const cache = await readJsonCache(cacheFile(folder, sha256), cacheSchema);
  if (cache === undefined || cache.engine !== engine) return new Map();
  return new Map(Object.entries(cache.pages).map(([page, text]) => [Number(page), text]));
}

/** Writes the texts of a file's pages, atomically (a reader never sees half a file). */
export async function writeOcrCache(
  folder: string,
  sha256: string,
  engine: string,
  pages: Map<number, RecognisedText>,
): Promise<void> {
  await writeJsonCache(cacheFile(folder, sha256), {
    engine,
    pages: Object.fromEntries([...pages].sort(([a], [b]) => a - b)),
  });
}

/** Where a file's recognised text is kept. */
export function cacheFile(folder: string, sha256: string): string {
  return path.join(folder, `${sha256}.json`);
}
