import type { Request } from 'express';
import type { z } from 'zod';
import { MAX_QUERY_LENGTH, type SearchQuery } from '../search/search-query.ts';
import { formatIssues } from '../validation/format-issues.ts';
import type { SearchState } from './urls.ts';

/** The query string of the list pages (results, resources, community): messages and page state. */

const parameterNames: Record<string, string> = {
  q: 'mots recherchés',
  topic: 'thématique',
  type: 'type de document',
  promotion: 'promotion',
  organisation: 'administration',
  administration: 'administration',
  competence: 'compétence',
  profil: 'profil',
  page: 'page',
  limit: 'nombre de résultats par page',
  group: 'regroupement',
};

/** One French sentence per invalid parameter. */
export function describeIssues(error: z.ZodError): string {
  return formatIssues(error, {
    name: (path) => parameterNames[path] ?? path,
    root: 'requête',
    positions: false,
    line: (name, message) => `Paramètre « ${name} » : ${message}.`,
  }).join(' ');
}

/** What the page can show of the raw query string when it is invalid. */
export function rawState(query: Request['query']): SearchState {
  const q = typeof query['q'] === 'string' ? query['q'].slice(0, MAX_QUERY_LENGTH) : '';
  return { q, topic: [], type: [], promotion: [], administration: [], competence: [], page: 1 };
}

/** The page's state; `limit` only when the address set it, so that links keep it. */
export function stateOf(
  query: Pick<
    SearchQuery,
    'q' | 'topic' | 'type' | 'promotion' | 'administration' | 'competence' | 'page' | 'limit'
  > &
    Partial<Pick<SearchQuery, 'sort'>>,
  req: Request,
): SearchState {
  const { q, topic, type, promotion, administration, competence, page, limit } = query;
  return {
    q,
    topic,
    type,
    promotion,
    administration,
    competence,
    page,
    ...(req.query['limit'] === undefined ? {} : { limit }),
    ...(query.sort === 'date' ? { sort: 'date' as const } : {}),
  };
}
