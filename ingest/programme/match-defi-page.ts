import type { DefiMatch } from '../../src/content/programme-fields.ts';
import { baseName, dateFromFileName } from '../parsers/metadata.ts';
import type { ParsedDocument } from '../parsers/types.ts';
import { nameKey, type ProgrammeDefi } from './programme-data.ts';

/**
 * Which défi of the data a défi page is: by the page's address on the programme's site
 * (`link_to: /defis/2018/archifiltre.html` ↔ `defis/2018-01-01-archifiltre.md` or
 * `permalink: archifiltre`), else by its title. Several défis share a name (EIG Link, three
 * years running): the year, or else the promotion, must then agree; when nothing tells them
 * apart the page stays unmatched rather than take another year's team.
 */

/** What a page says of itself. */
export interface DefiPageKeys {
  relativePath: string;
  title: string;
  permalink?: string;
  /** ISO date of the page (front matter or file name). */
  date?: string;
  promotion?: string;
}

/** The keys of a parsed défi page. */
export function pageKeysOf(relativePath: string, parsed: ParsedDocument): DefiPageKeys {
  const date = parsed.date ?? dateFromFileName(relativePath);
  return {
    relativePath,
    title: parsed.title,
    ...(parsed.permalink === undefined ? {} : { permalink: parsed.permalink }),
    ...(date === undefined ? {} : { date }),
    ...(parsed.promotion === undefined ? {} : { promotion: parsed.promotion }),
  };
}

/** `/defis/2018/archifiltre.html` → year 2018, slug `archifiltre`. */
function linkOf(linkTo: string | undefined): { year?: number; slug: string } | undefined {
  if (linkTo === undefined) return undefined;
  const parts = linkTo
    .replace(/\.html?$/i, '')
    .split('/')
    .filter(Boolean);
  const slug = nameKey(parts.at(-1) ?? '');
  if (slug === '') return undefined;
  const year = parts.map(Number).find((part) => Number.isInteger(part) && part > 1999);
  return year === undefined ? { slug } : { year, slug };
}

/** The page's file name without the date, as a slug. */
function fileSlug(page: DefiPageKeys): string {
  return nameKey(
    baseName(page.relativePath)
      .replace(/\.[^.]+$/, '')
      .replace(/^\d{2,4}-\d{2}-\d{2}[-_]/, ''),
  );
}

/** The last part of the page's permalink, as a slug. */
function permalinkSlug(page: DefiPageKeys): string | undefined {
  const last = page.permalink
    ?.replace(/\.html?$/i, '')
    .split('/')
    .filter(Boolean)
    .at(-1);
  return last === undefined ? undefined : nameKey(last);
}

/** The one candidate of the page's year (or promotion) when several, or when the page is dated. */
function disambiguate(page: DefiPageKeys, candidates: ProgrammeDefi[]): ProgrammeDefi | undefined {
  if (candidates.length === 0) return undefined;
  const year = page.date === undefined ? undefined : Number(page.date.slice(0, 4));
  if (year !== undefined) {
    const sameYear = candidates.filter(
      (defi) => (linkOf(defi.fields.linkTo)?.year ?? defi.fields.year) === year,
    );
    return sameYear.length === 1 ? sameYear[0] : undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const samePromotion = candidates.filter((defi) => defi.fields.promotion === page.promotion);
  return samePromotion.length === 1 ? samePromotion[0] : undefined;
}

/** The défi of the data this page is, and how it was told, or undefined. */
export function matchDefiPage(
  page: DefiPageKeys,
  defis: readonly ProgrammeDefi[],
): { defi: ProgrammeDefi; by: DefiMatch } | undefined {
  const linkedTo = (slug: string | undefined): ProgrammeDefi[] =>
    slug === undefined || slug === ''
      ? []
      : defis.filter((defi) => linkOf(defi.fields.linkTo)?.slug === slug);
  const title = nameKey(page.title);
  const ways: [DefiMatch, ProgrammeDefi[]][] = [
    ['file', linkedTo(fileSlug(page))],
    ['permalink', linkedTo(permalinkSlug(page))],
    [
      'title',
      defis.filter((defi) => nameKey(defi.title) === title || nameKey(defi.fields.key) === title),
    ],
  ];
  for (const [by, candidates] of ways) {
    const defi = disambiguate(page, candidates);
    if (defi !== undefined) return { defi, by };
  }
  return undefined;
}
