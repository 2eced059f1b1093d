import type { Taxonomy } from '../../content/topics.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { ErrorAlert } from '../components/coordination-alerts.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import {
  FileField,
  ResourceFields,
  type ResourceFormValues,
} from '../components/resource-fields.tsx';
import { Layout, type PageContext } from '../layout.tsx';

/** "Publier une ressource" and "Modifier une ressource": the same fields, one form each. */

export interface ResourceFormPageProps {
  context: PageContext;
  taxonomy: Taxonomy;
  values: ResourceFormValues;
  /** The form's action, with its anti-forgery token (multipart bodies are read after the check). */
  action: string;
  /** Largest file accepted, in words ("20 Mo"). */
  maxFile: string;
  /** Why the last submission was refused (the API's message). */
  error?: string;
  /** The server-rendered preview of the Markdown text (sanitised HTML). */
  preview?: string;
  /** Editing: the resource and the version the form was opened on (If-Match). */
  resource?: { id: string; title: string; url: string; version: string; type: 'guide' | 'pdf' };
}

export function ResourceFormPage(props: ResourceFormPageProps) {
  const { resource } = props;
  const title = resource === undefined ? 'Publier une ressource' : `Modifier « ${resource.title} »`;
  return (
    <Layout context={props.context} title={title} headerSearch={false}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <CoordinationBreadcrumb current={title} />
        <h1>{title}</h1>
        {props.error === undefined ? null : (
          <ErrorAlert title="La ressource n’a pas été enregistrée" message={props.error} />
        )}
        <form method="post" action={props.action} encType="multipart/form-data">
          <CsrfField token={props.context.csrfToken} />
          {resource === undefined ? null : (
            <input type="hidden" name="version" value={resource.version} />
          )}
          <ResourceFields
            taxonomy={props.taxonomy}
            values={props.values}
            titleRequired={resource === undefined}
          />
          <h2 class="fr-h4 fr-mt-4w">
            {resource === undefined ? 'Contenu' : 'Remplacer le contenu (facultatif)'}
          </h2>
          <FileField
            label={resource === undefined ? 'Fichier PDF ou Markdown' : 'Nouveau fichier'}
            hint={`PDF ou Markdown en UTF-8, ${props.maxFile} au plus. ${
              resource === undefined
                ? 'Ou bien écrivez le texte ci-dessous.'
                : 'Laissez vide pour garder le fichier actuel.'
            }`}
          />
          {resource?.type === 'pdf' ? null : (
            <div class="fr-input-group">
              <label class="fr-label" for="rp-markdown">
                {resource === undefined ? 'Ou texte en Markdown' : 'Texte en Markdown'}
                <span class="fr-hint-text">
                  Titres avec #, listes avec -, liens [texte](adresse). « Prévisualiser » montre le
                  rendu sans publier.
                </span>
              </label>
              <textarea
                class="fr-input"
                id="rp-markdown"
                name="markdown"
                rows={14}
                value={props.values.markdown}
              />
            </div>
          )}
          <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
            <li>
              <button class="fr-btn" type="submit" name="action" value="enregistrer">
                {resource === undefined ? 'Publier' : 'Enregistrer'}
              </button>
            </li>
            {resource?.type === 'pdf' ? null : (
              <li>
                <button
                  class="fr-btn fr-btn--secondary"
                  type="submit"
                  name="action"
                  value="previsualiser"
                >
                  Prévisualiser
                </button>
              </li>
            )}
            <li>
              <a class="fr-btn fr-btn--tertiary" href="/coordination">
                Annuler
              </a>
            </li>
          </ul>
        </form>
        {props.preview === undefined ? null : (
          <section class="fr-mt-6w" aria-labelledby="rp-preview-title">
            <h2 id="rp-preview-title">Prévisualisation</h2>
            <div class="fr-card fr-p-3w rp-preview">
              <div dangerouslySetInnerHTML={{ __html: props.preview }} />
            </div>
          </section>
        )}
      </div>
    </Layout>
  );
}

/** Accueil › Espace coordination › the page. */
export function CoordinationBreadcrumb({
  current,
  parent,
}: {
  current?: string;
  /** A level between the workspace and the page (the parcours list). */
  parent?: { href: string; label: string };
}) {
  const workspace =
    current === undefined
      ? { label: 'Espace coordination' }
      : { label: 'Espace coordination', href: '/coordination' };
  return (
    <Breadcrumb
      trail={[
        { label: 'Accueil', href: '/' },
        workspace,
        ...(parent === undefined ? [] : [parent]),
        ...(current === undefined ? [] : [{ label: current }]),
      ]}
    />
  );
}
