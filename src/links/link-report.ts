import { createHash } from 'node:crypto';
import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { settle } from '../engine/tasks.ts';
import { isBroken, type LinkOutcome } from './check-link.ts';
import type { LinkLocation } from './external-links.ts';

/**
 * The last link check, kept in Meilisearch (`<prefix>-links`, one record per address)
 * so that every replica of the service shows the same review queue; the cache in
 * DATA_DIR only saves requests.
 */

/** One checked address and every place of the content that links it. */
export interface LinkFinding {
  url: string;
  outcome: LinkOutcome;
  /** ISO timestamp of the check (from the cache when it was not checked again). */
  checkedAt: string;
  locations: LinkLocation[];
}

type LinkRecord = LinkFinding & { id: string };

/** The index of a deployment's link report, named from its prefix. */
export function linkReportIndex(prefix: string): string {
  return `${prefix}-links`;
}

/** Where the report is read and written. */
export interface LinkReportDeps {
  meili: Meilisearch;
  /** See `linkReportIndex`. */
  index: string;
}

/** Replaces the report by a run's findings: new records first, then the stale ones go. */
export async function writeLinkReport(
  deps: LinkReportDeps,
  findings: LinkFinding[],
): Promise<void> {
  const index = deps.meili.index<LinkRecord>(deps.index);
  const before = new Set((await readRecords(deps)).map((record) => record.id));
  const records = findings.map((finding): LinkRecord => ({
    id: recordId(finding.url),
    ...finding,
  }));
  if (records.length > 0) {
    await settle(index.addDocuments(records, { primaryKey: 'id' }), 'rapport des liens');
  }
  for (const record of records) before.delete(record.id);
  if (before.size > 0) {
    await settle(index.deleteDocuments([...before]), 'rapport des liens');
  }
}

/** The findings of the last run (empty before the first). */
export async function readLinkReport(deps: LinkReportDeps): Promise<LinkFinding[]> {
  return (await readRecords(deps)).map(({ id: _id, ...finding }) => finding);
}

async function readRecords(deps: LinkReportDeps): Promise<LinkRecord[]> {
  const records: LinkRecord[] = [];
  try {
    for (let offset = 0; ; offset += 1000) {
      const page = await deps.meili
        .index<LinkRecord>(deps.index)
        .getDocuments({ limit: 1000, offset });
      records.push(...page.results);
      if (page.results.length < 1000) return records;
    }
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return [];
    throw error;
  }
}

/** A record id Meilisearch accepts, stable per address. */
function recordId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 40);
}

/**
 * One item of the coordinators' review queue from the link check: a page to fix because
 * a link in it is broken (`broken-link`, first) or has moved for good (`moved-link`,
 * after every other item).
 */
export interface LinkReviewItem {
  kind: 'broken-link' | 'moved-link';
  resourceId: string;
  title: string;
  resourceUrl: string;
  /** Where on the page: the section's anchor and heading. */
  anchor?: string;
  heading?: string;
  url: string;
  outcome: LinkOutcome;
  checkedAt: string;
  /** What is wrong, in French, for the queue ("introuvable (404)", "déplacé vers …"). */
  label: string;
}

/** The review items of a report: broken links first, then moved ones, each by page. */
export function linkReviewItems(findings: LinkFinding[]): LinkReviewItem[] {
  const items: LinkReviewItem[] = [];
  for (const finding of findings) {
    const kind = isBroken(finding.outcome)
      ? 'broken-link'
      : finding.outcome.status === 'moved'
        ? 'moved-link'
        : undefined;
    if (kind === undefined) continue;
    for (const location of finding.locations) {
      items.push({
        kind,
        ...location,
        url: finding.url,
        outcome: finding.outcome,
        checkedAt: finding.checkedAt,
        label: describeOutcome(finding.outcome),
      });
    }
  }
  const rank = (item: LinkReviewItem) => (item.kind === 'broken-link' ? 0 : 1);
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.title.localeCompare(b.title, 'fr') ||
      (a.anchor ?? '').localeCompare(b.anchor ?? '') ||
      a.url.localeCompare(b.url),
  );
}

/** What an outcome means, in French. */
export function describeOutcome(outcome: LinkOutcome): string {
  switch (outcome.status) {
    case 'ok':
      return `valide (${outcome.httpStatus})`;
    case 'moved':
      return `déplacé vers ${outcome.target}`;
    case 'broken':
      if (outcome.httpStatus >= 300 && outcome.httpStatus < 400) {
        return `trop de redirections (${outcome.httpStatus})`;
      }
      return `${outcome.httpStatus >= 500 ? 'erreur du serveur' : outcome.httpStatus === 404 || outcome.httpStatus === 410 ? 'introuvable' : 'refusé'} (${outcome.httpStatus})`;
    case 'timeout':
      return 'pas de réponse dans le délai';
    case 'unreachable':
      return outcome.reason === 'ENOTFOUND'
        ? 'nom de domaine inconnu (ENOTFOUND)'
        : `injoignable (${outcome.reason})`;
  }
}
