import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { h } from 'preact';
import { parse as parseCsv } from 'csv-parse/sync';
import { tableToCsv } from '../../../src/web/analytics/analytics-csv.ts';
import {
  analyticsTables,
  type SearchAnalyticsView,
} from '../../../src/web/analytics/search-analytics-view.ts';
import { DayChart, niceCeiling, rateCeiling } from '../../../src/web/components/day-chart.tsx';

const view: SearchAnalyticsView = {
  days: 7,
  totals: {
    searches: 8,
    zeroResult: 2,
    zeroResultRate: 0.25,
    clicks: 3,
    clickThroughRate: 0.5,
    meanClickedRank: 1.5,
    feedbackYes: 3,
    feedbackNo: 4,
  },
  topQueries: [
    {
      key: 'licence',
      query: 'licence',
      searches: 5,
      zeroResult: 0,
      clicks: 3,
      clickThroughRate: 0.6,
      meanClickedRank: 1.5,
    },
  ],
  zeroResultQueries: [
    { key: 'quasar; "bleu"', query: 'quasar; "bleu"', searches: 1, handled: false },
    { key: '=cmd', query: '=cmd', searches: 1, handled: true },
  ],
  unclickedQueries: [{ key: 'cloud', query: 'cloud', searches: 1 }],
  filters: [{ filter: 'topic', value: 'open-source', searches: 2 }],
  feedback: [
    { url: '/ressources/guides-licences', title: 'Choisir une licence', yes: 0, no: 3, noRate: 1 },
    { url: '/ressources/guides-heberger', yes: 3, no: 1, noRate: 0.25 },
  ],
  perDay: [
    { day: '2026-11-20', searches: 0, zeroResult: 0, zeroResultRate: null },
    { day: '2026-11-21', searches: 8, zeroResult: 2, zeroResultRate: 0.25 },
  ],
};

const labels = (filter: string, value: string) => ({
  filter: filter === 'topic' ? 'Thème' : filter,
  value: value === 'open-source' ? 'Logiciel libre' : value,
});

describe('analytics tables', () => {
  it('say rates and ranks in French, and « sans objet » for a day nobody searched', () => {
    const tables = analyticsTables(view, labels);
    const byName = new Map(tables.map((table) => [table.name, table]));
    assert.deepEqual(byName.get('frequentes')?.rows, [
      ['licence', '5', '0', '3', '60\u00a0%', '1,5'],
    ]);
    assert.deepEqual(byName.get('par-jour')?.rows, [
      ['20/11/2026', '0', '0', 'sans objet'],
      ['21/11/2026', '8', '2', '25\u00a0%'],
    ]);
    assert.deepEqual(byName.get('filtres')?.rows, [['Thème', 'Logiciel libre', '2']]);
    assert.deepEqual(byName.get('avis')?.rows, [
      ['Choisir une licence', '/ressources/guides-licences', '3', '0', '100\u00a0%'],
      // A page whose resource is no longer indexed keeps its row, named as such.
      ['ressource qui n’est plus indexée', '/ressources/guides-heberger', '1', '3', '25\u00a0%'],
    ]);
    assert.deepEqual(byName.get('sans-resultat')?.rows, [
      ['quasar; "bleu"', '1', 'à traiter'],
      ['=cmd', '1', 'traitée'],
    ]);
  });
});

/** The rows of our CSV, read by a CSV parser (the byte order mark skipped). */
function readCsv(text: string): string[][] {
  return parseCsv(text.slice(1), { delimiter: ';' });
}

describe('tableToCsv', () => {
  const table = analyticsTables(view, labels).find((one) => one.name === 'sans-resultat');
  assert.ok(table !== undefined);
  const csv = tableToCsv(table);

  it('starts with a byte order mark and separates fields with « ; », lines with CRLF', () => {
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.equal(csv.slice(1).split('\r\n')[0], 'Recherche;Recherches;État');
  });

  it('reads back as the same cells, quotes and separators included', () => {
    const rows = readCsv(csv);
    assert.deepEqual(rows[0], table.columns);
    assert.deepEqual(rows[1], ['quasar; "bleu"', '1', 'à traiter']);
  });

  it('keeps a query that looks like a formula from running in a spreadsheet', () => {
    const rows = readCsv(csv);
    assert.deepEqual(rows[2], ["'=cmd", '1', 'traitée']);
  });
});

describe('DayChart', () => {
  const svg = render(
    h(DayChart, {
      id: 'essai',
      title: 'Recherches par jour',
      description: '8 recherches du 20/11/2026 au 21/11/2026.',
      kind: 'line',
      points: view.perDay.map((day) => ({ day: day.day, value: day.zeroResultRate })),
      max: rateCeiling(0.25),
      formatValue: String,
    }),
  );

  it('is an image named by its title and described in words', () => {
    assert.match(svg, /^<svg[^>]* role="img"[^>]* aria-labelledby="essai-titre essai-description"/);
    assert.match(svg, /<title id="essai-titre">Recherches par jour<\/title>/);
    assert.match(svg, /<desc id="essai-description">8 recherches du 20\/11\/2026/);
  });

  it('draws nothing for a day without a value: one dot for the one day with a rate', () => {
    assert.equal(svg.match(/<circle /g)?.length, 1);
  });

  it('rounds its scale up to 1, 2 or 5 × 10ⁿ, and a rate to 10, 20, 50 or 100 %', () => {
    assert.deepEqual([0, 3, 12, 48, 51, 1000].map(niceCeiling), [1, 5, 20, 50, 100, 1000]);
    assert.deepEqual([0, 0.1, 0.25, 0.7].map(rateCeiling), [0.1, 0.1, 0.5, 1]);
  });
});
