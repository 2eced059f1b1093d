import { ReperesError } from './reperes-error.ts';

/** Meilisearch answers but the deployment's indexes do not exist yet (first ingestion). */
export class IndexMissingError extends ReperesError {
  override name = 'IndexMissingError';
  constructor(
    /** The missing index names: for the log, not for clients. */
    readonly indexes: string[],
  ) {
    super(
      'index_missing',
      "Les index de recherche n'existent pas encore : l'ingestion n'a pas encore abouti.",
    );
  }
}
