import type { ResourceType } from '../content/model.ts';
import type { BrokenLink } from './broken-links.ts';

/**
 * The coordinators' to-do list of stale content: resources past or near their review
 * date, and broken links (from the link check: see broken-links.ts), most urgent first.
 */

/** What every item says about the resource it concerns. */
interface QueueItemBase {
  resourceId: string;
  title: string;
  type: ResourceType;
  /** Its page in the UI. */
  url: string;
  owner?: string;
  /** How often the resource is read (see `ReadCounts`): ties of urgency go to the most read. */
  reads: number;
}

/** A resource whose review date is past, or near. */
export interface ReviewItem extends QueueItemBase {
  kind: 'review';
  /** Last review (YYYY-MM-DD); absent: never reviewed, due since its last change. */
  reviewed?: string;
  /** When the next review is due (YYYY-MM-DD). */
  dueOn: string;
  /** Days past `dueOn` (negative: due in that many days). */
  overdueDays: number;
}

/** A link of the resource's content that the last link check found broken. */
export interface BrokenLinkItem extends QueueItemBase {
  kind: 'broken-link';
  link: BrokenLink;
}

export type ReviewQueueItem = ReviewItem | BrokenLinkItem;
