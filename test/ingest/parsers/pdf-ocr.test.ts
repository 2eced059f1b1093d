import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheFile, readOcrCache, writeOcrCache } from '../../../ingest/parsers/ocr-cache.ts';
import { closeOcrEngine, ocrEngineKey } from '../../../ingest/parsers/ocr-engine.ts';
import { pagesWithoutText, parsePdf } from '../../../ingest/parsers/pdf.ts';
import { ParseError, type OcrSettings } from '../../../ingest/parsers/types.ts';
import { buildPdf } from '../../helpers/pdf-builder.ts';
import { buildScannedPdf } from '../../helpers/scanned-pdf.ts';
import { testParseOptions } from './options.ts';

// The parser runs here in the test's own thread: its tesseract worker is stopped at the end.
after(() => closeOcrEngine());

const ocr: OcrSettings = { pageTimeoutMs: 120_000, maxPages: 5 };

describe('parsePdf with OCR', () => {
  it('reads a PDF made only of a scan instead of failing with pdf_no_text', async () => {
    const bytes = await buildScannedPdf([
      { scan: ['Compte rendu de la réunion', 'sur la saliculture.'] },
    ]);
    const document = await parsePdf(
      { relativePath: 'scan.pdf', bytes },
      { ...testParseOptions, ocr },
    );
    assert.equal(document.sections.length, 1);
    const [section] = document.sections;
    assert.equal(section?.page, 1);
    assert.equal(section.ocr, true);
    assert.match(section.text, /saliculture/i);
    assert.deepEqual(document.ocr && { ...document.ocr, durationMs: 0 }, {
      recognised: 1,
      cached: 0,
      durationMs: 0,
    });
  });

  it('leaves out a page whose recognition runs over its time, with a warning naming OCR_PAGE_TIMEOUT_MS', async () => {
    const bytes = await buildScannedPdf([
      { text: ['Une page écrite, avec assez de lettres pour être lue telle quelle.'] },
      { scan: ['Une page numérisée'] },
    ]);
    // 1 ms: less than tesseract takes to start, let alone to read a page.
    const document = await parsePdf(
      { relativePath: 'lent.pdf', bytes },
      { ...testParseOptions, ocr: { ...ocr, pageTimeoutMs: 1 } },
    );
    assert.deepEqual(
      document.sections.map((section) => section.page),
      [1],
    );
    assert.deepEqual(document.warnings, [
      {
        reason:
          'page 2 sans texte extractible : la reconnaissance automatique a dépassé 1 ms (OCR_PAGE_TIMEOUT_MS)',
      },
    ]);
  });

  it('reads at most OCR_MAX_PAGES pages of a file, and says which were left out', async () => {
    const bytes = buildPdf({
      pages: [['Une page écrite, avec assez de lettres pour compter.'], [], []],
    });
    const document = await parsePdf(
      { relativePath: 'long.pdf', bytes },
      { ...testParseOptions, ocr: { ...ocr, maxPages: 1 } },
    );
    // Page 2 is blank: read, nothing found; page 3 is beyond the limit.
    assert.deepEqual(
      document.warnings.map((warning) => warning.reason),
      [
        'page 2 sans texte, ni extractible ni reconnu automatiquement (image sans texte lisible ou page blanche)',
        'page 3 sans texte extractible, non passée à la reconnaissance automatique : au plus 1 page par fichier (OCR_MAX_PAGES)',
      ],
    );
  });

  it('hands a garbled page to OCR like a scan, and says so when OCR reads nothing in it', async () => {
    // The unencoded font draws empty boxes: OCR is tried, and finds no text in them.
    const bytes = buildPdf({
      pages: [
        ['Une page écrite, avec assez de lettres pour être lue telle quelle.'],
        [
          'Les entrepreneurs arrivent dans leur',
          'administration pour dix mois et',
          'travaillent avec les agents du service.',
        ],
      ],
      unencodedPages: [2],
    });
    const document = await parsePdf(
      { relativePath: 'illisible.pdf', bytes },
      { ...testParseOptions, ocr },
    );
    assert.equal(document.ocr?.recognised, 1);
    assert.deepEqual(
      document.sections.map((section) => section.page),
      [1],
    );
    assert.match(
      document.warnings[0]?.reason ?? '',
      /^page 2 au texte illisible \(.*\), et la reconnaissance automatique \(OCR\) n'y a pas lu de texte$/,
    );
  });

  it('without OCR, a scan still fails with pdf_no_text', async () => {
    const bytes = await buildScannedPdf([{ scan: ['Une page numérisée'] }]);
    await assert.rejects(
      parsePdf({ relativePath: 'scan.pdf', bytes }, testParseOptions),
      (error: unknown) => error instanceof ParseError && error.code === 'pdf_no_text',
    );
  });
});

describe('pagesWithoutText', () => {
  it('picks the pages with (nearly) no letters, not those with a short text', () => {
    const pages = pagesWithoutText({
      kind: 'extracted',
      pageCount: 3,
      pages: [
        { page: 1, text: 'Introduction au logiciel libre dans l’administration' },
        { page: 2, text: '- 2 -' },
        { page: 3, text: '' },
      ],
    });
    assert.deepEqual(pages, [2, 3]);
  });
});

describe('OCR cache', () => {
  it('gives back the pages it was given, by file hash', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-ocr-cache-'));
    const pages = new Map([[2, { text: 'Bilan', confidence: 91 }]]);
    await writeOcrCache(dir, 'abc', ocrEngineKey, pages);
    assert.deepEqual(await readOcrCache(dir, 'abc', ocrEngineKey), pages);
    assert.deepEqual(await readOcrCache(dir, 'other', ocrEngineKey), new Map());
  });

  it('ignores what another engine or model read, and a damaged file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-ocr-cache-'));
    await writeOcrCache(
      dir,
      'abc',
      'tesseract.js@1/eng',
      new Map([[1, { text: 'x', confidence: 90 }]]),
    );
    assert.deepEqual(await readOcrCache(dir, 'abc', ocrEngineKey), new Map());
    await fs.writeFile(cacheFile(dir, 'def'), '{ "engine": ');
    assert.deepEqual(await readOcrCache(dir, 'def', ocrEngineKey), new Map());
  });
});
