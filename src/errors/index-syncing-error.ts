import { ReperesError } from './reperes-error.ts';

/** The indexes exist but do not hold the content folders yet (the first sync runs). */
export class IndexSyncingError extends ReperesError {
  override name = 'IndexSyncingError';
  constructor() {
    super(
      'index_syncing',
      "L'index est en cours de synchronisation avec les dossiers de contenu : la recherche sera prête à la fin de l'ingestion.",
    );
  }
}
