import type { ComponentChildren } from 'preact';

/** A group of filter values as DSFR tags: selected ones can be dismissed, others added. */

export interface FacetValue {
  value: string;
  label: string;
  count?: number;
  selected: boolean;
  /** Where the link goes: the same list with this value toggled. */
  href: string;
}

export function FacetTags(props: {
  id: string;
  title: string;
  values: FacetValue[];
  /**
   * Values shown at first (the selected ones always are); the others fold under a
   * disclosure that works without JavaScript. All of them when absent.
   */
  visible?: number;
}) {
  if (props.values.length === 0) return null;
  const titleId = `filtre-${props.id}`;
  const visible = Math.max(
    props.visible ?? props.values.length,
    props.values.filter((value) => value.selected).length,
  );
  const first = props.values.slice(0, visible);
  const more = props.values.slice(visible);
  return (
    <div class="rp-facet">
      <h3 class="rp-facet__title" id={titleId}>
        {props.title}
      </h3>
      <ul class="fr-tags-group" aria-labelledby={titleId}>
        {first.map((value) => (
          <FacetTag value={value} key={value.value} />
        ))}
      </ul>
      {more.length === 0 ? null : (
        <details class="rp-facet__more">
          <summary class="fr-link fr-link--sm">
            {`${more.length} autre${more.length > 1 ? 's' : ''} : ${props.title.toLowerCase()}`}
          </summary>
          <ul class="fr-tags-group" aria-labelledby={titleId}>
            {more.map((value) => (
              <FacetTag value={value} key={value.value} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function FacetTag({ value }: { value: FacetValue }) {
  return (
    <li>
      {value.selected ? (
        <a
          class="fr-tag fr-tag--sm fr-tag--dismiss"
          href={value.href}
          aria-label={`Retirer le filtre ${value.label}`}
        >
          {value.label}
        </a>
      ) : (
        <a class="fr-tag fr-tag--sm" href={value.href}>
          {value.label}
          {value.count === undefined ? null : <span class="rp-count">&nbsp;({value.count})</span>}
        </a>
      )}
    </li>
  );
}

/** « (2 actifs) » after the toggle's label; nothing when no filter applies. */
function activeCount(active: number): string {
  return active === 0 ? '' : ` (${active} actif${active > 1 ? 's' : ''})`;
}

/**
 * The filters block: a disclosure that filters.js folds on small screens (results first)
 * and that wide screens always show, without its toggle.
 */
export function FiltersPanel(props: {
  title: string;
  active: number;
  children: ComponentChildren;
}) {
  return (
    <details class="rp-filters" open>
      <summary class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-filter-line fr-btn--icon-left">
        {/* The one that fits the panel's state is shown (site.css), with or without JavaScript. */}
        <span class="rp-filters__when-open">Masquer les filtres{activeCount(props.active)}</span>
        <span class="rp-filters__when-closed">Afficher les filtres{activeCount(props.active)}</span>
      </summary>
      <section class="rp-facets" aria-labelledby="filtres-titre">
        <h2 class="fr-h6 fr-mb-2w" id="filtres-titre">
          {props.title}
        </h2>
        {props.children}
      </section>
    </details>
  );
}
