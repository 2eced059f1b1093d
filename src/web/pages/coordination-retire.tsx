import { ErrorAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout, type PageContext } from '../layout.tsx';
import { CoordinationBreadcrumb } from './coordination-form.tsx';

/** "Retirer une ressource": what it means, then the confirmation button. */

export interface RetirePageProps {
  context: PageContext;
  resource: { id: string; title: string; url: string; version: string };
  error?: string;
}

export function RetirePage({ context, resource, error }: RetirePageProps) {
  const title = `Retirer « ${resource.title} »`;
  return (
    <Layout context={context} title={title} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current={title} />
        <h1>{title}</h1>
        {error === undefined ? null : (
          <ErrorAlert title="La ressource n’a pas été retirée" message={error} />
        )}
        <p>
          La ressource <a href={resource.url}>{resource.title}</a> ne sera plus proposée par la
          recherche ni affichée. Ses versions restent dans l’historique : vous pourrez la restaurer.
        </p>
        <form method="post" action={`/coordination/ressources/${resource.id}/retirer`}>
          <CsrfField token={context.csrfToken} />
          <input type="hidden" name="version" value={resource.version} />
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button class="fr-btn" type="submit">
                Confirmer le retrait
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/coordination">
                Annuler
              </a>
            </li>
          </ul>
        </form>
      </div>
    </Layout>
  );
}
