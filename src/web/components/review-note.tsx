import {
  reviewStatus,
  type ReviewFields,
  type ReviewPolicy,
} from '../../freshness/review-policy.ts';
import { formatDate } from '../labels.ts';

/** « Relu le … par … » and « À revoir »: how fresh a resource is, in hits and on its page. */

/** The review rules and the current time, which together say whether content is stale. */
export interface Freshness {
  policy: ReviewPolicy;
  now: Date;
}

/** What a resource's review looks like to a reader: the line to show and whether it is stale. */
export interface ReviewView {
  /** « Relu le 16 novembre 2026 par Équipe EIG Link »; absent when never reviewed. */
  line?: string;
  stale: boolean;
  /** When the review fell due (« 16 novembre 2026 »), for a stale resource. */
  dueLabel?: string;
}

/** The review line and staleness of a resource (or of a hit, which carries the same fields). */
export function reviewView(
  fields: ReviewFields & { owner?: string | undefined },
  freshness: Freshness,
): ReviewView {
  const status = reviewStatus(fields, freshness.policy, freshness.now);
  const reviewed = fields.reviewed === undefined ? undefined : formatDate(fields.reviewed);
  const line =
    reviewed === undefined
      ? undefined
      : `Relu le ${reviewed}${fields.owner === undefined ? '' : ` par ${fields.owner}`}`;
  const stale = status.state === 'overdue';
  const dueLabel = stale ? formatDate(status.dueOn) : undefined;
  return {
    ...(line === undefined ? {} : { line }),
    stale,
    ...(dueLabel === undefined ? {} : { dueLabel }),
  };
}

/** The « À revoir » badge: the content may be out of date. */
export function StaleBadge() {
  return <span class="fr-badge fr-badge--sm fr-badge--warning rp-stale">À revoir</span>;
}

/** The alert at the top of a stale resource's page: read it with care. */
export function StaleNotice(props: { view: ReviewView }) {
  return (
    <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w rp-stale-notice">
      <h2 class="fr-alert__title">Contenu à revoir</h2>
      <p>
        {props.view.dueLabel === undefined
          ? 'Cette ressource n’a pas été relue depuis longtemps : '
          : `Sa relecture était prévue le ${props.view.dueLabel} : `}
        certaines informations peuvent ne plus être à jour.
      </p>
    </div>
  );
}
