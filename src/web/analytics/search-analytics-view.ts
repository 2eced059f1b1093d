import type { AnalyticsWindow } from '../../analytics/analytics-response.ts';

/**
 * What the coordinators' analytics page shows, and its tables as data: the page renders
 * them and the CSV export writes them, so both always hold the same cells.
 */

/**
 * The figures of one window the page needs: the fields it reads of the aggregation's
 * report (`AnalyticsReport` of `GET /api/analytics`), so a report is passed as it is.
 */
export interface SearchAnalyticsView {
  days: AnalyticsWindow;
  totals: {
    searches: number;
    zeroResult: number;
    /** 0–1; null: no search. */
    zeroResultRate: number | null;
    clicks: number;
    /** Share of searches with results followed by a click, 0–1; null: none. */
    clickThroughRate: number | null;
    /** Mean rank (1 = first hit) of the clicked hits; null: no click. */
    meanClickedRank: number | null;
    /** Answers to « Cette page vous a-t-elle été utile ? ». */
    feedbackYes: number;
    feedbackNo: number;
  };
  topQueries: {
    key: string;
    query: string;
    searches: number;
    zeroResult: number;
    clicks: number;
    clickThroughRate: number | null;
    meanClickedRank: number | null;
  }[];
  zeroResultQueries: { key: string; query: string; searches: number; handled: boolean }[];
  unclickedQueries: { key: string; query: string; searches: number }[];
  filters: { filter: string; value: string; searches: number }[];
  /** Pages' feedback, the most « non » first; `noRate` 0–1; `title`: the resource's, when indexed. */
  feedback: { url: string; title?: string; yes: number; no: number; noRate: number }[];
  /** Every day of the window, oldest first, days without a search included. */
  perDay: { day: string; searches: number; zeroResult: number; zeroResultRate: number | null }[];
}

/** The tables, by the name the CSV export's `table` parameter takes. */
export const analyticsTableNames = [
  'indicateurs',
  'frequentes',
  'sans-resultat',
  'sans-clic',
  'filtres',
  'avis',
  'par-jour',
] as const;
export type AnalyticsTableName = (typeof analyticsTableNames)[number];

export interface AnalyticsTable {
  name: AnalyticsTableName;
  caption: string;
  columns: string[];
  /** Cells as shown on the page (French number formats). */
  rows: string[][];
}

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

export const formatCount = (value: number): string => integer.format(value);
export const formatRate = (value: number | null): string =>
  value === null ? 'sans objet' : percent.format(value);
export const formatRank = (value: number | null): string =>
  value === null ? 'sans objet' : decimal.format(value);

/** 2026-11-16 → 16/11/2026 (the table's day, short enough for a mobile column). */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** Every table of the page, in its order. */
export function analyticsTables(
  view: SearchAnalyticsView,
  /** A filter's value in words (a topic's label rather than its slug). */
  filterLabel: (filter: string, value: string) => { filter: string; value: string },
): AnalyticsTable[] {
  const { totals } = view;
  return [
    {
      name: 'indicateurs',
      caption: `Indicateurs sur ${view.days} jours`,
      columns: ['Indicateur', 'Valeur'],
      rows: [
        ['Recherches', formatCount(totals.searches)],
        ['Recherches sans résultat', formatCount(totals.zeroResult)],
        ['Taux de recherches sans résultat', formatRate(totals.zeroResultRate)],
        ['Clics sur un résultat', formatCount(totals.clicks)],
        ['Taux de clic', formatRate(totals.clickThroughRate)],
        ['Rang moyen du résultat cliqué', formatRank(totals.meanClickedRank)],
        ['Pages jugées utiles (« oui »)', formatCount(totals.feedbackYes)],
        ['Pages jugées inutiles (« non »)', formatCount(totals.feedbackNo)],
      ],
    },
    {
      name: 'frequentes',
      caption: 'Recherches les plus fréquentes',
      columns: ['Recherche', 'Recherches', 'Sans résultat', 'Clics', 'Taux de clic', 'Rang moyen'],
      rows: view.topQueries.map((row) => [
        row.query,
        formatCount(row.searches),
        formatCount(row.zeroResult),
        formatCount(row.clicks),
        formatRate(row.clickThroughRate),
        formatRank(row.meanClickedRank),
      ]),
    },
    {
      name: 'sans-resultat',
      caption: 'Recherches sans résultat',
      columns: ['Recherche', 'Recherches', 'État'],
      rows: view.zeroResultQueries.map((row) => [
        row.query,
        formatCount(row.searches),
        row.handled ? 'traitée' : 'à traiter',
      ]),
    },
    {
      name: 'sans-clic',
      caption: 'Recherches avec résultats mais sans clic',
      columns: ['Recherche', 'Recherches'],
      rows: view.unclickedQueries.map((row) => [row.query, formatCount(row.searches)]),
    },
    {
      name: 'filtres',
      caption: 'Filtres utilisés',
      columns: ['Filtre', 'Valeur', 'Recherches'],
      rows: view.filters.map((row) => {
        const label = filterLabel(row.filter, row.value);
        return [label.filter, label.value, formatCount(row.searches)];
      }),
    },
    {
      name: 'avis',
      caption: 'Pages jugées les moins utiles',
      columns: ['Page', 'Adresse', 'Non', 'Oui', 'Part de « non »'],
      rows: view.feedback.map((row) => [
        row.title ?? 'ressource qui n’est plus indexée',
        row.url,
        formatCount(row.no),
        formatCount(row.yes),
        formatRate(row.noRate),
      ]),
    },
    {
      name: 'par-jour',
      caption: 'Recherches par jour',
      columns: ['Jour', 'Recherches', 'Sans résultat', 'Taux sans résultat'],
      rows: view.perDay.map((day) => [
        formatDay(day.day),
        formatCount(day.searches),
        formatCount(day.zeroResult),
        formatRate(day.zeroResultRate),
      ]),
    },
  ];
}
