import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { wordAgreement } from '../../../bench/pdf-words.ts';
import { extractWithPdfjs } from '../../../ingest/parsers/pdf-extract.ts';
import { extractWithPoppler, popplerAvailable } from '../../../ingest/parsers/pdf-poppler.ts';
import { metadataTitleSuffices } from '../../../ingest/parsers/pdf-title.ts';
import type { PdfJob, PdfReply } from '../../../ingest/parsers/pdf-protocol.ts';

/**
 * pdftotext (poppler) reads PDFs when installed, pdf.js otherwise: both must give the index
 * the same words, in the same order, and refuse the same files for the same reasons.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/parsers/pdf');
const sharedCorpus = path.resolve(root, '../shared/corpus/pdf');
const skip = (await popplerAvailable()) ? false : 'pdftotext absent (poppler-utils)';

async function pdfsIn(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => []);
  return names.filter((name) => name.endsWith('.pdf')).map((name) => path.join(dir, name));
}

async function both(file: string, maxPages = 1000): Promise<[PdfReply, PdfReply]> {
  const bytes = await fs.readFile(file);
  const job = (): PdfJob => ({ bytes: new Uint8Array(bytes), maxPages });
  return [await extractWithPoppler(job()), await extractWithPdfjs(job())];
}

describe('PDF extractors: pdftotext and pdf.js', { skip }, () => {
  it('give the same words in the same order, page by page, on the corpus PDFs', async () => {
    const files = [
      ...(await pdfsIn(path.join(root, 'guides/pdf'))),
      ...(await pdfsIn(sharedCorpus)),
      ...['text', 'untitled-metadata', 'blank-page'].map((name) =>
        path.join(fixtures, name, 'input.pdf'),
      ),
    ];
    let same = 0;
    let total = 0;
    let largestCompared = 0;
    for (const file of files) {
      const [poppler, pdfjs] = await both(file);
      assert.equal(poppler.kind, 'extracted', file);
      assert.equal(pdfjs.kind, 'extracted', file);
      if (poppler.kind !== 'extracted' || pdfjs.kind !== 'extracted') continue;
      assert.equal(poppler.pageCount, pdfjs.pageCount, file);
      assert.deepEqual(
        [poppler.metadataTitle, poppler.metadataAuthor, poppler.createdAt],
        [pdfjs.metadataTitle, pdfjs.metadataAuthor, pdfjs.createdAt],
        file,
      );
      // The largest text of page 1 too, where the title needs it (no plausible metadata
      // title): from word boxes with pdftotext, from font sizes with pdf.js.
      if (!metadataTitleSuffices(pdfjs.metadataTitle)) {
        assert.equal(poppler.largestText, pdfjs.largestText, file);
        largestCompared++;
      }
      const agreement = wordAgreement(poppler, pdfjs);
      // Spacing of punctuation may differ (« extérieurs: » / « extérieurs : »), words not.
      assert.ok(
        agreement.same >= 0.98 * agreement.total,
        `${file} : ${agreement.same}/${agreement.total} ${JSON.stringify(agreement.differences)}`,
      );
      same += agreement.same;
      total += agreement.total;
    }
    assert.ok(total > 1000, `trop peu de mots comparés : ${total}`);
    assert.ok(same >= 0.99 * total, `${same}/${total} mots identiques`);
    assert.ok(largestCompared >= 3, `plus grands textes comparés : ${largestCompared}`);
  });

  it('refuse encrypted, damaged and over-long files alike', async () => {
    const cases: [string, PdfReply['kind'], number?][] = [
      ['encrypted', 'encrypted'],
      ['corrupt', 'corrupt'],
      ['not-a-pdf', 'corrupt'],
      ['too-many-pages', 'too_many_pages', 2],
    ];
    for (const [name, kind, maxPages] of cases) {
      const [poppler, pdfjs] = await both(path.join(fixtures, name, 'input.pdf'), maxPages);
      assert.equal(poppler.kind, kind, `${name} (pdftotext)`);
      assert.equal(pdfjs.kind, kind, `${name} (pdf.js)`);
      if (kind === 'too_many_pages') assert.equal(poppler.pageCount, pdfjs.pageCount, name);
    }
  });
});
