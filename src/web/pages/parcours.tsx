import { typeLabel } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { ParcoursProgress } from '../components/parcours-progress.tsx';
import { parcoursUrl, readingTimeLabel, stepUrl } from '../parcours/progress.ts';
import type { ParcoursStepView, ParcoursView } from '../parcours/view.ts';

/**
 * /parcours/:slug: the steps in order, each with its note and a link to the exact section or
 * PDF page, and "marquer comme lu" boxes. Without JavaScript the boxes are a form whose
 * address keeps the progress (`?lu=1,3`); with it, parcours-progress.js saves each tick in
 * the browser and keeps the address in step.
 */
export function ParcoursPage(props: {
  context: PageContext;
  parcours: ParcoursView;
  read: number[];
}) {
  const { parcours, read } = props;
  const total = parcours.steps.length;
  const shareUrl = parcoursUrl(parcours.slug, read);
  return (
    <Layout
      context={props.context}
      title={parcours.title}
      description={parcours.description}
      scripts={['parcours-progress.js']}
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <Breadcrumb
          collapsible={false}
          trail={[
            { label: 'Accueil', href: '/' },
            { label: 'Parcours', href: '/parcours' },
            { label: parcours.title },
          ]}
        />
        <p class="fr-mb-1w">
          <span class="fr-badge fr-badge--purple-glycine">
            <span class="fr-sr-only">Public : </span>
            {parcours.audience}
          </span>
        </p>
        <h1>{parcours.title}</h1>
        {/* The search links a parcours' description here (its section "presentation"). */}
        <p class="fr-text--lead" id="presentation">
          {parcours.description}
        </p>
        <p class="rp-item__meta">
          {total} étapes · environ {readingTimeLabel(parcours.readingMinutes)} de lecture
        </p>
        <form
          method="get"
          action={parcoursUrl(parcours.slug)}
          class="rp-parcours"
          data-parcours={parcours.slug}
        >
          <ParcoursProgress read={read.length} total={total} />
          <ol class="fr-raw-list rp-steps">
            {parcours.steps.map((step, i) => (
              <Step
                key={`${step.url}-${i}`}
                slug={parcours.slug}
                step={step}
                position={i + 1}
                total={total}
                read={read.includes(i + 1)}
              />
            ))}
          </ol>
          <div class="rp-parcours__save" data-parcours-save>
            <button type="submit" class="fr-btn fr-btn--secondary">
              Enregistrer ma progression
            </button>
            <p class="fr-hint-text fr-mt-1w">
              Votre progression est gardée dans l’adresse de la page : ajoutez-la à vos favoris ou
              partagez-la.
            </p>
          </div>
        </form>
        <p class="fr-mt-4w">
          <a class="fr-link" href={shareUrl} data-parcours-share>
            Lien vers ce parcours avec ma progression
          </a>
        </p>
      </div>
    </Layout>
  );
}

function Step(props: {
  slug: string;
  step: ParcoursStepView;
  position: number;
  total: number;
  read: boolean;
}) {
  const { step, position } = props;
  const box = `lu-${position}`;
  const titleId = `etape-${position}-titre`;
  return (
    <li class="rp-step" id={`etape-${position}`}>
      <p class="rp-step__meta">
        <span class="rp-step__number">Étape {position}</span>
        {step.week === undefined ? null : (
          <span class="fr-badge fr-badge--sm fr-badge--green-menthe fr-badge--no-icon">
            Semaine {step.week}
          </span>
        )}
        <span class="fr-badge fr-badge--sm fr-badge--blue-ecume">{typeLabel(step.type)}</span>
        <span>{readingTimeLabel(step.readingMinutes)} de lecture</span>
      </p>
      <h2 class="rp-step__title fr-h5" id={titleId}>
        <a href={stepUrl(step.url, props.slug, position)}>
          {step.heading ?? step.title}
          {step.page === undefined ? null : `, page ${step.page}`}
        </a>
      </h2>
      {/* A section's heading alone would hide which document it belongs to; the document's
          title on every step would repeat itself (a checklist read over four weeks). */}
      {step.heading === undefined ? null : (
        <p class="rp-step__source">
          Dans «&nbsp;<cite>{step.title}</cite>&nbsp;»
        </p>
      )}
      <p class="rp-step__note">{step.note}</p>
      <div class="fr-checkbox-group fr-checkbox-group--sm">
        <input
          type="checkbox"
          id={box}
          name="lu"
          value={String(position)}
          checked={props.read}
          aria-describedby={titleId}
        />
        <label class="fr-label" for={box}>
          Marquer comme lu
        </label>
      </div>
    </li>
  );
}
