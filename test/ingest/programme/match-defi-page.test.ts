import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchDefiPage } from '../../../ingest/programme/match-defi-page.ts';
import { parseProgrammeData } from '../../../ingest/programme/programme-data.ts';

const data = parseProgrammeData({
  defis: `
EIG Link 2018:
  title: EIG Link
  link_to: /defis/2018/eiglink.html
  year: 2018
  promotion: 2
  administration: Etalab
  eigs: [A]
EIG Link 2019:
  title: EIG Link
  link_to: /defis/2019/eiglink.html
  year: 2019
  promotion: 3
  administration: DINSIC
  eigs: [B]
Archifiltre:
  title: Archifiltre
  link_to: /defis/2018/archifiltre.html
  year: 2018
  promotion: 2
  administration: Ministères sociaux
  eigs: [C]
MI - matchID:
  title: MI - matchID
  link_to: /defis/2017/mi-matchid.html
  year: 2017
  promotion: 1
  administration: Ministère de l’Intérieur
  eigs: [D]
`,
})?.defis;
assert.ok(data);
const keyOf = (page: Parameters<typeof matchDefiPage>[0]) =>
  matchDefiPage(page, data)?.defi.fields.key;

describe('matchDefiPage', () => {
  it('matches a page to its link_to by file name without the date, in the same year', () => {
    assert.equal(
      keyOf({
        relativePath: 'defis/2018-01-01-archifiltre.md',
        title: 'Autre titre',
        date: '2018-01-01',
      }),
      'Archifiltre',
    );
    assert.equal(
      keyOf({
        relativePath: 'defis/2019-01-01-archifiltre.md',
        title: 'Autre titre',
        date: '2019-01-01',
      }),
      undefined,
    );
  });

  it('matches by permalink, and tells two défis of one name apart by the promotion', () => {
    assert.equal(
      keyOf({
        relativePath: 'seeds/001.md',
        title: 'EIG Link : accompagner',
        permalink: 'eiglink',
        promotion: 'EIG 2',
      }),
      'EIG Link 2018',
    );
    assert.equal(
      keyOf({
        relativePath: 'seeds/001.md',
        title: 'EIG Link : accompagner',
        permalink: 'eiglink',
        promotion: 'EIG 3',
      }),
      'EIG Link 2019',
    );
  });

  it('says how it matched: file name, then permalink, then title', () => {
    assert.equal(
      matchDefiPage(
        { relativePath: 'defis/2018-01-01-archifiltre.md', title: 'x', date: '2018-01-01' },
        data,
      )?.by,
      'file',
    );
    assert.equal(
      matchDefiPage(
        { relativePath: 'seeds/001.md', title: 'x', permalink: 'eiglink', promotion: 'EIG 2' },
        data,
      )?.by,
      'permalink',
    );
    assert.equal(
      matchDefiPage({ relativePath: 'x/y.md', title: 'Archifiltre' }, data)?.by,
      'title',
    );
  });

  it('matches by title, accents and punctuation aside', () => {
    assert.equal(keyOf({ relativePath: 'x/matchid.md', title: 'MI – matchID' }), 'MI - matchID');
  });

  it('leaves a page unmatched rather than take another year’s défi of the same name', () => {
    assert.equal(
      keyOf({ relativePath: 'seeds/000.md', title: 'EIG Link', date: '2021-05-21' }),
      undefined,
    );
    assert.equal(keyOf({ relativePath: 'seeds/000.md', title: 'EIG Link' }), undefined);
  });
});
