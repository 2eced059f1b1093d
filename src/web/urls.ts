/** Page addresses, built from values (never by pasting user input into HTML). */

export interface SearchState {
  q: string;
  topic: string[];
  type: string[];
  promotion: string[];
  /** Host administrations of défis (the resources' `organisation`). */
  administration: string[];
  /** Skill codes of défis (`dev`, `design`…). */
  competence: string[];
  page: number;
  /** Hits per page, kept in links only when the address gave one. */
  limit?: number;
  /** `date`: newest first; absent: by relevance (the default, left out of links). */
  sort?: 'date';
}

export type FilterKey = 'topic' | 'type' | 'promotion' | 'administration' | 'competence';
export const filterKeys: readonly FilterKey[] = [
  'topic',
  'type',
  'promotion',
  'administration',
  'competence',
];

/** `path?q=…&topic=a&topic=b&page=2`, leaving out empty values and page 1. */
export function listUrl(path: string, state: Partial<SearchState>): string {
  const params = new URLSearchParams();
  if (state.q !== undefined && state.q !== '') params.set('q', state.q);
  for (const key of filterKeys) for (const value of state[key] ?? []) params.append(key, value);
  if (state.page !== undefined && state.page > 1) params.set('page', String(state.page));
  if (state.limit !== undefined) params.set('limit', String(state.limit));
  if (state.sort !== undefined) params.set('sort', state.sort);
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

export function searchUrl(state: Partial<SearchState>): string {
  return listUrl('/recherche', state);
}

/** The state with one filter value added or removed, back on page 1. */
export function toggleFilter(state: SearchState, key: FilterKey, value: string): SearchState {
  const values = state[key];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return { ...state, [key]: next, page: 1 };
}

/**
 * Adds `?q=` (the words to mark) and `retour=` (the results page to go back to) to a
 * resource page link, before its #fragment.
 */
export function withHighlight(url: string, q: string, back?: string): string {
  if ((q === '' && back === undefined) || !url.startsWith('/ressources/')) return url;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const params = new URLSearchParams();
  if (q !== '') params.set('q', q);
  if (back !== undefined) params.set('retour', back);
  return `${base}?${params.toString()}${fragment}`;
}

/**
 * The `retour` parameter of a resource page: a results page of this site (`/recherche`,
 * with its query string), rebuilt from its parsed parts; undefined for anything else, so
 * that the « Retour aux résultats » link can never lead off the site.
 */
export function resultsReturnUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048 || !value.startsWith('/recherche')) {
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://reperes.invalid');
  } catch {
    return undefined;
  }
  if (parsed.origin !== 'http://reperes.invalid' || parsed.pathname !== '/recherche') {
    return undefined;
  }
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * A link read from the index, kept only when it stays on this site (a path, not
 * `//host` nor `javascript:`), else the fallback: defence in depth, as Preact escapes
 * attributes but does not vet URLs.
 */
export function internalHref(url: string, fallback: string): string {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : fallback;
}
