/**
 * « Copier le lien » under a heading: a plain link to its anchor without JavaScript, which
 * copy-link.js turns into a copy of the full address. Same markup as the links highlight.ts
 * adds to a resource's rendered body.
 */
export function CopyLink(props: { id: string; heading: string }) {
  return (
    <p class="rp-copy-link">
      <a class="fr-link fr-link--sm" href={`#${props.id}`} data-copy-link="">
        Copier le lien<span class="fr-sr-only"> vers la section « {props.heading} »</span>
      </a>
    </p>
  );
}

/** Where copy-link.js announces « Lien copié » (empty on load: nothing is read twice). */
export function CopyLinkStatus() {
  return (
    <p id="rp-copy-status" class="fr-sr-only" role="status" aria-live="polite" aria-atomic="true" />
  );
}
