import type { ComponentChildren } from 'preact';
import {
  errorAnchor,
  schemaAnchor,
  type ApiReference,
  type FieldView,
  type OperationView,
  type TypePart,
} from '../../api-docs/reference.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { Layout, type PageContext } from '../layout.tsx';

/**
 * /api/docs: the API reference in the site's layout, rendered on the server from the
 * OpenAPI document. Every operation with its parameters (described, with an example), its
 * body and its answers; then every named schema with its fields. No script, nothing
 * fetched from elsewhere; the raw document stays at /api/openapi.json.
 */

export interface ApiDocsPageProps {
  context: PageContext;
  reference: ApiReference;
}

export const apiDocsTitle = 'Documentation de l’API';

export function ApiDocsPage({ context, reference }: ApiDocsPageProps) {
  return (
    <Layout
      context={context}
      title={apiDocsTitle}
      description="Rechercher dans Repères et lire ses ressources depuis un programme : les adresses, leurs paramètres et leurs réponses."
    >
      <div class="fr-container fr-pt-4w fr-pb-12w">
        <Breadcrumb trail={[{ label: 'Accueil', href: '/' }, { label: apiDocsTitle }]} />
        <h1>{apiDocsTitle}</h1>
        <p class="fr-text--lead">
          <CodeText text={reference.description ?? ''} />
        </p>
        <ul>
          <li>
            Version {reference.version}, au format OpenAPI 3.1 :{' '}
            <a href="/api/openapi.json" type="application/json">
              la description complète en JSON
            </a>{' '}
            (pour générer un client ou l’importer dans un outil).
          </li>
          {reference.serverUrl === undefined ? null : (
            <li>
              Adresse de base : <code>{reference.serverUrl}</code>
            </li>
          )}
          <li>
            Les lectures sont ouvertes à tous. Les écritures et les statistiques sont réservées aux
            coordinateurs et coordinatrices : leur session sur le site, ou un jeton d’API dans
            l’en-tête <code>Authorization: Bearer</code>
            {reference.security.map((scheme) => (
              <span key={scheme.name}>
                {' '}
                (<CodeText text={scheme.description ?? scheme.name} />)
              </span>
            ))}
            .
          </li>
        </ul>

        <nav class="fr-summary fr-mt-4w" role="navigation" aria-labelledby="api-sommaire">
          <h2 class="fr-summary__title" id="api-sommaire">
            Sommaire
          </h2>
          <ol>
            {reference.operations.map((operation) => (
              <li key={operation.id}>
                <a class="fr-summary__link" href={`#${operation.id}`}>
                  <span class="rp-api-method">{operation.method}</span> {operation.path} :{' '}
                  {operation.summary}
                </a>
              </li>
            ))}
            <li>
              <a class="fr-summary__link" href="#erreurs">
                Les erreurs
              </a>
            </li>
            <li>
              <a class="fr-summary__link" href="#schemas">
                Les schémas des réponses et des corps
              </a>
            </li>
          </ol>
        </nav>

        <h2 class="fr-mt-6w">Les adresses</h2>
        {reference.operations.map((operation) => (
          <Operation key={operation.id} operation={operation} />
        ))}

        <h2 class="fr-mt-8w" id="erreurs">
          Les erreurs
        </h2>
        <p>
          Une erreur répond <code>{'{ "error": { "code", "message", "parameter"? } }'}</code> :{' '}
          <code>code</code> ne change pas d’une version à l’autre, <code>message</code> s’adresse
          aux personnes, <code>parameter</code> nomme le paramètre refusé.
        </p>
        <ScrollTable caption="Les erreurs, par code HTTP">
          <thead>
            <tr>
              <th scope="col">Code HTTP</th>
              <th scope="col">Signification</th>
              <th scope="col">Valeurs de error.code</th>
            </tr>
          </thead>
          <tbody>
            {reference.errors.map((error) => (
              <tr key={error.status} id={error.id}>
                <th scope="row">{error.status}</th>
                <td>
                  <CodeText text={error.description} />
                </td>
                <td>
                  {error.codes.map((code, index) => (
                    <span key={code}>
                      {index === 0 ? null : ', '}
                      <code>{code}</code>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>

        <h2 class="fr-mt-8w" id="schemas">
          Les schémas
        </h2>
        <p>Les objets que l’API reçoit et renvoie ; leurs champs se déplient sous chacun.</p>
        {reference.schemas.map((schema) => (
          <section
            class="fr-mt-4w"
            id={schema.id}
            key={schema.id}
            aria-labelledby={`${schema.id}-titre`}
          >
            <h3 class="fr-h5" id={`${schema.id}-titre`}>
              <code>{schema.name}</code>
            </h3>
            {schema.description === undefined ? null : (
              <p>
                <CodeText text={schema.description} />
              </p>
            )}
            {schema.fields.length === 0 ? (
              <p>
                Type : <TypeText parts={schema.type} />
              </p>
            ) : (
              // Folded: 50 schemas unfolded make a page too long to find one's way in.
              <details class="rp-api-fields">
                <summary>
                  {schema.fields.length === 1
                    ? `Le champ de ${schema.name}`
                    : `Les ${schema.fields.length} champs de ${schema.name}`}
                </summary>
                <Fields fields={schema.fields} caption={`Champs de ${schema.name}`} />
              </details>
            )}
          </section>
        ))}
      </div>
    </Layout>
  );
}

function Operation({ operation }: { operation: OperationView }) {
  const id = operation.id;
  return (
    <section class="rp-api-operation fr-mt-4w fr-pt-3w" id={id} aria-labelledby={`${id}-titre`}>
      <h3 class="fr-h4" id={`${id}-titre`}>
        <span class="rp-api-method">{operation.method}</span> <code>{operation.path}</code>
      </h3>
      <p class="fr-text--lg fr-mb-1w">{operation.summary}</p>
      {operation.authenticated ? (
        <p class="fr-badge fr-badge--sm fr-badge--info fr-mb-1w">Coordinateurs seulement</p>
      ) : null}
      {operation.description === undefined ? null : (
        <p>
          <CodeText text={operation.description} />
        </p>
      )}
      {operation.parameters.length === 0 ? null : (
        <>
          <h4 class="fr-h6">Paramètres</h4>
          <ScrollTable caption={`Paramètres de ${operation.method} ${operation.path}`}>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Où</th>
                <th scope="col">Description</th>
                <th scope="col">Exemple</th>
                <th scope="col">Type et valeurs</th>
              </tr>
            </thead>
            <tbody>
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.location}-${parameter.name}`}>
                  <th scope="row">
                    <code>{parameter.name}</code>
                    {parameter.required ? <> (obligatoire)</> : null}
                  </th>
                  <td>{parameter.location}</td>
                  <td>
                    <CodeText text={parameter.description ?? ''} />
                  </td>
                  <td>
                    {parameter.example === undefined ? null : <code>{parameter.example}</code>}
                  </td>
                  <td>
                    <TypeText parts={parameter.type} />
                    <Rules rules={parameter.rules} />
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
      {operation.body === undefined ? null : (
        <>
          <h4 class="fr-h6">Corps de la requête</h4>
          <p>
            {operation.body.description === undefined ? null : (
              <>
                <CodeText text={operation.body.description} /> :{' '}
              </>
            )}
            <TypeText parts={operation.body.type} />, en{' '}
            {operation.body.mediaTypes.map((type, index) => (
              <span key={type}>
                {index === 0 ? null : ' ou '}
                <code>{type}</code>
              </span>
            ))}
            .
          </p>
          {operation.body.fields.length === 0 ? null : (
            <Fields
              fields={operation.body.fields}
              caption={`Champs du corps de ${operation.method} ${operation.path}`}
            />
          )}
        </>
      )}
      <h4 class="fr-h6">Réponses</h4>
      <ul>
        {operation.responses.map((response) => (
          <li key={response.status}>
            <strong>{response.status}</strong> : <CodeText text={response.description} />
            {response.type.length === 0 ? null : (
              <>
                {' '}
                (<TypeText parts={response.type} />
                {response.mediaTypes.map((type, index) => (
                  <span key={type}>
                    {index === 0 ? ', en ' : ' ou '}
                    <code>{type}</code>
                  </span>
                ))}
                )
              </>
            )}
          </li>
        ))}
        {operation.errors.length === 0 ? null : (
          <li>
            Erreurs possibles :{' '}
            {operation.errors.map((status, index) => (
              <span key={status}>
                {index === 0 ? null : ', '}
                <a href={`#${errorAnchor(status)}`}>{status}</a>
              </span>
            ))}
          </li>
        )}
      </ul>
    </section>
  );
}

function Fields({ fields, caption }: { fields: FieldView[]; caption: string }) {
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Champ</th>
          <th scope="col">Type et valeurs</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.name}>
            <th scope="row">
              <code>{field.name}</code>
              {field.required ? null : <> (facultatif)</>}
            </th>
            <td>
              <TypeText parts={field.type} />
              <Rules rules={field.rules} />
            </td>
            <td>
              {field.description === undefined ? null : <CodeText text={field.description} />}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** A DSFR table that scrolls sideways on a phone: reachable with the keyboard, named by its caption. */
function ScrollTable({ caption, children }: { caption: string; children: ComponentChildren }) {
  return (
    <div class="fr-table fr-table--no-caption fr-mb-2w rp-scroll-table">
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

function TypeText({ parts }: { parts: TypePart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        'ref' in part ? (
          <a href={`#${schemaAnchor(part.ref)}`} key={index}>
            {part.ref}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function Rules({ rules }: { rules: string[] }) {
  if (rules.length === 0) return null;
  return <span class="rp-api-rules"> ; {rules.join(' ; ')}</span>;
}

/** The document's descriptions mark code with backquotes: shown as <code>. */
function CodeText({ text }: { text: string }) {
  return (
    <>
      {text
        .split('`')
        .map((piece, index) => (index % 2 === 1 ? <code key={index}>{piece}</code> : piece))}
    </>
  );
}
