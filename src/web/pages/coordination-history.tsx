import type { Revision } from '../../publishing/content-store.ts';
import { ErrorAlert, SuccessAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout, type PageContext } from '../layout.tsx';
import { formatDateTime } from '../labels.ts';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/** A resource's versions, newest first, each but the current one restorable. */

export interface HistoryPageProps {
  context: PageContext;
  id: string;
  /** The current title, or the id of a retired resource. */
  title: string;
  /** Still published (its newest commit is its current version). */
  published: boolean;
  revisions: Revision[];
  error?: string;
  restored?: boolean;
  /** Where « Restaurer » posts; by default the resource's. */
  restoreAction?: string;
  /** The level above, in the breadcrumb and the back link; by default the workspace. */
  parent?: { href: string; label: string };
  /** What is restored, in the text: by default « ressource ». */
  kind?: 'ressource' | 'parcours';
}

export function HistoryPage(props: HistoryPageProps) {
  const { context } = props;
  const title = `Historique de « ${props.title} »`;
  return (
    <Layout context={context} title={title} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb
          current={title}
          {...(props.parent === undefined ? {} : { parent: props.parent })}
        />
        <h1>{title}</h1>
        {props.error === undefined ? null : (
          <ErrorAlert title="La version n’a pas été restaurée" message={props.error} />
        )}
        {props.restored === true ? <SuccessAlert title="Version restaurée" /> : null}
        <p>
          {props.published
            ? 'Chaque modification est une version conservée. Restaurer une version en fait la version actuelle, par une nouvelle modification.'
            : props.kind === 'parcours'
              ? 'Ce parcours est retiré. Restaurer une version le publie de nouveau.'
              : 'Cette ressource est retirée. Restaurer une version la publie de nouveau.'}
        </p>
        <ol class="rp-history">
          {props.revisions.map((revision, index) => {
            // A removal holds no file to go back to; the newest commit of a published resource is the current version.
            const restorable =
              !(props.published && index === 0) && !revision.message.startsWith('Retrait');
            return (
              <li key={revision.commit} class="fr-mb-3w">
                <p class="fr-mb-1w">
                  <strong>{revision.message}</strong>
                  <br />
                  {revision.author.name} ({revision.author.email}), le{' '}
                  <time dateTime={revision.date}>{formatDateTime(revision.date)}</time> — version{' '}
                  <code>{revision.commit.slice(0, 7)}</code>
                  {props.published && index === 0 ? ' (version actuelle)' : ''}
                </p>
                {restorable ? (
                  <form
                    method="post"
                    action={props.restoreAction ?? `/coordination/ressources/${props.id}/restaurer`}
                  >
                    <CsrfField token={context.csrfToken} />
                    <input type="hidden" name="commit" value={revision.commit} />
                    <button
                      class="fr-btn fr-btn--sm fr-btn--secondary"
                      type="submit"
                      title={`Restaurer la version ${revision.commit.slice(0, 7)}`}
                    >
                      Restaurer cette version
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ol>
        <p>
          <a
            class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
            href={props.parent?.href ?? '/coordination'}
          >
            {props.parent === undefined
              ? 'Retour à l’espace coordination'
              : `Retour : ${props.parent.label}`}
          </a>
        </p>
      </div>
    </Layout>
  );
}
