import { filterKeys, type FilterKey, type SearchState } from '../urls.ts';

/** The main search bar (DSFR, large): a plain GET form that works without JavaScript. */
export function SearchForm(props: {
  id: string;
  q: string;
  /** Filters (and the order) kept when the words change. */
  filters?: Partial<Pick<SearchState, FilterKey | 'sort'>>;
  /** Asks search-as-you-type to enhance this form. */
  live?: boolean;
}) {
  const inputId = `${props.id}-q`;
  return (
    <>
      <form
        class="fr-search-bar fr-search-bar--lg"
        id={props.id}
        role="search"
        action="/recherche"
        method="get"
        {...(props.live === true ? { 'data-live-search': '' } : {})}
      >
        <label class="fr-label" for={inputId}>
          Rechercher dans Repères
        </label>
        <input
          class="fr-input"
          placeholder="Ex. : licence, hébergement"
          id={inputId}
          name="q"
          type="search"
          value={props.q}
          maxLength={200}
          autocomplete="off"
          spellcheck={false}
        />
        {filterKeys.flatMap((key) =>
          (props.filters?.[key] ?? []).map((value) => (
            <input type="hidden" name={key} value={value} key={`${key}=${value}`} />
          )),
        )}
        {props.filters?.sort === undefined ? null : (
          <input type="hidden" name="sort" value={props.filters.sort} />
        )}
        <button class="fr-btn fr-btn--lg" title="Rechercher" type="submit">
          Rechercher
        </button>
      </form>
      {/* Unhidden by search-shortcut.js, which makes the shortcut work. */}
      <p class="fr-hint-text rp-shortcut-hint" hidden>
        Raccourci clavier : <kbd>/</kbd> ou <kbd class="rp-ctrl">Ctrl</kbd>&nbsp;+&nbsp;<kbd>K</kbd>
      </p>
    </>
  );
}
