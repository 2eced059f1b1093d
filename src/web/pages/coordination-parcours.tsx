import type { Revision } from '../../publishing/content-store.ts';
import { ErrorAlert, SuccessAlert } from '../components/coordination-alerts.tsx';
import { RetireForm } from '../components/retire-form.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { formatDateTime } from '../labels.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/** The coordinators' parcours: those shipped (read-only, to duplicate) and those published. */

export interface ParcoursRow {
  slug: string;
  title: string;
  audience: string;
  stepCount: number;
  lastChange?: Revision;
}

export interface ParcoursAdminPageProps {
  context: PageContext;
  published: ParcoursRow[];
  shipped: ParcoursRow[];
  done?: { title: string; text: string; link?: { href: string; label: string } };
  error?: string;
}

const parent = { href: '/coordination/parcours', label: 'Parcours' };

export function ParcoursAdminPage(props: ParcoursAdminPageProps) {
  const { context } = props;
  return (
    <Layout context={context} title="Parcours" headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current="Parcours" />
        <h1>Parcours</h1>
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
        {props.error === undefined ? null : (
          <ErrorAlert title="Le parcours n’a pas été dupliqué" message={props.error} />
        )}
        <p>
          Un parcours est une suite ordonnée de lectures, chacune avec une note qui dit pourquoi la
          lire à ce moment. Chaque modification est une version conservée.
        </p>
        <p>
          <a
            class="fr-btn fr-icon-add-line fr-btn--icon-left"
            href="/coordination/parcours/nouveau"
          >
            Créer un parcours
          </a>
        </p>

        <h2 class="fr-mt-6w">Parcours publiés par la coordination</h2>
        {props.published.length === 0 ? (
          <p>Aucun pour l’instant : créez-en un, ou dupliquez un parcours livré pour l’adapter.</p>
        ) : (
          <ul class="fr-raw-list">
            {props.published.map((row) => (
              <li key={row.slug} class="fr-mb-3w" data-parcours={row.slug}>
                <p class="fr-mb-1w">
                  <a href={`/parcours/${row.slug}`}>
                    <strong>{row.title}</strong>
                  </a>{' '}
                  — {row.audience}, {stepLabel(row.stepCount)}
                  {row.lastChange === undefined ? null : (
                    <>
                      <br />
                      Modifié par {row.lastChange.author.name}, le{' '}
                      <time dateTime={row.lastChange.date}>
                        {formatDateTime(row.lastChange.date)}
                      </time>
                    </>
                  )}
                </p>
                <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                  <li>
                    <a
                      class="fr-btn fr-btn--secondary"
                      href={`/coordination/parcours/${row.slug}/modifier`}
                    >
                      Modifier<span class="fr-sr-only"> « {row.title} »</span>
                    </a>
                  </li>
                  <li>
                    <a
                      class="fr-btn fr-btn--tertiary"
                      href={`/coordination/parcours/${row.slug}/historique`}
                    >
                      Historique<span class="fr-sr-only"> de « {row.title} »</span>
                    </a>
                  </li>
                  <li>
                    <a
                      class="fr-btn fr-btn--tertiary"
                      href={`/coordination/parcours/${row.slug}/retirer`}
                    >
                      Retirer<span class="fr-sr-only"> « {row.title} »</span>
                    </a>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}

        <h2 class="fr-mt-6w">Parcours livrés avec Repères</h2>
        <p>
          Ils se modifient dans le dépôt de Repères. Pour en adapter un, dupliquez-le : la copie est
          un parcours publié que vous pouvez modifier.
        </p>
        <ul class="fr-raw-list">
          {props.shipped.map((row) => (
            <li key={row.slug} class="fr-mb-3w" data-shipped={row.slug}>
              <p class="fr-mb-1w">
                <a href={`/parcours/${row.slug}`}>
                  <strong>{row.title}</strong>
                </a>{' '}
                — {row.audience}, {stepLabel(row.stepCount)}
              </p>
              <form method="post" action={`/coordination/parcours/${row.slug}/dupliquer`}>
                <CsrfField token={context.csrfToken} />
                <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                  Dupliquer<span class="fr-sr-only"> « {row.title} »</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}

function stepLabel(count: number): string {
  return count === 1 ? '1 étape' : `${count} étapes`;
}

export interface RetireParcoursPageProps {
  context: PageContext;
  parcours: { slug: string; title: string; version: string };
  error?: string;
}

/** « Retirer un parcours »: what it means, then the confirmation button. */
export function RetireParcoursPage({ context, parcours, error }: RetireParcoursPageProps) {
  const title = `Retirer le parcours « ${parcours.title} »`;
  return (
    <Layout context={context} title={title} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current={title} parent={parent} />
        <h1>{title}</h1>
        {error === undefined ? null : (
          <ErrorAlert title="Le parcours n’a pas été retiré" message={error} />
        )}
        <p>
          Le parcours <a href={`/parcours/${parcours.slug}`}>{parcours.title}</a> ne sera plus
          proposé ni trouvé par la recherche. Ses versions restent dans l’historique : vous pourrez
          le restaurer.
        </p>
        <RetireForm
          action={`/coordination/parcours/${parcours.slug}/retirer`}
          csrfToken={context.csrfToken}
          version={parcours.version}
          cancelHref="/coordination/parcours"
        />
      </div>
    </Layout>
  );
}
