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
