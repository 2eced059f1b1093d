import type { IndexingProgress } from '../../health/content-sync.ts';

const count = new Intl.NumberFormat('fr-FR');

/**
 * The page-wide notice while the first indexing since start runs: search already answers
 * from what is indexed, so people learn why a result may be missing. Server-rendered (a
 * reload shows the progress); a status, so that assistive technologies read it politely.
 */
export function IndexingNotice({ progress }: { progress: IndexingProgress }) {
  const files = `${count.format(progress.done)} ${progress.done > 1 ? 'fichiers' : 'fichier'} sur ${count.format(progress.total)}`;
  return (
    <div class="fr-notice fr-notice--info" role="status" id="indexation-en-cours">
      <div class="fr-container">
        <div class="fr-notice__body">
          <p>
            <span class="fr-notice__title">Indexation en cours ({files})</span>{' '}
            <span class="fr-notice__desc">
              La recherche répond déjà avec les contenus indexés ; ses résultats seront complets à
              la fin de l’indexation.
            </span>
          </p>
        </div>
      </div>
    </div>
  );
}
