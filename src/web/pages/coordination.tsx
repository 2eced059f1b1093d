import type { Taxonomy } from '../../content/topics.ts';
import type { Revision } from '../../publishing/content-store.ts';
import { SuccessAlert } from '../components/coordination-alerts.tsx';
import { countLabel, formatDateTime, topicLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/** The coordinators' home: the published resources, filtered, with who changed each last. */

export interface PublishedRow {
  id: string;
  title: string;
  type: 'guide' | 'pdf';
  topics: string[];
  url: string;
  lastChange?: Revision;
}

/** A resource no longer in the store: its last commit is the one that removed it. */
export interface RetiredRow {
  id: string;
  lastChange: Revision;
}

export interface CoordinationFilters {
  q: string;
  topic: string;
  type: '' | 'guide' | 'pdf';
}

export interface CoordinationPageProps {
  context: PageContext;
  taxonomy: Taxonomy;
  filters: CoordinationFilters;
  resources: PublishedRow[];
  /** How many resources the store holds, filters aside. */
  total: number;
  retired: RetiredRow[];
  /** What the last action did (after its redirect). */
  done?: { title: string; text: string; link?: { href: string; label: string } };
}

export function CoordinationPage(props: CoordinationPageProps) {
  const { context, filters, taxonomy } = props;
  return (
    <Layout context={context} title="Espace coordination">
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb />
        <h1>Espace coordination</h1>
        {props.done === undefined ? null : (
          <SuccessAlert title={props.done.title}>
            <p>
              {props.done.text}
              {props.done.link === undefined ? null : (
                <>
                  {' '}
                  <a href={props.done.link.href}>{props.done.link.label}</a>
                </>
              )}
            </p>
          </SuccessAlert>
        )}
        <p>
          Bonjour {context.user?.name ?? ''}. Depuis cet espace, l’équipe de coordination publie,
          corrige et retire les ressources de Repères ; chaque version est conservée.
        </p>
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/coordination/publier">
            Publier une ressource
          </a>
        </p>
        <p>
          <a
            class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
            href="/coordination/a-revoir"
          >
            À revoir : ressources à relire et liens cassés
          </a>
        </p>
        <p>
          <a
            class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
            href="/coordination/parcours"
          >
            Parcours : créer, modifier et ordonner les parcours de lecture
          </a>
        </p>
        <p>
          <a
            class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
            href="/coordination/recherches"
          >
            Recherches : ce que les visiteurs cherchent et ne trouvent pas
          </a>
        </p>

        <h2 class="fr-mt-6w">Ressources publiées</h2>
        <form method="get" action="/coordination" class="fr-mb-3w">
          <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
            <div class="fr-col-12 fr-col-md-5">
              <div class="fr-input-group">
                <label class="fr-label" for="rp-filter-q">
                  Texte
                </label>
                <input class="fr-input" type="search" id="rp-filter-q" name="q" value={filters.q} />
              </div>
            </div>
            <div class="fr-col-12 fr-col-md-3">
              <div class="fr-select-group">
                <label class="fr-label" for="rp-filter-topic">
                  Thème
                </label>
                <select class="fr-select" id="rp-filter-topic" name="topic">
                  <option value="" selected={filters.topic === ''}>
                    Tous les thèmes
                  </option>
                  {taxonomy.topics.map((topic) => (
                    <option
                      value={topic.slug}
                      selected={filters.topic === topic.slug}
                      key={topic.slug}
                    >
                      {topic.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="fr-col-12 fr-col-md-2">
              <div class="fr-select-group">
                <label class="fr-label" for="rp-filter-type">
                  Type
                </label>
                <select class="fr-select" id="rp-filter-type" name="type">
                  <option value="" selected={filters.type === ''}>
                    Tous
                  </option>
                  <option value="guide" selected={filters.type === 'guide'}>
                    Guide
                  </option>
                  <option value="pdf" selected={filters.type === 'pdf'}>
                    PDF
                  </option>
                </select>
              </div>
            </div>
            <div class="fr-col-12 fr-col-md-2">
              <button class="fr-btn fr-btn--secondary fr-mb-3w" type="submit">
                Filtrer
              </button>
            </div>
          </div>
        </form>
        <p id="rp-count">
          {props.resources.length === props.total
            ? countLabel(
                props.total,
                'ressource publiée',
                'ressources publiées',
                'Aucune ressource publiée pour l’instant.',
              )
            : `${countLabel(props.resources.length, 'ressource correspond', 'ressources correspondent', 'Aucune ressource ne correspond')} aux filtres, sur ${props.total}.`}
        </p>
        {props.resources.length === 0 ? null : (
          <div class="fr-table fr-table--no-caption">
            <div class="fr-table__wrapper">
              <div class="fr-table__container">
                <div class="fr-table__content">
                  <table>
                    <caption>Ressources publiées</caption>
                    <thead>
                      <tr>
                        <th scope="col">Titre</th>
                        <th scope="col">Type</th>
                        <th scope="col">Thèmes</th>
                        <th scope="col">Dernière modification</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {props.resources.map((resource) => (
                        <tr key={resource.id} data-resource={resource.id}>
                          <td>
                            <a href={resource.url}>{resource.title}</a>
                          </td>
                          <td>{resource.type === 'pdf' ? 'PDF' : 'Guide'}</td>
                          <td>
                            {resource.topics.map((slug) => topicLabel(taxonomy, slug)).join(', ')}
                          </td>
                          <td>
                            <ChangeCell revision={resource.lastChange} />
                          </td>
                          <td>
                            <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                              <li>
                                <a
                                  class="fr-btn fr-btn--secondary"
                                  href={`/coordination/ressources/${resource.id}/modifier`}
                                >
                                  Modifier
                                  <span class="fr-sr-only"> « {resource.title} »</span>
                                </a>
                              </li>
                              <li>
                                <a
                                  class="fr-btn fr-btn--tertiary"
                                  href={`/coordination/ressources/${resource.id}/historique`}
                                >
                                  Historique
                                  <span class="fr-sr-only"> de « {resource.title} »</span>
                                </a>
                              </li>
                              <li>
                                <a
                                  class="fr-btn fr-btn--tertiary"
                                  href={`/coordination/ressources/${resource.id}/retirer`}
                                >
                                  Retirer
                                  <span class="fr-sr-only"> « {resource.title} »</span>
                                </a>
                              </li>
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}

        {props.retired.length === 0 ? null : (
          <>
            <h2 class="fr-mt-6w">Ressources retirées</h2>
            <p>Leur historique est conservé : chacune peut être restaurée.</p>
            <ul>
              {props.retired.map((row) => (
                <li key={row.id}>
                  {row.lastChange.message} — <ChangeCell revision={row.lastChange} />.{' '}
                  <a href={`/coordination/ressources/${row.id}/historique`}>
                    Historique et restauration
                    <span class="fr-sr-only"> de {row.id}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Layout>
  );
}

function ChangeCell({ revision }: { revision: Revision | undefined }) {
  if (revision === undefined) return <>non enregistrée dans l’historique</>;
  return (
    <>
      {revision.author.name}, le{' '}
      <time dateTime={revision.date}>{formatDateTime(revision.date)}</time>
    </>
  );
}
