import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { resourceTypes, type ResourceType } from '../content/model.ts';
import { ReperesError } from '../errors.ts';
import { formatIssues } from '../validation/format-issues.ts';

/**
 * How long content stays up to date, per resource type, kept as data (`guides/relecture.yml`),
 * and where one resource stands against it.
 */

const reviewPolicySchema = z.strictObject({
  soonDays: z.number().int().nonnegative(),
  intervals: z.strictObject(
    Object.fromEntries(
      resourceTypes.map((type) => [type, z.number().int().positive().nullable()]),
    ) as Record<ResourceType, z.ZodNullable<z.ZodNumber>>,
  ),
});

/** Months between two reviews per type (`null`: historical, never stale), and the warning lead. */
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

/** The review policy file is missing, unreadable or invalid. */
export class ReviewPolicyError extends ReperesError {
  override name = 'ReviewPolicyError';
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_review_policy', message, options);
  }
}

/** Validates parsed review policy data; `origin` names it in the error. */
export function parseReviewPolicy(data: unknown, origin: string): ReviewPolicy {
  const parsed = reviewPolicySchema.safeParse(data);
  if (!parsed.success)
    throw new ReviewPolicyError(
      `Règles de relecture invalides dans ${origin} : ${formatIssues(parsed.error).join(' ; ')}`,
    );
  return parsed.data;
}

/** Reads and validates the review policy file. */
export async function loadReviewPolicy(file: string): Promise<ReviewPolicy> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ReviewPolicyError(`Règles de relecture introuvables : ${file}`, { cause: error });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ReviewPolicyError(`Règles de relecture illisibles (YAML invalide) : ${file}`, {
      cause: error,
    });
  }
  return parseReviewPolicy(data, file);
}

/**
 * Where a resource stands: `historical` (its type never goes stale), `unknown` (no date to
 * count from), or due on `dueOn`, `overdueDays` past it (negative: still that many days to go),
 * `state` telling whether that is `overdue`, `soon` (within `soonDays`) or `current`.
 */
export type ReviewStatus =
  | { state: 'historical' | 'unknown' }
  | { state: 'current' | 'soon' | 'overdue'; dueOn: string; overdueDays: number; since: string };

/** What the status is computed from: a resource's, or a hit's, type and dates. */
export interface ReviewFields {
  type: ResourceType;
  reviewed?: string | undefined;
  date?: string | undefined;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A resource's review status on `now`. The interval counts from `reviewed`, or, for content
 * never reviewed, from its own `date`: a guide nobody reviewed is due a year after it was written.
 * @param resource its type and dates
 * @param policy the review intervals
 * @param now the current time
 */
export function reviewStatus(
  resource: ReviewFields,
  policy: ReviewPolicy,
  now: Date,
): ReviewStatus {
  const months = policy.intervals[resource.type];
  if (months === null) return { state: 'historical' };
  const since = resource.reviewed ?? resource.date;
  if (since === undefined || !/^\d{4}-\d{2}-\d{2}/.test(since)) return { state: 'unknown' };
  const dueOn = addMonths(since.slice(0, 10), months);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const overdueDays = Math.round((today - Date.parse(`${dueOn}T00:00:00Z`)) / dayMs);
  const state = overdueDays > 0 ? 'overdue' : -overdueDays <= policy.soonDays ? 'soon' : 'current';
  return { state, dueOn, overdueDays, since: since.slice(0, 10) };
}

/** The ISO date `months` after `isoDate`, clamped to the month's last day (31 jan + 1 → 28 feb). */
function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD, UTC) on `now`: what « marquer comme relu » records. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
