import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncSummary } from '../../ingest/pipeline.ts';
import { formatSummary } from '../../ingest/report.ts';

const summary: SyncSummary = {
  seen: 2,
  parsed: 2,
  unchanged: 0,
  rechecked: 0,
  removed: 0,
  failed: [],
  warnings: [
    {
      path: 'guides/calendrier.md',
      message: 'date illisible dans le front matter : « printemps » (attendu AAAA-MM-JJ)',
      line: 3,
      column: 1,
    },
    { path: 'guides/note.md', message: 'champ description : conteneur jamais fermé', line: 7 },
    { path: 'pdf/scan.pdf', message: 'page 2 sans texte extractible' },
  ],
  sectionsWritten: 4,
  ocr: { recognised: 3, cached: 2, durationMs: 4500 },
  programme: [{ root: 'corpus', defis: 71, matched: 21, persons: 260, withdrawn: 1 }],
  durationMs: 1200,
  peakRssBytes: 50 * 1024 * 1024,
};

describe('formatSummary', () => {
  it('names each warning’s place as path:line:column, as editors link it', () => {
    const lines = formatSummary(summary).split('\n');
    assert.ok(
      lines.includes(
        '  - guides/calendrier.md:3:1: date illisible dans le front matter : « printemps » (attendu AAAA-MM-JJ)',
      ),
    );
    assert.ok(lines.includes('  - guides/note.md:7: champ description : conteneur jamais fermé'));
    assert.ok(lines.includes('  - pdf/scan.pdf: page 2 sans texte extractible'));
  });

  it('says how many PDF pages were read by OCR, how many came from its cache, and the time', () => {
    const lines = formatSummary(summary).split('\n');
    assert.ok(
      lines.some((line) => /^ {2}pages lues par OCR +: 3 \(4,5 s\), 2 depuis le cache$/.test(line)),
    );
  });

  it('says how many files were read again after an interrupted ingestion, only when some were', () => {
    assert.doesNotMatch(formatSummary(summary), /revérifiés/);
    const lines = formatSummary({ ...summary, rechecked: 2 }).split('\n');
    assert.ok(
      lines.some((line) => /^ {2}revérifiés \(ingestion interrompue\) +: 2$/.test(line)),
      lines.join('\n'),
    );
  });

  it('says nothing of OCR when no page needed it', () => {
    const text = formatSummary({ ...summary, ocr: { recognised: 0, cached: 0, durationMs: 0 } });
    assert.doesNotMatch(text, /OCR/);
  });

  it('counts the défis of the programme’s data (on their page or not) and the people, and who asked to be removed', () => {
    const lines = formatSummary(summary).split('\n');
    assert.ok(
      lines.some((line) =>
        /^ {2}défis \(corpus\/data\) +: 71, dont 21 sur leur page et 50 sans page$/.test(line),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) =>
        /^ {2}personnes \(corpus\/data\) +: 260, 1 retirée\(s\) à leur demande$/.test(line),
      ),
      lines.join('\n'),
    );
  });

  it('says nothing of the programme’s data when no content folder has any', () => {
    assert.doesNotMatch(formatSummary({ ...summary, programme: [] }), /défis|personnes/);
  });
});
