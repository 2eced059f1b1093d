import type { Taxonomy } from '../../content/topics.ts';
import { MAX_TOTAL_HITS } from '../../engine/indexes.ts';
import type { FacetCounts, SearchResult } from '../../search/search-sections.ts';
import { FacetTags, FiltersPanel, type FacetValue } from '../components/facet-tags.tsx';
import {
  isPastLastPage,
  Pagination,
  PastLastPage,
  pageCountOf,
} from '../components/pagination.tsx';
import { SearchForm } from '../components/search-form.tsx';
import type { Freshness } from '../components/review-note.tsx';
import { SearchHit } from '../components/search-hit.tsx';
import type { HitCards } from '../community/hit-cards.ts';
import { countLabel, topicLabel, typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { filterKeys, searchUrl, toggleFilter, type FilterKey, type SearchState } from '../urls.ts';

/** /recherche: the search form, facet filters, hits and pagination, or help when nothing matched. */

export interface ResultsPageProps {
  context: PageContext;
  taxonomy: Taxonomy;
  state: SearchState;
  /** Absent when the parameters were invalid. */
  result?: SearchResult;
  /** French explanation of invalid parameters. */
  error?: string;
  /** Close spellings that find more, for a result with few or no hits. */
  suggestions: string[];
  /** Resources per topic, for the topic links of an empty result. */
  topicCounts: Record<string, number>;
  /** French label of a skill code (programme data); the code itself when absent. */
  skillLabel?: (code: string) => string;
  /** Défi and person hits' cards, by resource id. */
  cards?: HitCards;
  /** The logged search's random id: its result links report clicks. Absent: plain links. */
  queryId?: string;
  /** The review rules and the time, for « Relu le … » and « À revoir » in hits. */
  freshness?: Freshness;
}

export function resultsTitle(state: SearchState, result: SearchResult | undefined): string {
  const page = result !== undefined && result.page > 1 ? ` (page ${result.page})` : '';
  return state.q === '' ? `Recherche${page}` : `Recherche « ${state.q} »${page}`;
}

/** The sentence the count heading shows and the live region announces. */
export function countSentence(state: SearchState, result: SearchResult): string {
  const count = countLabel(result.total, 'résultat', 'résultats', 'Aucun résultat');
  return state.q === '' ? count : `${count} pour « ${state.q} »`;
}

export function ResultsPage(props: ResultsPageProps) {
  const { context, state, result } = props;
  return (
    <Layout
      context={context}
      title={resultsTitle(state, result)}
      headerSearch={false}
      scripts={['filters.js', 'search-as-you-type.js', 'result-clicks.js']}
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <h1 class="fr-h2">Rechercher dans Repères</h1>
        <SearchForm id="recherche" q={state.q} filters={state} live />
        {/* Filled by search-as-you-type with the new count; empty on load so that nothing is read twice. */}
        <p id="rp-live" class="fr-sr-only" role="status" aria-live="polite" aria-atomic="true" />
        <div id="rp-results" class="fr-mt-4w">
          {result === undefined ? (
            <InvalidSearch error={props.error ?? ''} />
          ) : (
            <Results {...props} result={result} />
          )}
        </div>
      </div>
    </Layout>
  );
}

function InvalidSearch({ error }: { error: string }) {
  return (
    <div class="fr-alert fr-alert--error">
      <h2 class="fr-alert__title">Cette recherche n’a pas pu être faite</h2>
      <p>{error}</p>
      <p>
        <a href="/recherche">Recommencer une recherche</a>
      </p>
    </div>
  );
}

function Results(props: ResultsPageProps & { result: SearchResult }) {
  const { state, result, taxonomy } = props;
  const pageCount = pageCountOf(result.total, result.limit, MAX_TOTAL_HITS);
  const filtered = activeFilters(state) > 0;
  // Nothing found and nothing to remove: no filter column, the help takes the width.
  const facets = result.total > 0 || filtered;
  return (
    <div class="fr-grid-row fr-grid-row--gutters">
      {facets ? (
        <div class="fr-col-12 fr-col-md-4">
          <Facets
            state={state}
            facets={result.facets}
            taxonomy={taxonomy}
            filtered={filtered}
            skillLabel={props.skillLabel ?? ((code) => code)}
          />
        </div>
      ) : null}
      <div class={facets ? 'fr-col-12 fr-col-md-8' : 'fr-col-12 fr-col-lg-10'}>
        <h2 class="fr-h4" id="rp-count" data-count-sentence={countSentence(state, result)}>
          {countSentence(state, result)}
        </h2>
        {result.ignoredWords === undefined || result.ignoredWords.length === 0 ? null : (
          <p class="fr-text--sm">
            Aucun document ne contient{' '}
            {result.ignoredWords.map((word, i) => (
              <>
                {i > 0 ? ', ' : ''}« {word} »
              </>
            ))}{' '}
            : {result.ignoredWords.length > 1 ? 'ces mots ont été ignorés' : 'ce mot a été ignoré'}.
          </p>
        )}
        {result.total > 0 && props.suggestions.length > 0 ? (
          <DidYouMean state={state} suggestions={props.suggestions} />
        ) : null}
        {result.total === 0 ? (
          <NoResults {...props} filtered={filtered} />
        ) : isPastLastPage(result.page, pageCount) ? (
          <PastLastPage
            page={result.page}
            pageCount={pageCount}
            hrefFor={(page) => searchUrl({ ...state, page })}
          />
        ) : (
          <>
            {/* Without words, the list is already newest first. */}
            {state.q === '' ? null : <SortForm state={state} />}
            <ol class="rp-hits fr-raw-list">
              {result.hits.map((hit, i) => (
                <SearchHit
                  hit={hit}
                  q={state.q}
                  taxonomy={taxonomy}
                  card={props.cards?.get(hit.resourceId)}
                  click={
                    props.queryId === undefined
                      ? undefined
                      : { queryId: props.queryId, rank: (result.page - 1) * result.limit + i + 1 }
                  }
                  freshness={props.freshness}
                  back={searchUrl(state)}
                  key={hit.id}
                />
              ))}
            </ol>
            <Pagination
              page={result.page}
              pageCount={pageCount}
              hrefFor={(page) => searchUrl({ ...state, page })}
            />
          </>
        )}
      </div>
    </div>
  );
}

/**
 * « Trier par » pertinence or date: a GET form of its own, with the page's words and
 * filters, so that it works without JavaScript (the button applies it).
 */
function SortForm({ state }: { state: SearchState }) {
  return (
    <form class="rp-sort fr-mb-3w" action="/recherche" method="get">
      {state.q === '' ? null : <input type="hidden" name="q" value={state.q} />}
      {filterKeys.flatMap((key) =>
        state[key].map((value) => (
          <input type="hidden" name={key} value={value} key={`${key}=${value}`} />
        )),
      )}
      {state.limit === undefined ? null : (
        <input type="hidden" name="limit" value={String(state.limit)} />
      )}
      <div class="fr-select-group rp-sort__group">
        <label class="fr-label" for="rp-sort">
          Trier par
        </label>
        <select class="fr-select" id="rp-sort" name="sort">
          <option value="pertinence" selected={state.sort === undefined}>
            Pertinence
          </option>
          <option value="date" selected={state.sort === 'date'}>
            Date (les plus récents d’abord)
          </option>
        </select>
      </div>
      <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
        Trier
      </button>
    </form>
  );
}

/** "Vouliez-vous dire « x » ?" above a few hits: each spelling links to its search. */
function DidYouMean({ state, suggestions }: { state: SearchState; suggestions: string[] }) {
  return (
    <p class="rp-did-you-mean fr-text--lg">
      Vouliez-vous dire{' '}
      {suggestions.map((suggestion, i) => (
        <>
          {i === 0 ? '' : i === suggestions.length - 1 ? ' ou ' : ', '}
          <a href={searchUrl({ ...state, q: suggestion, page: 1 })}>« {suggestion} »</a>
        </>
      ))}{' '}
      ?
    </p>
  );
}

/** How many filter values the page applies. */
function activeFilters(state: SearchState): number {
  return filterKeys.reduce((sum, key) => sum + state[key].length, 0);
}

function Facets(props: {
  state: SearchState;
  facets: FacetCounts;
  taxonomy: Taxonomy;
  filtered: boolean;
  skillLabel: (code: string) => string;
}) {
  const { state, facets, taxonomy } = props;
  const values = (
    key: FilterKey,
    counts: Record<string, number>,
    label: (value: string) => string,
  ): FacetValue[] => {
    const selected = state[key];
    const shown = new Set([
      ...selected,
      ...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0),
    ]);
    return [...shown]
      .map((value) => ({
        value,
        label: label(value),
        count: counts[value] ?? 0,
        selected: selected.includes(value),
        href: searchUrl(toggleFilter(state, key, value)),
      }))
      .sort(
        (a, b) =>
          Number(b.selected) - Number(a.selected) ||
          b.count - a.count ||
          a.label.localeCompare(b.label, 'fr'),
      );
  };
  const promotions = values('promotion', facets.promotion, (value) => value).sort(
    (a, b) =>
      Number(b.selected) - Number(a.selected) ||
      a.label.localeCompare(b.label, 'fr', { numeric: true }),
  );
  return (
    <FiltersPanel title="Filtrer les résultats" active={activeFilters(state)}>
      <FacetTags
        id="thematique"
        title="Thématique"
        values={values('topic', facets.topics, (slug) => topicLabel(taxonomy, slug))}
      />
      <FacetTags
        id="type"
        title="Type de document"
        values={values('type', facets.type, typeLabel)}
      />
      <FacetTags id="promotion" title="Promotion" values={promotions} />
      <FacetTags
        id="administration"
        title="Administration"
        values={values('administration', facets.organisation, (name) => name)}
        visible={8}
      />
      <FacetTags
        id="competence"
        title="Compétence"
        values={values('competence', facets.skills, props.skillLabel)}
      />
      {props.filtered ? (
        <p class="fr-mt-2w">
          <a
            class="fr-link fr-link--sm fr-icon-close-line fr-link--icon-left"
            href={searchUrl({ q: state.q })}
          >
            Retirer tous les filtres
          </a>
        </p>
      ) : null}
    </FiltersPanel>
  );
}

function NoResults(props: ResultsPageProps & { filtered: boolean }) {
  const { state, taxonomy, suggestions, topicCounts } = props;
  const topics = taxonomy.topics.filter((topic) => (topicCounts[topic.slug] ?? 0) > 0);
  return (
    <div class="rp-empty">
      {suggestions.length === 0 ? null : (
        <>
          <p class="fr-mb-1w">Essayez plutôt :</p>
          <ul class="rp-suggestions">
            {suggestions.map((suggestion) => (
              <li key={suggestion}>
                <a href={searchUrl({ ...state, q: suggestion, page: 1 })}>{suggestion}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {props.filtered && state.q !== '' ? (
        <p>
          <a href={searchUrl({ q: state.q })}>Rechercher « {state.q} » sans aucun filtre</a>
        </p>
      ) : null}
      <p class="fr-mb-1w">Quelques conseils :</p>
      <ul>
        <li>vérifiez l’orthographe des mots ;</li>
        <li>essayez des mots plus généraux ou moins nombreux ;</li>
        <li>
          essayez un synonyme, en français ou en anglais (par exemple « hébergement » ou « hosting
          »).
        </li>
      </ul>
      {topics.length === 0 ? null : (
        <>
          <h3 class="fr-h6 fr-mt-4w" id="parcourir-thematiques">
            Parcourir par thématique
          </h3>
          <ul class="fr-tags-group" aria-labelledby="parcourir-thematiques">
            {topics.map((topic) => (
              <li key={topic.slug}>
                <a class="fr-tag" href={searchUrl({ topic: [topic.slug] })}>
                  {topic.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="fr-mt-2w">
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/ressources">
          Voir toutes les ressources
        </a>
      </p>
    </div>
  );
}
