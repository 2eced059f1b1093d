import type { Resource } from '../../content/model.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { ResourceList } from '../components/resource-list.tsx';
import { SearchForm } from '../components/search-form.tsx';
import type { ParcoursSummaryView } from '../parcours/view.ts';
import { ParcoursCards } from './parcours-list.tsx';
import { countLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { audienceUrl } from '../parcours/audience.ts';
import { searchUrl } from '../urls.ts';

/** /: the search bar, topics with their number of resources, the latest resources. */
export function HomePage(props: {
  context: PageContext;
  taxonomy: Taxonomy;
  topicCounts: Record<string, number>;
  recent: Resource[];
  /** The chosen audience's parcours, shown first: where a new promotion starts. */
  parcours: ParcoursSummaryView[];
  /** Every audience some parcours is for, to choose from. */
  audiences: string[];
  /** The audience whose parcours are shown. */
  audience?: string;
}) {
  const { taxonomy, topicCounts } = props;
  const topics = taxonomy.topics.filter((topic) => (topicCounts[topic.slug] ?? 0) > 0);
  return (
    <Layout
      context={props.context}
      title="Accueil"
      description="Rechercher dans les guides et bonnes pratiques du programme Entrepreneurs d’intérêt général."
      headerSearch={false}
    >
      <div class="rp-hero">
        <div class="fr-container fr-py-6w">
          <h1>Les bonnes pratiques des Entrepreneurs d’intérêt général</h1>
          <p class="fr-text--lead">
            Guides, fiches et documentation des défis passés : une recherche mène directement au
            passage ou à la page qui répond.
          </p>
          <SearchForm id="recherche" q="" />
        </div>
      </div>
      <div class="fr-container fr-py-6w">
        {props.parcours.length === 0 ? null : (
          <section aria-labelledby="parcours-titre" class="fr-mb-6w">
            <h2 id="parcours-titre">Par où commencer ?</h2>
            <p>
              Des parcours de lecture dans l’ordre, avec pour chaque étape la raison de la lire.
            </p>
            <AudienceChoice audiences={props.audiences} current={props.audience} />
            <ParcoursCards parcours={props.parcours} headingLevel="h3" />
            <p class="fr-mt-2w">
              <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/parcours">
                Voir tous les parcours
              </a>
            </p>
          </section>
        )}
        {topics.length === 0 ? null : (
          <section aria-labelledby="thematiques">
            <h2 id="thematiques">Parcourir par thématique</h2>
            <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list rp-tiles">
              {topics.map((topic) => (
                <li class="fr-col-6 fr-col-md-4 fr-col-lg-3" key={topic.slug}>
                  <div class="fr-tile fr-tile--sm fr-enlarge-link">
                    <div class="fr-tile__body">
                      <div class="fr-tile__content">
                        <h3 class="fr-tile__title">
                          <a href={searchUrl({ topic: [topic.slug] })}>{topic.label}</a>
                        </h3>
                        <p class="fr-tile__detail">
                          {countLabel(topicCounts[topic.slug] ?? 0, 'ressource', 'ressources')}
                        </p>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="recents" class="fr-mt-6w">
          <h2 id="recents">Ajouts récents</h2>
          {props.recent.length === 0 ? (
            <p>Aucune ressource n’est encore indexée.</p>
          ) : (
            <ResourceList resources={props.recent} taxonomy={taxonomy} />
          )}
          <p class="fr-mt-2w">
            <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/ressources">
              Voir toutes les ressources
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/**
 * « Je suis : … »: one link per audience (no JavaScript needed), the shown one marked
 * aria-current; hidden when every parcours is for the same people.
 */
function AudienceChoice(props: { audiences: string[]; current: string | undefined }) {
  if (props.audiences.length < 2) return null;
  return (
    <nav class="rp-audiences" aria-labelledby="public-titre">
      <p id="public-titre" class="fr-mb-1w">
        Je suis :
      </p>
      <ul class="fr-tags-group">
        {props.audiences.map((audience) => (
          <li key={audience}>
            <a
              class="fr-tag"
              href={audienceUrl(audience)}
              {...(audience === props.current ? { 'aria-current': 'true' as const } : {})}
            >
              {audience}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
