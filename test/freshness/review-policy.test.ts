import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  loadReviewPolicy,
  parseReviewPolicy,
  reviewStatus,
  ReviewPolicyError,
} from '../../src/freshness/review-policy.ts';
import { projectRoot } from '../helpers/service.ts';

/** The review rules are data, checked at load; a resource's status follows from them and the clock. */

const policy = await loadReviewPolicy(path.join(projectRoot, 'guides/relecture.yml'));
const now = new Date('2026-11-26T12:00:00Z');

describe('review policy › the shipped rules (guides/relecture.yml)', () => {
  it('guides every 12 months; défis, blog posts and people never', () => {
    assert.equal(policy.intervals.guide, 12);
    assert.equal(policy.intervals.defi, null);
    assert.equal(policy.intervals.article, null);
    assert.equal(policy.intervals.personne, null);
  });

  it('a type missing from the file is refused, the field named', () => {
    const { guide: _guide, ...intervals } = policy.intervals;
    assert.throws(
      () => parseReviewPolicy({ soonDays: 30, intervals }, 'relecture.yml'),
      (error: unknown) =>
        error instanceof ReviewPolicyError &&
        error.code === 'invalid_review_policy' &&
        /relecture\.yml/.test(error.message) &&
        /intervals\.guide/.test(error.message),
    );
  });

  it('an interval that is not a positive number of months is refused', () => {
    assert.throws(
      () =>
        parseReviewPolicy(
          { soonDays: 30, intervals: { ...policy.intervals, pdf: 0 } },
          'relecture.yml',
        ),
      /intervals\.pdf/,
    );
  });
});

describe('review status', () => {
  it('a guide reviewed 13 months ago is overdue, since the day its 12 months ran out', () => {
    assert.deepEqual(reviewStatus({ type: 'guide', reviewed: '2025-10-26' }, policy, now), {
      state: 'overdue',
      since: '2025-10-26',
      dueOn: '2026-10-26',
      overdueDays: 31,
    });
  });

  it('a défi, however old, is historical', () => {
    assert.deepEqual(reviewStatus({ type: 'defi', date: '2017-01-01' }, policy, now), {
      state: 'historical',
    });
  });

  it('a guide due within soonDays is « soon », a later one current', () => {
    const soon = reviewStatus({ type: 'guide', reviewed: '2025-12-10' }, policy, now);
    assert.equal(soon.state, 'soon');
    assert.ok('overdueDays' in soon && soon.overdueDays === -14);
    assert.equal(
      reviewStatus({ type: 'guide', reviewed: '2026-11-16' }, policy, now).state,
      'current',
    );
  });

  it('never reviewed: counted from the content’s own date; no date at all: unknown', () => {
    assert.equal(reviewStatus({ type: 'pdf', date: '2023-05-02' }, policy, now).state, 'overdue');
    assert.equal(reviewStatus({ type: 'guide' }, policy, now).state, 'unknown');
  });

  it('a review on the 31st falls due on the last day of a shorter month', () => {
    const status = reviewStatus(
      { type: 'page', reviewed: '2025-01-31' },
      { ...policy, intervals: { ...policy.intervals, page: 1 } },
      now,
    );
    assert.ok('dueOn' in status && status.dueOn === '2025-02-28');
  });
});
