import { CopyLink } from './copy-link.tsx';
import type { DefiFields, KeyFigure, TeamMember } from '../../content/programme-fields.ts';
import { countLabel } from '../labels.ts';
import { personUrl, publicHref } from '../community/urls.ts';
import { searchUrl } from '../urls.ts';
import { ExternalLink } from './external-link.tsx';

/**
 * What the programme's data says about a défi, on its page: the facts beside the title
 * (administration, place, promotion, duration, skills), then its team, key figures,
 * deliverables, documents and the défis close to it.
 */

/** Another resource a défi page links to: a document that names it, a défi close to it. */
export interface DefiLinkView {
  id: string;
  title: string;
  url: string;
  /** What it is (« PDF », « Article »), where the list mixes kinds. */
  kind?: string;
  promotion?: string;
  organisation?: string;
  description?: string;
}

/** The entries of the page's description list (`<dl class="rp-meta">`) for a défi. */
export function DefiMetaEntries({ defi }: { defi: DefiFields }) {
  const website = publicHref(defi.administrationWebsite);
  return (
    <>
      <div>
        <dt>Administration</dt>
        <dd>
          {website === undefined ? (
            defi.administration
          ) : (
            <ExternalLink href={website} label={defi.administration} />
          )}
        </dd>
      </div>
      {defi.city === undefined ? null : (
        <div>
          <dt>Lieu</dt>
          <dd>{defi.city}</dd>
        </div>
      )}
      <div>
        <dt>Promotion</dt>
        <dd>
          <a href={searchUrl({ promotion: [defi.promotion] })}>{defi.promotion}</a> ({defi.year})
        </dd>
      </div>
      {defi.durationMonths === undefined ? null : (
        <div>
          <dt>Durée</dt>
          <dd>{countLabel(defi.durationMonths, 'mois', 'mois')}</dd>
        </div>
      )}
      {defi.skills.length === 0 ? null : (
        <div>
          <dt>Compétences</dt>
          <dd>
            <ul class="fr-tags-group">
              {defi.skills.map((skill) => (
                <li key={skill.code}>
                  <a
                    class="fr-tag fr-tag--sm"
                    href={searchUrl({ type: ['defi'], competence: [skill.code] })}
                  >
                    {skill.label}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </>
  );
}

/** The blocks below a défi's text, in reading order, with the ids the summary links to. */
export function defiBlocks(
  defi: DefiFields,
  extra: { documents: DefiLinkView[]; related: DefiLinkView[] },
): { id: string; label: string }[] {
  const blocks: { id: string; label: string; present: boolean }[] = [
    { id: 'equipe', label: 'L’équipe', present: defi.team.length > 0 },
    { id: 'chiffres-cles', label: 'Chiffres clés', present: defi.keyFigures.length > 0 },
    { id: 'realisations', label: 'Réalisations', present: defi.deliverables.length > 0 },
    { id: 'documents', label: 'Documents du défi', present: extra.documents.length > 0 },
    { id: 'defis-proches', label: 'Défis proches', present: extra.related.length > 0 },
  ];
  return blocks.filter((block) => block.present).map(({ id, label }) => ({ id, label }));
}

/** The links of a défi: its source code and its website, when the data gives them. */
export function DefiLinks({ defi }: { defi: DefiFields }) {
  const code = publicHref(defi.sourceCode);
  const website = publicHref(defi.website);
  if (code === undefined && website === undefined) return null;
  return (
    <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm rp-defi-links">
      {code === undefined ? null : (
        <li>
          <ExternalLink class="fr-btn fr-btn--secondary" href={code} label="Code source" />
        </li>
      )}
      {website === undefined ? null : (
        <li>
          <ExternalLink class="fr-btn fr-btn--tertiary" href={website} label="Site du projet" />
        </li>
      )}
    </ul>
  );
}

/** Team, key figures, deliverables, documents, related défis: each block when it has content. */
export function DefiSections(props: {
  defi: DefiFields;
  documents: DefiLinkView[];
  related: DefiLinkView[];
}) {
  const { defi, documents, related } = props;
  const eigs = defi.team.filter((member) => member.role === 'eig');
  const mentors = defi.team.filter((member) => member.role === 'mentor');
  return (
    <>
      {defi.team.length === 0 ? null : (
        <section class="fr-mt-6w" id="equipe" aria-labelledby="equipe-titre">
          <h2 class="fr-h4" id="equipe-titre">
            L’équipe
          </h2>
          <CopyLink id="equipe" heading="L’équipe" />
          <div class="fr-grid-row fr-grid-row--gutters">
            <TeamList id="equipe-eig" title="Entrepreneurs d’intérêt général" members={eigs} />
            <TeamList id="equipe-mentors" title="Mentors" members={mentors} />
          </div>
        </section>
      )}
      {defi.keyFigures.length === 0 ? null : (
        <section class="fr-mt-6w" id="chiffres-cles" aria-labelledby="chiffres-cles-titre">
          <h2 class="fr-h4" id="chiffres-cles-titre">
            Chiffres clés
          </h2>
          <CopyLink id="chiffres-cles" heading="Chiffres clés" />
          <ul class="rp-figures">
            {defi.keyFigures.map((figure, i) => (
              <li key={i}>
                <KeyFigureText figure={figure} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {defi.deliverables.length === 0 ? null : (
        <section class="fr-mt-6w" id="realisations" aria-labelledby="realisations-titre">
          <h2 class="fr-h4" id="realisations-titre">
            Réalisations
          </h2>
          <CopyLink id="realisations" heading="Réalisations" />
          <ul class="fr-raw-list">
            {defi.deliverables.map((deliverable, i) => {
              const href = publicHref(deliverable.url);
              return (
                <li class="rp-item" key={i}>
                  <h3 class="rp-item__title">
                    {href === undefined ? (
                      deliverable.title
                    ) : (
                      <ExternalLink href={href} label={deliverable.title} />
                    )}
                  </h3>
                  {deliverable.description === undefined ? null : (
                    <p class="rp-item__summary">{deliverable.description}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {documents.length === 0 ? null : (
        <LinkedResources id="documents" title="Documents du défi" items={documents} />
      )}
      {related.length === 0 ? null : (
        <LinkedResources id="defis-proches" title="Défis proches" items={related.slice(0, 5)} />
      )}
    </>
  );
}

function TeamList(props: { id: string; title: string; members: TeamMember[] }) {
  if (props.members.length === 0) return null;
  return (
    <div class="fr-col-12 fr-col-sm-6">
      <h3 class="fr-h6 fr-mb-1w" id={props.id}>
        {props.title}
      </h3>
      <ul class="rp-team" aria-labelledby={props.id}>
        {props.members.map((member) => (
          <li key={member.name}>
            {member.slug === undefined ? (
              member.name
            ) : (
              <a href={personUrl(member.slug)}>{member.name}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** « 965 zones réglementées cartographiées… »: the amount in figures, then its sentence. */
function KeyFigureText({ figure }: { figure: KeyFigure }) {
  return (
    <>
      <strong class="rp-figures__amount">{figure.amount.toLocaleString('fr-FR')}</strong>{' '}
      {lowerFirst(figure.description)}
    </>
  );
}

/** The description reads on from the amount: « Zones » becomes « zones », not « ADEX ». */
export function lowerFirst(text: string): string {
  const [first = '', second = ''] = text;
  return second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()
    ? first.toLowerCase() + text.slice(first.length)
    : text;
}

function LinkedResources(props: { id: string; title: string; items: DefiLinkView[] }) {
  return (
    <section class="fr-mt-6w" id={props.id} aria-labelledby={`${props.id}-titre`}>
      <h2 class="fr-h4" id={`${props.id}-titre`}>
        {props.title}
      </h2>
      <CopyLink id={props.id} heading={props.title} />
      <ul class="fr-raw-list">
        {props.items.map((item) => {
          const meta = [item.promotion, item.organisation].filter(
            (value): value is string => value !== undefined && value !== '',
          );
          return (
            <li class="rp-item" key={item.id}>
              {item.kind === undefined ? null : (
                <p class="rp-item__type">
                  <span class="fr-badge fr-badge--sm fr-badge--blue-ecume">{item.kind}</span>
                </p>
              )}
              <h3 class="rp-item__title">
                <a href={item.url}>{item.title}</a>
              </h3>
              {item.description === undefined ? null : (
                <p class="rp-item__summary">{item.description}</p>
              )}
              {meta.length === 0 ? null : <p class="rp-item__meta">{meta.join(' · ')}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
