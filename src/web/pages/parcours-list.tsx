import { countLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { parcoursUrl, readingTimeLabel } from '../parcours/progress.ts';
import type { ParcoursSummaryView } from '../parcours/view.ts';

/** /parcours: every parcours, with its audience, its number of steps and its reading time. */
export function ParcoursListPage(props: { context: PageContext; parcours: ParcoursSummaryView[] }) {
  return (
    <Layout
      context={props.context}
      title="Parcours"
      description="Des parcours de lecture ordonnés pour bien démarrer et avancer dans le programme."
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <h1>Parcours de lecture</h1>
        <p class="fr-text--lead">
          Par où commencer ? Chaque parcours choisit, dans l’ordre, les passages à lire et dit
          pourquoi les lire à ce moment-là.
        </p>
        {props.parcours.length === 0 ? (
          <p>Aucun parcours n’est encore publié.</p>
        ) : (
          <ParcoursCards parcours={props.parcours} headingLevel="h2" />
        )}
      </div>
    </Layout>
  );
}

/** The parcours as DSFR cards: title (link), description, audience, steps and reading time. */
export function ParcoursCards(props: {
  parcours: ParcoursSummaryView[];
  headingLevel: 'h2' | 'h3';
}) {
  const Heading = props.headingLevel;
  return (
    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list rp-parcours-cards">
      {props.parcours.map((parcours) => (
        <li class="fr-col-12 fr-col-md-6" key={parcours.slug}>
          <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <Heading class="fr-card__title">
                  <a href={parcoursUrl(parcours.slug)}>{parcours.title}</a>
                </Heading>
                <p class="fr-card__desc">{parcours.description}</p>
                <div class="fr-card__start">
                  <p class="fr-badge fr-badge--sm fr-badge--purple-glycine">
                    <span class="fr-sr-only">Public : </span>
                    {parcours.audience}
                  </p>
                </div>
                <div class="fr-card__end">
                  <p class="fr-card__detail fr-icon-time-line">
                    {countLabel(parcours.stepCount, 'étape', 'étapes')} · environ{' '}
                    {readingTimeLabel(parcours.readingMinutes)} de lecture
                  </p>
                </div>
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
