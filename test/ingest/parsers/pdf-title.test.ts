import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePdf } from '../../../ingest/parsers/pdf.ts';
import {
  choosePdfTitle,
  implausibleTitleReason,
  largestText,
  readableFileName,
  type TextRun,
} from '../../../ingest/parsers/pdf-title.ts';
import { buildPdf } from '../../helpers/pdf-builder.ts';
import { testParseOptions } from './options.ts';

describe('implausibleTitleReason', () => {
  it('refuses the template, tool and file names found in EIG PDFs', () => {
    const cases: [string, string][] = [
      ['Titre du défi + slogan', 'template'],
      ['Défi Alphabet', 'template'],
      ['Templates_Vision_EIG4', 'template'],
      ['Présentation PowerPoint', 'tool'],
      ['Diapositive 1', 'tool'],
      ['Microsoft Word - rapport_final.docx', 'tool'],
      ['Untitled', 'generic'],
      ['Sans titre', 'generic'],
      ['restitution-finale.pptx', 'file-name'],
      ['note_interne_v2', 'file-name'],
      ['  ', 'empty'],
      ['12', 'empty'],
    ];
    for (const [title, reason] of cases) {
      assert.equal(implausibleTitleReason(title), reason, title);
    }
  });

  it('accepts a title written by its author', () => {
    for (const title of [
      'Mini-guide du logiciel libre à l’usage des EIG',
      'Présentation du défi Lab Santé',
      'Guide du mentor',
    ]) {
      assert.equal(implausibleTitleReason(title), undefined, title);
    }
  });
});

describe('largestText', () => {
  const run = (text: string, size: number, endsLine = true): TextRun => ({ text, size, endsLine });

  it('is the first block in the largest size, its lines joined', () => {
    const runs = [
      run('Mini-guide pour', 24),
      run('l’ouverture du code', 24),
      run('Pourquoi ouvrir son code ?', 14),
      run('Pour contribuer aux biens communs numériques', 11),
      run('tous les systèmes d’information', 11),
    ];
    assert.equal(largestText(runs), 'Mini-guide pour l’ouverture du code');
  });

  it('is nothing when no text stands out from the body text', () => {
    assert.equal(largestText([run('Checklist', 12), run('Le poste est prêt', 12)]), undefined);
  });

  it('is nothing when the largest block is a paragraph', () => {
    assert.equal(largestText([run('mot '.repeat(40), 20), run('corps', 10)]), undefined);
  });
});

describe('choosePdfTitle', () => {
  const base = { firstPageText: 'NOM DU DÉFI\nTexte', relativePath: 'pdf/EIG_VisionDefi.pdf' };

  it('takes a plausible metadata title first', () => {
    assert.deepEqual(
      choosePdfTitle({ ...base, metadataTitle: 'Vision du défi', largestText: 'Grand titre' }),
      { title: 'Vision du défi', source: 'metadata' },
    );
  });

  it('else the largest text of page 1, unless it is a template heading', () => {
    assert.deepEqual(
      choosePdfTitle({
        ...base,
        metadataTitle: 'Titre du défi + slogan',
        largestText: 'Lab Santé',
      }),
      { title: 'Lab Santé', source: 'largest-text' },
    );
    assert.deepEqual(choosePdfTitle({ ...base, largestText: 'LE DÉFI' }), {
      title: 'EIG Vision Defi',
      source: 'file-name',
    });
  });

  it('else the file name made readable', () => {
    assert.equal(readableFileName('docs/restitution_finale-EIG3.pdf'), 'Restitution finale EIG3');
    assert.equal(readableFileName('pdf/EIG_VisionDefi.pdf'), 'EIG Vision Defi');
  });
});

describe('parsePdf › title of a built PDF', () => {
  it('a template metadata title gives way to the first line of page 1', async () => {
    const document = await parsePdf(
      {
        relativePath: 'docs/defi.pdf',
        bytes: buildPdf({
          title: 'Présentation PowerPoint',
          pages: [['Lab Santé : mieux orienter les patients', 'Le défi vise à simplifier.']],
        }),
      },
      testParseOptions,
    );
    assert.equal(document.title, 'Lab Santé : mieux orienter les patients');
    assert.equal(document.titleSource, 'first-line');
  });

  it('a plausible metadata title is kept', async () => {
    const document = await parsePdf(
      {
        relativePath: 'docs/defi.pdf',
        bytes: buildPdf({ title: 'Vision du défi Lab Santé', pages: [['Autre ligne', 'Texte.']] }),
      },
      testParseOptions,
    );
    assert.deepEqual(
      [document.title, document.titleSource],
      ['Vision du défi Lab Santé', 'metadata'],
    );
  });
});
