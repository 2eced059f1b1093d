import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
} from 'meilisearch';

/** True when the error means Meilisearch could not be reached (down, timed out, restarting). */
export function isEngineUnreachable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return true;
  }
  // An index missing while a deployment (re)builds is also "not available yet".
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}

/**
 * Meilisearch refuses a query the service always sends (a sort, a filter, a facet…) on an
 * index whose settings are not applied yet: a new index, while its first sync runs.
 */
const settingsNotApplied = new Set([
  'invalid_search_sort',
  'invalid_search_filter',
  'invalid_search_facets',
  'invalid_search_distinct',
  'invalid_search_attributes_to_search_on',
]);

/** True when the error means the index exists but its settings are not applied yet. */
export function isIndexNotReady(error: unknown): boolean {
  return (
    error instanceof MeilisearchApiError &&
    error.cause?.code !== undefined &&
    settingsNotApplied.has(error.cause.code)
  );
}
