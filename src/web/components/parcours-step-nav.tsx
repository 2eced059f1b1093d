import { parcoursUrl, stepUrl } from '../parcours/progress.ts';
import type { ParcoursView } from '../parcours/view.ts';

/** Where a resource page sits in the parcours it was reached from. */
export interface ParcoursPosition {
  parcours: ParcoursView;
  /** 1-based. */
  step: number;
}

/**
 * The position of a resource in a parcours: the step asked for when it is this resource,
 * else the first step that is; undefined when the resource is not in the parcours.
 */
export function positionIn(
  parcours: ParcoursView,
  resourceId: string,
  asked: number | undefined,
): ParcoursPosition | undefined {
  if (asked !== undefined && parcours.steps[asked - 1]?.resourceId === resourceId)
    return { parcours, step: asked };
  const index = parcours.steps.findIndex((step) => step.resourceId === resourceId);
  return index === -1 ? undefined : { parcours, step: index + 1 };
}

/**
 * "Étape 3 sur 9 du parcours « … »" with the step's note and links to the previous and next
 * steps, or back to the parcours after the last one. `end`: the short version after the
 * content, for whoever read down to it.
 */
export function ParcoursStepNav({ position, end }: { position: ParcoursPosition; end?: boolean }) {
  const { parcours, step } = position;
  const total = parcours.steps.length;
  const previous = parcours.steps[step - 2];
  const next = parcours.steps[step];
  const label = (s: { title: string; heading?: string | undefined }) =>
    s.heading === undefined ? s.title : `${s.title} › ${s.heading}`;
  // Two of these on a page: landmarks need names of their own.
  const naming =
    end === true ? { 'aria-label': 'Suite du parcours' } : { 'aria-labelledby': 'parcours-etape' };
  return (
    <nav
      class={end === true ? 'rp-step-nav rp-step-nav--end fr-mt-6w' : 'rp-step-nav fr-mb-3w'}
      {...naming}
    >
      <p class="rp-step-nav__position" {...(end === true ? {} : { id: 'parcours-etape' })}>
        Étape {step} sur {total} du parcours{' '}
        <a href={`${parcoursUrl(parcours.slug)}#etape-${step}`}>« {parcours.title} »</a>
      </p>
      {end === true ? null : <p class="rp-step-nav__note">{parcours.steps[step - 1]?.note}</p>}
      <ul class="rp-step-nav__links fr-raw-list">
        {previous === undefined ? null : (
          <li>
            <a
              class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
              href={stepUrl(previous.url, parcours.slug, step - 1)}
              rel="prev"
            >
              Étape précédente<span class="fr-sr-only"> : {label(previous)}</span>
            </a>
          </li>
        )}
        {next === undefined ? (
          <li>
            <a
              class="fr-link fr-icon-check-line fr-link--icon-right"
              href={parcoursUrl(parcours.slug)}
            >
              Fin du parcours : revenir à la liste des étapes
            </a>
          </li>
        ) : (
          <li>
            <a
              class="fr-link fr-icon-arrow-right-line fr-link--icon-right"
              href={stepUrl(next.url, parcours.slug, step + 1)}
              rel="next"
            >
              Étape suivante<span class="fr-sr-only"> : {label(next)}</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
