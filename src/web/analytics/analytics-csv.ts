import { stringify } from 'csv-stringify/sync';
import type { AnalyticsTable } from './search-analytics-view.ts';

/**
 * One table of the analytics page as CSV for spreadsheets: UTF-8 with a byte order mark
 * (so that accents survive opening it), `;` between fields (what French spreadsheets
 * expect, the decimal separator being the comma), CRLF line ends, the same cells as the page.
 */

const byteOrderMark = '\uFEFF';

/**
 * A query typed by anyone may start like a formula (`=`, `+`, `-`, `@`): the cell is
 * prefixed with an apostrophe so that a spreadsheet shows it instead of running it.
 */
function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The CSV text of a table: header row, then its rows. */
export function tableToCsv(table: AnalyticsTable): string {
  const records = [table.columns, ...table.rows].map((row) => row.map(defuse));
  return byteOrderMark + stringify(records, { delimiter: ';', record_delimiter: 'windows' });
}
