/** A level of the breadcrumb; without `href`, the page itself (the last one). */
export interface Crumb {
  label: string;
  href?: string;
}

/**
 * DSFR's breadcrumb, folded behind « Voir le fil d’Ariane » on small screens unless
 * `collapsible` is false.
 */
export function Breadcrumb({
  trail,
  collapsible = true,
}: {
  trail: Crumb[];
  collapsible?: boolean;
}) {
  const list = (
    <ol class="fr-breadcrumb__list">
      {trail.map((crumb) => (
        <li key={crumb.label}>
          {crumb.href === undefined ? (
            <a class="fr-breadcrumb__link" aria-current="page">
              {crumb.label}
            </a>
          ) : (
            <a class="fr-breadcrumb__link" href={crumb.href}>
              {crumb.label}
            </a>
          )}
        </li>
      ))}
    </ol>
  );
  return (
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
      {collapsible ? (
        <>
          <button
            type="button"
            class="fr-breadcrumb__button"
            aria-expanded="false"
            aria-controls="rp-breadcrumb"
          >
            Voir le fil d’Ariane
          </button>
          <div class="fr-collapse" id="rp-breadcrumb">
            {list}
          </div>
        </>
      ) : (
        list
      )}
    </nav>
  );
}
