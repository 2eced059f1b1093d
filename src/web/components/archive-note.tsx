import type { ArchiveInfo } from '../../content/model.ts';
import { formatDate } from '../labels.ts';

/** « Archivé »: a resource kept for the record, found after the current ones. */

/** The badge of an archived resource, in hits and on its page. */
export function ArchivedBadge(props: { small?: boolean }) {
  return (
    <span
      class={`fr-badge${props.small === true ? ' fr-badge--sm' : ''} fr-badge--no-icon rp-archived-badge`}
    >
      Archivé
    </span>
  );
}

/** Why a resource is archived, in one French sentence. */
export function archiveSentence(archive: ArchiveInfo | undefined): string {
  const date = archive?.date === undefined ? undefined : formatDate(archive.date);
  switch (archive?.reason) {
    case 'offer-filled':
      return 'Cette offre a été pourvue.';
    case 'offer-closes':
      return date === undefined
        ? 'Les candidatures à cette offre sont closes.'
        : `Les candidatures à cette offre étaient ouvertes jusqu’au ${date}.`;
    case 'expires':
      return date === undefined
        ? 'Ce contenu a expiré.'
        : `Ce contenu était valable jusqu’au ${date}.`;
    default:
      return 'Ce contenu a été archivé par ses auteurs.';
  }
}

/** The notice at the top of an archived resource's page (as the freshness one, review-note.tsx). */
export function ArchivedNotice(props: { archive: ArchiveInfo | undefined }) {
  return (
    <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w rp-archived-notice">
      <h2 class="fr-alert__title">Contenu archivé</h2>
      <p>
        {archiveSentence(props.archive)} Cette page est conservée pour mémoire : elle peut ne plus
        être d’actualité.
      </p>
    </div>
  );
}
