import { ReperesError } from './reperes-error.ts';

/** Meilisearch cannot be reached (down, timed out, restarting); the cause says how. */
export class SearchUnavailableError extends ReperesError {
  override name = 'SearchUnavailableError';
  constructor(
    options?: ErrorOptions,
    /** Written for clients: it must not name internal addresses nor quote the cause. */
    message = 'Le moteur de recherche est momentanément indisponible. Réessayez dans quelques instants.',
  ) {
    super('search_unavailable', message, options);
  }
}
