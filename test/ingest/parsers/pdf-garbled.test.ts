import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { garbledReason, measureText } from '../../../ingest/parsers/pdf-garbled.ts';
import { pagesWithoutText, parsePdf } from '../../../ingest/parsers/pdf.ts';
import { extractPdf } from '../../../ingest/parsers/pdf-extract.ts';
import { ParseError } from '../../../ingest/parsers/types.ts';
import { buildPdf } from '../../helpers/pdf-builder.ts';
import { testParseOptions } from './options.ts';

const readable = [
  'Les entrepreneurs arrivent dans leur',
  'administration pour dix mois et',
  'travaillent avec les agents du service.',
];

describe('garbled text, measured', () => {
  it('reads French text as text', () => {
    assert.equal(garbledReason(measureText(readable.join('\n'))), undefined);
  });

  it('takes text with shifted character codes for garbled (few frequent words)', () => {
    // What pdf.js gives for a font without usable encoding ("Membre" → "0HPEUH").
    const quality = measureText('0HPEUH GH O’ÌTXLSH GX GÌIL /HV HQWUHSUHQHXUV DUULYHQW GDQV OHXU');
    assert.equal(quality.frequentShare, 0);
    assert.match(garbledReason(quality) ?? '', /mots courants.*voyelles/);
  });

  it('reads a list of names and acronyms as text: few frequent words, but normal vowels', () => {
    const list =
      'Choisir une licence\nLicences permissives : MIT, Apache 2.0, BSD.\nLicences à réciprocité : GPL, EUPL, CeCILL.';
    assert.ok(measureText(list).frequentShare < 0.08);
    assert.equal(garbledReason(measureText(list)), undefined);
  });

  it('takes replacement characters for garbled', () => {
    assert.match(
      garbledReason(measureText('Le \uFFFD\uFFFD\uFFFD du \uFFFD\uFFFD')) ?? '',
      /remplacement/,
    );
  });

  it('does not judge a text too short to say (a title, a page number)', () => {
    assert.equal(garbledReason(measureText('GDQV OHXU')), undefined);
  });
});

describe('parsePdf › a PDF whose font has no usable encoding', () => {
  const bytes = buildPdf({
    title: 'Note aux équipes',
    pages: [readable, ["Membre de l'équipe du défi", ...readable]],
    unencodedPages: [1, 2],
  });

  it('gives garbled text when extracted (the built file is the real case)', async () => {
    const reply = await extractPdf({ bytes: new Uint8Array(bytes), maxPages: 5 });
    assert.equal(reply.kind, 'extracted');
    if (reply.kind !== 'extracted') return;
    assert.match(reply.pages[0]?.text ?? '', /^\/HV HQWUHSUHQHXUV/);
    assert.doesNotMatch(reply.pages[0]?.text ?? '', /entrepreneurs/);
    assert.deepEqual(pagesWithoutText(reply), [1, 2]);
  });

  it('is reported like a scan: no text indexed, the message names the cause and OCR', async () => {
    await assert.rejects(
      parsePdf({ relativePath: 'docs/illisible.pdf', bytes }, testParseOptions),
      (error: unknown) =>
        error instanceof ParseError &&
        error.code === 'pdf_no_text' &&
        /texte illisible, police sans encodage utilisable/.test(error.message) &&
        /OCR/.test(error.message),
    );
  });

  it('a garbled page among readable ones is left out with a warning, the others indexed', async () => {
    const document = await parsePdf(
      {
        relativePath: 'docs/mixte.pdf',
        bytes: buildPdf({
          title: 'Note aux équipes',
          pages: [readable, readable],
          unencodedPages: [2],
        }),
      },
      testParseOptions,
    );
    assert.deepEqual(
      document.sections.map((section) => section.page),
      [1],
    );
    assert.equal(document.warnings.length, 1);
    assert.match(
      document.warnings[0]?.reason ?? '',
      /^page 2 au texte illisible \(police sans encodage utilisable : \d+ % de mots courants.*\) ; non indexée, à passer à l'OCR/,
    );
  });
});
