import { createHash } from 'node:crypto';
import { readOcrCache, writeOcrCache } from './ocr-cache.ts';
import {
  ocrEngineKey,
  OcrTimeoutError,
  recogniseImage,
  type RecognisedText,
} from './ocr-engine.ts';
import { renderPdfPages } from './pdf-extract.ts';
import type { OcrSettings, OcrStats } from './types.ts';

/**
 * OCR of the PDF pages that have no text layer (scans, pages made of an image): each page
 * is drawn as an image, read by tesseract.js in French, and the result kept by file hash.
 */

/** 300 dpi, what tesseract is trained on; capped so that a page never costs more memory. */
const render = { dpi: 300, maxPixels: 9_000_000 };

/** Pages read, pages that could not be, and what it cost. */
export interface OcrOutcome {
  texts: Map<number, RecognisedText>;
  /** Pages left unread, with the reason in French. */
  skipped: { page: number; reason: string }[];
  stats: OcrStats;
}

/** Recognises the given pages of a PDF, from the cache when it holds them. */
export async function recognisePdfPages(
  bytes: Uint8Array,
  pages: number[],
  settings: OcrSettings,
): Promise<OcrOutcome> {
  const started = performance.now();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const cached =
    settings.cacheDir === undefined
      ? new Map<number, RecognisedText>()
      : await readOcrCache(settings.cacheDir, sha256, ocrEngineKey);
  const texts = new Map<number, RecognisedText>();
  for (const page of pages) {
    const known = cached.get(page);
    if (known !== undefined) texts.set(page, known);
  }
  const missing = pages.filter((page) => !texts.has(page));
  const allowed = missing.slice(0, settings.maxPages);
  const skipped = missing.slice(settings.maxPages).map((page) => ({
    page,
    reason: `page ${page} sans texte extractible, non passée à la reconnaissance automatique : au plus ${settings.maxPages} page${settings.maxPages > 1 ? 's' : ''} par fichier (OCR_MAX_PAGES)`,
  }));
  let recognised = 0;
  const failed = new Set<number>();
  try {
    for await (const image of renderPdfPages(bytes, allowed, render)) {
      try {
        texts.set(image.page, await recogniseImage(image.png, settings.pageTimeoutMs));
        recognised++;
      } catch (error) {
        failed.add(image.page);
        skipped.push({ page: image.page, reason: failureReason(image.page, error, settings) });
      }
    }
  } catch (error) {
    // pdf.js could not draw a page: the pages not read yet stay without text.
    const detail = error instanceof Error ? error.message : String(error);
    for (const page of allowed.filter((each) => !texts.has(each) && !failed.has(each))) {
      skipped.push({
        page,
        reason: `page ${page} sans texte extractible : son image n'a pas pu être produite pour la reconnaissance automatique (${detail})`,
      });
    }
  }
  if (settings.cacheDir !== undefined && recognised > 0) {
    await writeOcrCache(settings.cacheDir, sha256, ocrEngineKey, new Map([...cached, ...texts]));
  }
  return {
    texts,
    skipped: skipped.sort((a, b) => a.page - b.page),
    stats: {
      recognised,
      cached: pages.length - missing.length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

function failureReason(page: number, error: unknown, settings: OcrSettings): string {
  if (error instanceof OcrTimeoutError) {
    const ms = settings.pageTimeoutMs;
    const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
    return `page ${page} sans texte extractible : la reconnaissance automatique a dépassé ${limit} (OCR_PAGE_TIMEOUT_MS)`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `page ${page} sans texte extractible : la reconnaissance automatique a échoué (${detail})`;
}
