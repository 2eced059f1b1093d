import { ErrorAlert } from '../components/coordination-alerts.tsx';
import { RetireForm } from '../components/retire-form.tsx';
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
        <RetireForm
          action={`/coordination/ressources/${resource.id}/retirer`}
          csrfToken={context.csrfToken}
          version={resource.version}
          cancelHref="/coordination"
        />
      </div>
    </Layout>
  );
}
