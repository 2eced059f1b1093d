import { ErrorAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/**
 * Create or edit a parcours without JavaScript: the whole form is posted with the button
 * pressed (`action`), and the server renders it again with the steps moved, removed or
 * added; « Enregistrer » validates and commits.
 */

/** The form's state as posted: text as typed, so that nothing is lost on a refusal. */
export interface ParcoursFormValues {
  title: string;
  slug: string;
  audience: string;
  description: string;
  steps: ParcoursFormStep[];
  /** The resource picker's query. */
  q: string;
}

export interface ParcoursFormStep {
  resource: string;
  anchor: string;
  page: string;
  note: string;
  week: string;
}

/** A section the picker found, with the value its « Ajouter » button posts. */
export interface PickerResult {
  value: string;
  title: string;
  heading: string;
  type: string;
  url: string;
}

export interface ParcoursFormPageProps {
  context: PageContext;
  values: ParcoursFormValues;
  /** Where the form posts. */
  action: string;
  /** The slug edited; absent: a new parcours (the slug is a field). */
  editing?: { slug: string; version: string; title: string };
  audiences: string[];
  /** The picker's results, when a search was made. */
  results?: PickerResult[];
  error?: string;
  /** What the last button did, said to screen readers. */
  status?: string;
}

export function ParcoursFormPage(props: ParcoursFormPageProps) {
  const { context, values, editing } = props;
  const title =
    editing === undefined ? 'Créer un parcours' : `Modifier le parcours « ${editing.title} »`;
  const steps = values.steps;
  return (
    <Layout context={context} title={title} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current={title} parent={parcoursCrumb} />
        <h1>{title}</h1>
        {props.error === undefined ? null : (
          <ErrorAlert title="Le parcours n’a pas été enregistré" message={props.error} />
        )}
        <p class="fr-sr-only" role="status">
          {props.status ?? ''}
        </p>
        <form method="post" action={props.action}>
          {/* The default button (Entrée dans un champ) searches: it never saves nor moves a step. */}
          <button type="submit" name="action" value="chercher" class="fr-sr-only" tabindex={-1}>
            Rechercher
          </button>
          <CsrfField token={context.csrfToken} />
          {editing === undefined ? null : (
            <input type="hidden" name="version" value={editing.version} />
          )}
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">Présentation</legend>
            <div class="fr-fieldset__element">
              <div class="fr-input-group">
                <label class="fr-label" for="rp-parcours-title">
                  Titre
                </label>
                <input
                  class="fr-input"
                  id="rp-parcours-title"
                  name="title"
                  value={values.title}
                  required
                />
              </div>
            </div>
            <div class="fr-fieldset__element">
              <div class="fr-input-group">
                <label class="fr-label" for="rp-parcours-slug">
                  Identifiant
                  <span class="fr-hint-text">
                    Dans l’adresse /parcours/… : minuscules sans accent, chiffres et tirets.
                    {editing === undefined ? '' : ' Il ne change pas.'}
                  </span>
                </label>
                <input
                  class="fr-input"
                  id="rp-parcours-slug"
                  name="slug"
                  value={editing?.slug ?? values.slug}
                  readOnly={editing !== undefined}
                  pattern="[a-z0-9]+(-[a-z0-9]+)*"
                  required
                />
              </div>
            </div>
            <div class="fr-fieldset__element">
              <div class="fr-select-group">
                <label class="fr-label" for="rp-parcours-audience">
                  Public
                </label>
                <select class="fr-select" id="rp-parcours-audience" name="audience">
                  {props.audiences.map((audience) => (
                    <option value={audience} selected={audience === values.audience} key={audience}>
                      {audience}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="fr-fieldset__element">
              <div class="fr-input-group">
                <label class="fr-label" for="rp-parcours-description">
                  Description
                </label>
                <textarea
                  class="fr-input"
                  id="rp-parcours-description"
                  name="description"
                  rows={3}
                  value={values.description}
                />
              </div>
            </div>
          </fieldset>

          <h2 class="fr-mt-4w">Étapes</h2>
          {steps.length === 0 ? (
            <p>Aucune étape pour l’instant : ajoutez-en avec la recherche ci-dessous.</p>
          ) : (
            <ol class="fr-raw-list rp-edit-steps">
              {steps.map((step, index) => (
                <StepFields
                  key={`${step.resource}-${index}`}
                  step={step}
                  index={index}
                  count={steps.length}
                />
              ))}
            </ol>
          )}

          <h2 class="fr-mt-4w">Ajouter une étape</h2>
          <div class="fr-search-bar" role="search">
            <label class="fr-label" for="rp-picker-q">
              Chercher une ressource ou une section
            </label>
            <input
              class="fr-input"
              type="search"
              id="rp-picker-q"
              name="q"
              value={values.q}
              placeholder="Chercher une ressource ou une section"
            />
            <button class="fr-btn" type="submit" name="action" value="chercher" title="Chercher">
              Chercher
            </button>
          </div>
          {props.results === undefined ? null : (
            <PickerResults results={props.results} query={values.q} />
          )}

          <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-6w">
            <li>
              <button class="fr-btn" type="submit" name="action" value="enregistrer">
                Enregistrer le parcours
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--tertiary" href="/coordination/parcours">
                Annuler
              </a>
            </li>
          </ul>
        </form>
      </div>
    </Layout>
  );
}

const parcoursCrumb = { href: '/coordination/parcours', label: 'Parcours' };

function StepFields(props: { step: ParcoursFormStep; index: number; count: number }) {
  const { step, index, count } = props;
  const n = index + 1;
  const id = (field: string) => `rp-step-${n}-${field}`;
  return (
    <li class="fr-card fr-p-3w fr-mb-3w rp-edit-step" data-step={n}>
      <fieldset class="fr-fieldset fr-mb-0">
        <legend class="fr-fieldset__legend">Étape {n}</legend>
        <div class="fr-fieldset__element">
          <div class="fr-input-group">
            <label class="fr-label" for={id('resource')}>
              Ressource (identifiant)
            </label>
            <input
              class="fr-input"
              id={id('resource')}
              name="step_resource"
              value={step.resource}
            />
          </div>
        </div>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-input-group">
            <label class="fr-label" for={id('anchor')}>
              Ancre <span class="fr-hint-text">Facultative : une section</span>
            </label>
            <input class="fr-input" id={id('anchor')} name="step_anchor" value={step.anchor} />
          </div>
        </div>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-input-group">
            <label class="fr-label" for={id('page')}>
              Page <span class="fr-hint-text">Facultative : d’un PDF</span>
            </label>
            <input
              class="fr-input"
              id={id('page')}
              name="step_page"
              inputMode="numeric"
              value={step.page}
            />
          </div>
        </div>
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-input-group">
            <label class="fr-label" for={id('week')}>
              Semaine <span class="fr-hint-text">Facultative</span>
            </label>
            <input
              class="fr-input"
              id={id('week')}
              name="step_week"
              inputMode="numeric"
              value={step.week}
            />
          </div>
        </div>
        <div class="fr-fieldset__element">
          <div class="fr-input-group">
            <label class="fr-label" for={id('note')}>
              Pourquoi la lire maintenant
            </label>
            <textarea
              class="fr-input"
              id={id('note')}
              name="step_note"
              rows={2}
              value={step.note}
            />
          </div>
        </div>
      </fieldset>
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline fr-btns-group--icon-left">
        {index === 0 ? null : (
          <li>
            <button
              class="fr-btn fr-btn--secondary fr-icon-arrow-up-line fr-btn--icon-left"
              type="submit"
              name="action"
              value={`monter:${n}`}
            >
              Monter<span class="fr-sr-only"> l’étape {n}</span>
            </button>
          </li>
        )}
        {index === count - 1 ? null : (
          <li>
            <button
              class="fr-btn fr-btn--secondary fr-icon-arrow-down-line fr-btn--icon-left"
              type="submit"
              name="action"
              value={`descendre:${n}`}
            >
              Descendre<span class="fr-sr-only"> l’étape {n}</span>
            </button>
          </li>
        )}
        <li>
          <button
            class="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            type="submit"
            name="action"
            value={`retirer:${n}`}
          >
            Retirer<span class="fr-sr-only"> l’étape {n}</span>
          </button>
        </li>
      </ul>
    </li>
  );
}

function PickerResults({ results, query }: { results: PickerResult[]; query: string }) {
  if (results.length === 0)
    return <p id="rp-picker-results">Aucune ressource ne correspond à « {query} ».</p>;
  return (
    <ul class="fr-raw-list" id="rp-picker-results">
      {results.map((result) => (
        <li key={result.value} class="fr-py-1w rp-picker-result">
          <button
            class="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left fr-mr-2w"
            type="submit"
            name="action"
            value={`ajouter:${result.value}`}
          >
            Ajouter<span class="fr-sr-only"> « {label(result)} »</span>
          </button>
          <a href={result.url}>{label(result)}</a>{' '}
          <span class="fr-badge fr-badge--sm">{typeLabel(result.type)}</span>
        </li>
      ))}
    </ul>
  );
}

function label(result: PickerResult): string {
  return result.heading === '' || result.heading === result.title
    ? result.title
    : `${result.title} › ${result.heading}`;
}
