import type { Resource, ResourceType } from '../content/model.ts';
import type { IndexReadDeps } from '../index-lookup/index-lookup.ts';
import type { BrokenLink } from './broken-links.ts';
import { reviewStatus, type ReviewPolicy } from './review-policy.ts';

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
  /** Last review (YYYY-MM-DD); absent: never reviewed, counted from its own date. */
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

/** How often each resource is read, by id (clicks on its hits, when they are recorded). */
export type ReadCounts = () => Promise<ReadonlyMap<string, number>>;

export interface ReviewQueueDeps extends IndexReadDeps {
  policy: ReviewPolicy;
  now: () => Date;
  /** Absent: no reading figures yet, urgency alone orders the queue. */
  reads?: ReadCounts;
  /** The last link check's broken links; absent: none. */
  brokenLinks?: () => Promise<BrokenLink[]>;
}

type QueuedResource = Pick<
  Resource,
  'id' | 'title' | 'type' | 'url' | 'owner' | 'reviewed' | 'date'
>;
const queuedFields = ['id', 'title', 'type', 'url', 'owner', 'reviewed', 'date'] as const;

/** Every indexed resource, with only what the queue reads (a few fields: thousands fit). */
async function allResources(deps: IndexReadDeps): Promise<QueuedResource[]> {
  const resources: QueuedResource[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await deps.meili.index<QueuedResource>(deps.indexes.resources).getDocuments({
      fields: [...queuedFields],
      limit: 1000,
      offset,
    });
    resources.push(...page.results);
    if (page.results.length < 1000) return resources;
  }
}

/**
 * Overdue reviews first (most months overdue, then most read), then broken links (most read
 * first), then reviews due soon (nearest first, then most read), then moved links.
 */
function urgency(item: ReviewQueueItem): [number, number] {
  // A moved link still works: it comes after everything else.
  if (item.kind === 'broken-link') return item.link.failure.kind === 'moved' ? [3, 0] : [1, 0];
  // Overdue by whole months: within a month, the most read comes first.
  return item.overdueDays > 0 ? [0, -Math.floor(item.overdueDays / 30)] : [2, -item.overdueDays];
}

export function compareItems(a: ReviewQueueItem, b: ReviewQueueItem): number {
  const [groupA, daysA] = urgency(a);
  const [groupB, daysB] = urgency(b);
  return (
    groupA - groupB ||
    daysA - daysB ||
    b.reads - a.reads ||
    overdueDays(b) - overdueDays(a) ||
    a.title.localeCompare(b.title)
  );
}

function overdueDays(item: ReviewQueueItem): number {
  return item.kind === 'review' ? item.overdueDays : 0;
}

/** The review queue on `deps.now()`: resources past or within `soonDays` of their review date, and broken links. */
export async function buildReviewQueue(deps: ReviewQueueDeps): Promise<ReviewQueueItem[]> {
  const now = deps.now();
  const [resources, reads, broken] = await Promise.all([
    allResources(deps),
    deps.reads?.() ?? new Map<string, number>(),
    deps.brokenLinks?.() ?? [],
  ]);
  const base = (resource: QueuedResource): QueueItemBase => ({
    resourceId: resource.id,
    title: resource.title,
    type: resource.type,
    url: resource.url,
    ...(resource.owner === undefined ? {} : { owner: resource.owner }),
    reads: reads.get(resource.id) ?? 0,
  });
  const items: ReviewQueueItem[] = [];
  for (const resource of resources) {
    const status = reviewStatus(resource, deps.policy, now);
    if (status.state !== 'overdue' && status.state !== 'soon') continue;
    items.push({
      kind: 'review',
      ...base(resource),
      ...(resource.reviewed === undefined ? {} : { reviewed: resource.reviewed }),
      dueOn: status.dueOn,
      overdueDays: status.overdueDays,
    });
  }
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  for (const link of broken) {
    const resource = byId.get(link.resourceId);
    // A link of a resource since removed is no longer anyone's work.
    if (resource !== undefined) items.push({ kind: 'broken-link', ...base(resource), link });
  }
  return items.sort(compareItems);
}
