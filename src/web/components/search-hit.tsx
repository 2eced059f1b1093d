import { resourceUrl } from '../../content/ids.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { Fragment } from 'preact';
import type { VersionRef } from '../../content/model.ts';
import type { SearchHit as Hit } from '../../search/search-sections.ts';
import type { DefiCardView, HitCardView, PersonCardView } from '../community/hit-cards.ts';
import { countLabel, topicLabel, typeLabel } from '../labels.ts';
import { parcoursUrl } from '../parcours/progress.ts';
import { internalHref, withHighlight } from '../urls.ts';
import { clickRedirectUrl } from '../../analytics/click-events.ts';

/** Which logged search a hit belongs to, and its rank there: its link then reports clicks. */
export interface HitClick {
  queryId: string;
  rank: number;
}

/**
 * A hit's title link. With a click to report, the href goes through `/aller` (recorded,
 * then 303 to the result) so that it works without JavaScript; result-clicks.js puts the
 * direct address back and reports the click with a beacon instead.
 */
export function HitLink(props: {
  href: string;
  hit: Hit;
  click: HitClick | undefined;
  children: string;
}) {
  const { href, hit, click } = props;
  if (click === undefined) return <a href={href}>{props.children}</a>;
  return (
    <a
      href={clickRedirectUrl({
        url: href,
        queryId: click.queryId,
        rank: click.rank,
        resultId: hit.id,
      })}
      data-click-href={href}
      data-click-query={click.queryId}
      data-click-rank={click.rank}
      data-click-result={hit.id}
    >
      {props.children}
    </a>
  );
}
import { reviewView, StaleBadge, type Freshness } from './review-note.tsx';
import { ArchivedBadge } from './archive-note.tsx';

/**
 * One search hit: type and topics, the resource title linking to the exact section (or
 * PDF page), where the passage sits in the document, and the highlighted snippet.
 */
export function SearchHit(props: {
  hit: Hit;
  q: string;
  taxonomy: Taxonomy;
  /** What the programme's data says of a défi or a person hit, when it is one. */
  card?: HitCardView | undefined;
  /** The logged search and the hit's rank in it, when clicks are reported. */
  click?: HitClick | undefined;
  /** The review rules and the time: hits say when they were reviewed and if they are stale. */
  freshness?: Freshness | undefined;
  /** The results page the hit is listed on: its resource page links back to it. */
  back?: string | undefined;
}) {
  const { hit, q, taxonomy, card, click } = props;
  const back = props.back;
  if (card?.kind === 'defi')
    return <DefiHit hit={hit} q={q} card={card} click={click} back={back} />;
  if (card?.kind === 'personne')
    return <PersonHit hit={hit} q={q} card={card} click={click} back={back} />;
  const path = headingPath(hit);
  // A parcours's passages are its steps, on its own page.
  const isParcours = hit.type === 'parcours';
  const resourcePage = withHighlight(
    isParcours ? hit.url.replace(/#.*$/, '') : resourceUrl(hit.resourceId),
    q,
    props.back,
  );
  const others = hit.otherSections ?? 0;
  const review = props.freshness === undefined ? undefined : reviewView(hit, props.freshness);
  return (
    <li class="rp-hit">
      <p class="rp-hit__meta">
        <span class="fr-badge fr-badge--sm fr-badge--blue-ecume">{typeLabel(hit.type)}</span>
        {hit.archived ? <ArchivedBadge small /> : null}
        {review?.stale === true ? <StaleBadge /> : null}
        {hit.ocr === true ? (
          // The passage was read by OCR in an image of the page: it may hold reading errors.
          <span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
            Texte reconnu automatiquement
          </span>
        ) : null}
        {hit.topics.length === 0 ? null : (
          <span class="rp-hit__topics">
            {hit.topics.map((slug) => topicLabel(taxonomy, slug)).join(' · ')}
          </span>
        )}
      </p>
      <ParcoursBadges memberships={hit.parcours ?? []} />
      <h3 class="rp-hit__title">
        <HitLink href={hitHref(hit, q, props.back)} hit={hit} click={click}>
          {hit.title}
        </HitLink>
      </h3>
      {path.length === 0 ? null : (
        <p class="rp-hit__path">
          <span class="fr-sr-only">Emplacement : </span>
          {path.join(' › ')}
        </p>
      )}
      {hit.snippet === '' ? null : (
        // Escaped by the search module, with <mark> around the matches (src/search/snippet.ts).
        <p class="rp-hit__snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
      )}
      <OtherVersions versions={hit.otherVersions ?? []} q={q} />
      {review?.line === undefined ? null : <p class="rp-hit__review">{review.line}</p>}
      {hit.page === undefined && others === 0 ? null : (
        <p class="rp-hit__links">
          {hit.page === undefined ? null : (
            <a class="fr-link fr-link--sm" href={`${resourcePage}#page-${hit.page}`}>
              Lire le texte de la page {hit.page}
            </a>
          )}
          {others === 0 ? null : (
            <a
              class="fr-link fr-link--sm"
              href={q === '' || isParcours ? resourcePage : `${resourcePage}#passages`}
            >
              {countLabel(others, 'autre passage', 'autres passages')}
              <span class="fr-sr-only"> dans « {hit.title} »</span>
            </a>
          )}
        </p>
      )}
    </li>
  );
}

/**
 * "Autre version : …": the near-duplicates of the hit's document (a draft and its final
 * version, a guide and its archived copy), shown once rather than as hits of their own.
 */
export function OtherVersions(props: { versions: VersionRef[]; q: string }) {
  const { versions, q } = props;
  if (versions.length === 0) return null;
  return (
    <p class="rp-hit__versions">
      {versions.length === 1 ? 'Autre version : ' : 'Autres versions : '}
      {versions.map((version, i) => (
        <Fragment key={version.id}>
          {i === 0 ? '' : ', '}
          <a class="fr-link fr-link--sm" href={withHighlight(version.url, q)}>
            {version.title}
          </a>{' '}
          <span class="rp-hit__file">({fileName(version.path)})</span>
        </Fragment>
      ))}
    </p>
  );
}

/** The last part of a path: versions often share a title, never a file name. */
export function fileName(path: string): string {
  return path.split('/').at(-1) ?? path;
}

/** Headings above the passage, without the title repeated, or the PDF page. */
export function headingPath(hit: Hit): string[] {
  if (hit.page !== undefined) return [`Page ${hit.page}`];
  const [first, ...rest] = hit.hierarchy;
  return first === hit.title ? rest : hit.hierarchy;
}

/** A parcours a hit's resource belongs to: its slug and title, the step, of how many. */
export interface ParcoursMembershipView {
  slug: string;
  title: string;
  step: number;
  of: number;
}

/** "Étape 3 · Bien démarrer sa promotion": links to the resource's step in each parcours. */
export function ParcoursBadges(props: { memberships: ParcoursMembershipView[] }) {
  if (props.memberships.length === 0) return null;
  return (
    <ul class="fr-tags-group rp-hit__parcours">
      {props.memberships.map((membership) => (
        <li key={membership.slug}>
          <a
            class="fr-tag fr-tag--sm"
            href={`${parcoursUrl(membership.slug)}#etape-${membership.step}`}
          >
            {/* One inline box: the tag is a flex container, which would drop the spaces. */}
            <span>
              {`Étape ${membership.step}`}
              <span class="fr-sr-only">{` sur ${membership.of} du parcours`}</span>
              {` · ${membership.title}`}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Where a hit's title leads: its section (or PDF page), with the words to mark. */
function hitHref(hit: Hit, q: string, back?: string): string {
  return withHighlight(internalHref(hit.url, resourceUrl(hit.resourceId)), q, back);
}

/**
 * A défi hit as a DSFR card: title, one-line description, administration, promotion and
 * skills, rather than a passage of its text. The whole card is the link (fr-enlarge-link),
 * so the skills are tags that link nowhere.
 */
export function DefiHit(props: {
  hit: Hit;
  q: string;
  card: DefiCardView;
  click?: HitClick | undefined;
  back?: string | undefined;
}) {
  const { hit, q, card } = props;
  return (
    <li class="rp-hit rp-hit--card">
      <div class="fr-card fr-card--sm fr-enlarge-link">
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h3 class="fr-card__title">
              <HitLink href={hitHref(hit, q, props.back)} hit={hit} click={props.click}>
                {hit.title}
              </HitLink>
            </h3>
            {card.description === undefined ? null : (
              <p class="fr-card__desc">{card.description}</p>
            )}
            <div class="fr-card__start">
              <ul class="fr-badges-group">
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--blue-ecume">{typeLabel(hit.type)}</p>
                </li>
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--purple-glycine">
                    <span class="fr-sr-only">Promotion : </span>
                    {card.promotion} ({card.year})
                  </p>
                </li>
              </ul>
              <p class="fr-card__detail">
                <span class="fr-sr-only">Administration : </span>
                {card.administration}
              </p>
            </div>
            {card.skills.length === 0 ? null : (
              <div class="fr-card__end">
                <p class="fr-sr-only">Compétences :</p>
                <ul class="fr-tags-group">
                  {card.skills.map((skill) => (
                    <li key={skill.code}>
                      <p class="fr-tag fr-tag--sm">{skill.label}</p>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}

/** A person hit: their name, profile and promotions, and the défis they took part in. */
export function PersonHit(props: {
  hit: Hit;
  q: string;
  card: PersonCardView;
  click?: HitClick | undefined;
  back?: string | undefined;
}) {
  const { hit, q, card } = props;
  return (
    <li class="rp-hit">
      <p class="rp-hit__meta">
        <span class="fr-badge fr-badge--sm fr-badge--purple-glycine">{typeLabel(hit.type)}</span>
        <span class="rp-hit__topics">{[card.profile, ...card.promotions].join(' · ')}</span>
      </p>
      <h3 class="rp-hit__title">
        <HitLink href={hitHref(hit, q, props.back)} hit={hit} click={props.click}>
          {hit.title}
        </HitLink>
      </h3>
      {card.defis.length === 0 ? null : (
        <p class="rp-hit__snippet">
          {card.defis.length === 1 ? 'Défi : ' : 'Défis : '}
          {card.defis.join(', ')}
        </p>
      )}
    </li>
  );
}
