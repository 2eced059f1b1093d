import type { Person } from '../../community/community-store.ts';
import { Pagination } from '../components/pagination.tsx';
import { communityUrl, personUrl, type CommunityState } from '../community/urls.ts';
import { countLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';

/**
 * /communaute: the EIGs, their mentors and the programme's team, filtered by profile,
 * promotion and skill with a plain GET form (no JavaScript needed), a page at a time.
 */

/** A value a filter offers: what the address carries, what people read, how many have it. */
export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

export interface CommunityPageProps {
  context: PageContext;
  state: CommunityState;
  options: { profil: FilterOption[]; promotion: FilterOption[]; competence: FilterOption[] };
  /** Absent when the address was invalid. */
  list?: { persons: Person[]; total: number; page: number; pageCount: number };
  /** French explanation of an invalid address. */
  error?: string;
}

const filterLabels = {
  profil: { label: 'Profil', all: 'Tous les profils' },
  promotion: { label: 'Promotion', all: 'Toutes les promotions' },
  competence: { label: 'Compétence', all: 'Toutes les compétences' },
} as const;

export function CommunityPage(props: CommunityPageProps) {
  const { state, list } = props;
  const filtered = state.profil.length + state.promotion.length + state.competence.length > 0;
  const page = list !== undefined && list.page > 1 ? ` (page ${list.page})` : '';
  return (
    <Layout
      context={props.context}
      title={`Communauté${page}`}
      description="Les entrepreneurs d’intérêt général, leurs mentors et l’équipe du programme : qui a travaillé sur quel défi."
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <h1>Communauté</h1>
        <p class="fr-text--lead">
          Les entrepreneurs d’intérêt général, leurs mentors et l’équipe du programme : qui a
          travaillé sur quel défi, à qui s’adresser.
        </p>
        <p class="fr-text--sm">
          D’après les données publiques du programme. Ce qui est montré et comment demander à ne
          plus y figurer : <a href="/donnees-personnelles">données personnelles</a>.
        </p>
        <form class="rp-community-filters" method="get" action="/communaute" id="filtres">
          <fieldset class="fr-fieldset" aria-labelledby="filtres-legende">
            <legend class="fr-fieldset__legend fr-h6" id="filtres-legende">
              Filtrer la communauté
            </legend>
            {(['profil', 'promotion', 'competence'] as const).map((key) => (
              <div class="fr-fieldset__element fr-fieldset__element--inline" key={key}>
                <div class="fr-select-group">
                  <label class="fr-label" for={`filtre-${key}`}>
                    {filterLabels[key].label}
                  </label>
                  <select class="fr-select" id={`filtre-${key}`} name={key}>
                    <option value="" selected={state[key].length === 0}>
                      {filterLabels[key].all}
                    </option>
                    {props.options[key].map((option) => (
                      <option
                        value={option.value}
                        key={option.value}
                        selected={state[key].includes(option.value)}
                      >
                        {option.label} ({option.count})
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            ))}
            <div class="fr-fieldset__element fr-fieldset__element--inline rp-community-filters__actions">
              <button class="fr-btn" type="submit">
                Filtrer
              </button>
              {filtered ? (
                <a class="fr-btn fr-btn--tertiary" href="/communaute">
                  Effacer les filtres
                </a>
              ) : null}
            </div>
          </fieldset>
        </form>
        {list === undefined ? (
          <div class="fr-alert fr-alert--error fr-mt-4w">
            <h2 class="fr-alert__title">Cette liste n’a pas pu être affichée</h2>
            <p>{props.error}</p>
            <p>
              <a href="/communaute">Voir toute la communauté</a>
            </p>
          </div>
        ) : (
          <PersonList state={state} list={list} filtered={filtered} />
        )}
      </div>
    </Layout>
  );
}

function PersonList(props: {
  state: CommunityState;
  list: NonNullable<CommunityPageProps['list']>;
  filtered: boolean;
}) {
  const { state, list } = props;
  return (
    <>
      <h2 class="fr-h4 fr-mt-4w" id="rp-count">
        {countLabel(
          list.total,
          'personne',
          'personnes',
          props.filtered ? 'Aucune personne ne correspond à ces filtres' : 'Aucune personne',
        )}
      </h2>
      {list.persons.length === 0 ? null : (
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list rp-people">
          {list.persons.map((person) => (
            <li class="fr-col-12 fr-col-md-6 fr-col-lg-4" key={person.slug}>
              <div class="rp-person">
                <h3 class="rp-person__name">
                  <a href={personUrl(person.slug)}>{person.name}</a>
                </h3>
                <p class="rp-person__meta">{[person.profile, ...person.promotions].join(' · ')}</p>
                {person.defis.length === 0 ? null : (
                  <p class="rp-person__defis">
                    <span class="fr-sr-only">Défis : </span>
                    {person.defis.map((defi) => defi.title).join(', ')}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        hrefFor={(page) => communityUrl({ ...state, page })}
      />
    </>
  );
}
