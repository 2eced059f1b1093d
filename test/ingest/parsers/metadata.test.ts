import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateFromFileName,
  humaniseFileName,
  readDate,
  readJoined,
  readStringList,
  readSummary,
} from '../../../ingest/parsers/metadata.ts';

describe('front matter values', () => {
  it('reads a date from a Date, an ISO string or a Jekyll timestamp', () => {
    assert.equal(readDate(new Date('2018-11-14T00:00:00Z')), '2018-11-14');
    assert.equal(readDate('2021-05-21T19:07:47.411Z'), '2021-05-21');
    assert.equal(readDate('2020-12-18 10:00:00 +0100'), '2020-12-18');
    assert.equal(readDate('2018-02-30'), undefined);
    assert.equal(readDate('printemps 2019'), undefined);
  });

  it('reads the date of a file name, YYYY-MM-DD or YY-MM-DD', () => {
    assert.equal(dateFromFileName('_defis/2018-01-01-gobelins.md'), '2018-01-01');
    assert.equal(dateFromFileName('_posts/18-11-14-logiciel-libre.md'), '2018-11-14');
    assert.equal(dateFromFileName('guides/2018-13-01-x.md'), undefined);
    assert.equal(dateFromFileName('guides/securite.md'), undefined);
  });

  it('reads a list from a YAML list or a comma string', () => {
    assert.deepEqual(readStringList(['Design', ' Développement ', '', 3]), [
      'Design',
      'Développement',
      '3',
    ]);
    assert.deepEqual(readStringList('open-source, juridique ,'), ['open-source', 'juridique']);
    assert.deepEqual(readStringList(undefined), []);
  });

  it('joins a list of organisations', () => {
    assert.equal(readJoined(['DINUM', 'Etalab']), 'DINUM, Etalab');
    assert.equal(readJoined('  DINUM \n (Etalab) '), 'DINUM (Etalab)');
    assert.equal(readJoined([]), undefined);
  });

  it('takes a short description as summary, not a Markdown body', () => {
    assert.equal(readSummary({ description: 'Un résumé court.' }), 'Un résumé court.');
    assert.equal(readSummary({ description: '## Le défi\n\nUn long texte.' }), undefined);
    assert.equal(readSummary({ summary: 'Résumé', description: 'Autre' }), 'Résumé');
    assert.equal(readSummary({ excerpt: 'Extrait' }), 'Extrait');
  });

  it('makes a title of a file name', () => {
    assert.equal(humaniseFileName('posts/18-11-14-logiciel-libre.md'), 'Logiciel libre');
    assert.equal(humaniseFileName('pdf/EIG_VisionDefi.pdf'), 'EIG VisionDefi');
  });
});
