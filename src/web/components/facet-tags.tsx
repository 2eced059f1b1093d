/** A group of filter values as DSFR tags: selected ones can be dismissed, others added. */

export interface FacetValue {
  value: string;
  label: string;
  count?: number;
  selected: boolean;
  /** Where the link goes: the same list with this value toggled. */
  href: string;
}

export function FacetTags(props: { id: string; title: string; values: FacetValue[] }) {
  if (props.values.length === 0) return null;
  const titleId = `filtre-${props.id}`;
  return (
    <div class="rp-facet">
      <h3 class="rp-facet__title" id={titleId}>
        {props.title}
      </h3>
      <ul class="fr-tags-group" aria-labelledby={titleId}>
        {props.values.map((value) => (
          <li key={value.value}>
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
                {value.count === undefined ? null : (
                  <span class="rp-count">&nbsp;({value.count})</span>
                )}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
