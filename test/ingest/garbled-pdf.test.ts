import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Section } from '../../src/content/model.ts';
import { formatSummary } from '../../ingest/report.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('garbled');
after(() => dropIndexes(client, prefix));

const readable = [
  'Les entrepreneurs arrivent dans leur',
  'administration pour dix mois et',
  'travaillent avec les agents du service.',
];

describe('ingesting a PDF with a garbled page (a font without usable encoding)', () => {
  it('indexes its readable pages only, and the report lists the garbled page with a warning', async () => {
    const dir = await contentFolder({
      'note.pdf': buildPdf({
        title: 'Présentation PowerPoint',
        pages: [['Note aux équipes du défi', ...readable], readable],
        unencodedPages: [2],
      }),
    });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(summary.failed, []);
    assert.deepEqual(
      summary.warnings.map((warning) => warning.path),
      ['contenu/note.pdf'],
    );
    assert.match(
      formatSummary(summary),
      /^ {2}- contenu\/note\.pdf: page 2 au texte illisible \(police sans encodage utilisable : .*\) ; non indexée, à passer à l'OCR \(OCR=on\)$/m,
    );
    const sections = await client
      .index<Section>(`${prefix}-sections`)
      .getDocuments({ filter: 'resourceId = "contenu-note"', limit: 100 });
    assert.deepEqual(
      sections.results.map((section) => section.page),
      [1],
    );
    // The tool's name is no title: page 1's first line is.
    assert.equal(sections.results[0]?.title, 'Note aux équipes du défi');
  });
});
