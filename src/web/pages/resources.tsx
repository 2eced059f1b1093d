import { resourceTypes, type Resource } from '../../content/model.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { MAX_TOTAL_HITS } from '../../engine/indexes.ts';
import type { ResourceFacets } from '../../resources/resource-store.ts';
import { FacetTags, FiltersPanel } from '../components/facet-tags.tsx';
import {
  isPastLastPage,
  Pagination,
  PastLastPage,
  pageCountOf,
} from '../components/pagination.tsx';
import { ResourceList } from '../components/resource-list.tsx';
import { countLabel, typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { listUrl, toggleFilter, type FilterKey, type SearchState } from '../urls.ts';

/** /ressources: every resource, most recent first, filtered by topic and type, paginated. */
export function ResourcesPage(props: {
  context: PageContext;
  taxonomy: Taxonomy;
  state: SearchState;
  list?: {
    resources: Resource[];
    total: number;
    page: number;
    limit: number;
    facets: ResourceFacets;
  };
  error?: string;
}) {
  const { state, list, taxonomy } = props;
  const hrefFor = (next: Partial<SearchState>) => listUrl('/ressources', { ...state, ...next });
  // Values with no resource are left out, unless selected (so that they can be removed).
  const facet = (
    key: FilterKey,
    counts: Record<string, number> | undefined,
    values: { value: string; label: string }[],
  ) =>
    values
      .map(({ value, label }) => ({
        value,
        label,
        selected: state[key].includes(value),
        href: listUrl('/ressources', toggleFilter(state, key, value)),
        ...(counts === undefined ? {} : { count: counts[value] ?? 0 }),
      }))
      .filter((item) => item.selected || item.count === undefined || item.count > 0);
  const filtered = state.topic.length + state.type.length + state.promotion.length > 0;
  const pageCount = list === undefined ? 0 : pageCountOf(list.total, list.limit, MAX_TOTAL_HITS);
  const title = `Toutes les ressources${list !== undefined && list.page > 1 ? ` (page ${list.page})` : ''}`;
  return (
    <Layout context={props.context} title={title} scripts={['filters.js']}>
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <h1>Toutes les ressources</h1>
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <FiltersPanel
              title="Filtrer les ressources"
              active={state.topic.length + state.type.length + state.promotion.length}
            >
              <FacetTags
                id="thematique"
                title="Thématique"
                values={facet(
                  'topic',
                  list?.facets.topics,
                  taxonomy.topics.map((topic) => ({ value: topic.slug, label: topic.label })),
                )}
              />
              <FacetTags
                id="type"
                title="Type de document"
                values={facet(
                  'type',
                  list?.facets.type,
                  resourceTypes.map((type) => ({ value: type, label: typeLabel(type) })),
                )}
              />
              {filtered ? (
                <p class="fr-mt-2w">
                  <a
                    class="fr-link fr-link--sm fr-icon-close-line fr-link--icon-left"
                    href="/ressources"
                  >
                    Retirer tous les filtres
                  </a>
                </p>
              ) : null}
            </FiltersPanel>
          </div>
          <div class="fr-col-12 fr-col-md-8">
            {list === undefined ? (
              <div class="fr-alert fr-alert--error">
                <h2 class="fr-alert__title">Cette liste n’a pas pu être affichée</h2>
                <p>{props.error}</p>
              </div>
            ) : (
              <>
                <h2 class="fr-h4">
                  {countLabel(list.total, 'ressource', 'ressources', 'Aucune ressource')}
                </h2>
                {list.total === 0 && filtered ? (
                  <p>
                    Aucune ressource ne correspond à ces filtres.{' '}
                    <a href="/ressources">Voir toutes les ressources</a>
                  </p>
                ) : null}
                {isPastLastPage(list.page, pageCount) ? (
                  <PastLastPage
                    page={list.page}
                    pageCount={pageCount}
                    hrefFor={(page) => hrefFor({ page })}
                  />
                ) : (
                  <>
                    <ResourceList resources={list.resources} taxonomy={taxonomy} />
                    <Pagination
                      page={list.page}
                      pageCount={pageCount}
                      hrefFor={(page) => hrefFor({ page })}
                    />
                  </>
                )}
              </>
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}
