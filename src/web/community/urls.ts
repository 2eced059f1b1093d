/** Addresses of the community pages, and the outside links the programme's data gives. */

/** The programme's site: the data's relative links (`/docs/…`) point there. */
export const programmeSite = 'https://entrepreneur-interet-general.etalab.gouv.fr';

/** `/communaute/<slug>`: a person's page. */
export function personUrl(slug: string): string {
  return `/communaute/${encodeURIComponent(slug)}`;
}

/** The filters of the community list. */
export interface CommunityState {
  profil: string[];
  promotion: string[];
  competence: string[];
  page: number;
}

export const communityFilterKeys = ['profil', 'promotion', 'competence'] as const;
export type CommunityFilterKey = (typeof communityFilterKeys)[number];

/** `/communaute?profil=…&promotion=…&competence=…&page=2`, leaving out empty values and page 1. */
export function communityUrl(state: Partial<CommunityState>): string {
  const params = new URLSearchParams();
  for (const key of communityFilterKeys)
    for (const value of state[key] ?? []) params.append(key, value);
  if (state.page !== undefined && state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query === '' ? '/communaute' : `/communaute?${query}`;
}

/**
 * An outside link from the data, absolute and http(s) only (a `javascript:` address is
 * dropped): a path is read on the programme's site, where the data comes from.
 */
export function publicHref(url: string | undefined): string | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  try {
    const resolved = new URL(url.trim(), programmeSite);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:'
      ? resolved.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** `github.com/louptheron`: a link's address as people read it, without the scheme. */
export function displayUrl(href: string): string {
  return href.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
}
