import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePdf } from '../../../ingest/parsers/pdf.ts';
import { normalisePdfText, pageHeading, titleFromText } from '../../../ingest/parsers/pdf-text.ts';
import { testParseOptions } from './options.ts';
import { buildPdf } from '../../helpers/pdf-builder.ts';

describe('normalisePdfText', () => {
  it('rejoins a word cut by a hyphen at the end of a line', () => {
    assert.equal(
      normalisePdfText('le code des logi-\nciels libres'),
      'le code des logiciels libres',
    );
  });

  it('joins a line that continues a sentence, keeps the others', () => {
    assert.equal(
      normalisePdfText('Pour contribuer aux biens\ncommuns numériques\nComprendre les licences'),
      'Pour contribuer aux biens communs numériques\nComprendre les licences',
    );
  });

  it('collapses spaces and tabs, keeps one blank line between paragraphs', () => {
    assert.equal(normalisePdfText('A  :\tOUI / NON \n\n\n\nB'), 'A : OUI / NON\n\nB');
  });
});

describe('PDF titles and headings', () => {
  it('takes the first line with words as title, not a page number nor a whole paragraph', () => {
    assert.equal(titleFromText('- 2 -\nChecklist arrivée\nTexte'), 'Checklist arrivée');
    assert.equal(titleFromText('12\n34'), undefined);
    assert.equal(titleFromText('x'.repeat(130)), undefined);
  });

  it('heads a page with its first line, shortened at a word, or "Page N"', () => {
    assert.equal(pageHeading('Introduction\nTexte', 3), 'Introduction');
    assert.equal(pageHeading('12', 4), 'Page 4');
    const long = pageHeading(`${'mot '.repeat(40)}fin`, 1);
    assert.ok(long.length <= 80 && long.endsWith('mot…'), long);
  });
});

describe('parsePdf', () => {
  const pdf = buildPdf({ title: 'Note', pages: [['Une note', 'Avec du texte.']] });

  it('reads several PDFs at once, each with its own text', async () => {
    const files = ['un', 'deux', 'trois'].map((word) => ({
      relativePath: `docs/${word}.pdf`,
      bytes: buildPdf({ pages: [[`Le document ${word}`, 'Contenu.']] }),
    }));
    const documents = await Promise.all(files.map((each) => parsePdf(each, testParseOptions)));
    assert.deepEqual(
      documents.map((document) => document.title),
      ['Le document un', 'Le document deux', 'Le document trois'],
    );
  });

  it('leaves the caller its bytes', async () => {
    const bytes = Buffer.from(pdf);
    await parsePdf({ relativePath: 'docs/copie.pdf', bytes }, testParseOptions);
    assert.ok(bytes.equals(pdf));
  });
});
