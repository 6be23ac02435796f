// The date range of a reconciliation run. Pure: the caller passes `now`.
import { Invalid, type FieldIssue } from "../errors";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A quarter (92 days at most) plus a day of slack. Longer ranges would read months of Stripe's
 * balance transactions in one request; a run per quarter covers any audit.
 */
export const MAX_RANGE_DAYS = 93;

export interface ReconciliationRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** The problems of a requested range, each naming its field; [] when it can be run. */
export function rangeIssues(range: ReconciliationRange, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (range.to.getTime() <= range.from.getTime()) issues.push({ path: "to", message: `must be after from (${range.from.toISOString()})` });
  else if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * DAY_MS) issues.push({ path: "to", message: `must be at most ${MAX_RANGE_DAYS} days after from (${range.from.toISOString()})` });
  // What has not happened yet cannot be compared: the gateway's books for it are still open.
  if (range.to.getTime() > now.getTime()) issues.push({ path: "to", message: `must not be later than now (${now.toISOString()})` });
  if (range.from.getTime() > now.getTime()) issues.push({ path: "from", message: `must not be later than now (${now.toISOString()})` });
  return issues;
}

export function assertRunnableRange(range: ReconciliationRange, now: Date): void {
  const issues = rangeIssues(range, now);
  if (issues.length > 0) throw new Invalid(issues);
}

/** The UTC day before `now`'s: what the daily job reconciles. */
export function previousUtcDay(now: Date): ReconciliationRange {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from: new Date(to.getTime() - DAY_MS), to };
}

/** The daily job's key for a day: one scheduled run per organization and day. */
export const dailyScheduleKey = (range: ReconciliationRange) => `daily:${range.from.toISOString().slice(0, 10)}`;
