import type { ParseOptions } from '../../../ingest/parsers/index.ts';

/** The promotions table as in guides/promotions.yml, frozen here so tests do not move with it. */
const promotions = new Map([
  [2017, 'EIG 1'],
  [2018, 'EIG 2'],
  [2019, 'EIG 3'],
  [2020, 'EIG 4'],
  [2021, 'EIG 5'],
  [2022, 'EIG 6'],
  [2023, 'EIG 7'],
]);

/**
 * Parse options of the parser tests. PDFs are read by pdftotext, as in production (the
 * Docker image and CI install poppler-utils); pdf.js, the fallback, is compared with it in
 * pdf-extractors.test.ts.
 */
export const testParseOptions: ParseOptions = {
  pdfMaxPages: 20,
  promotionOfYear: (year) => promotions.get(year),
  pdfExtractor: 'pdftotext',
};
