// Receivables aging: what open invoices still owe, by how long past their due date.
import type Decimal from "decimal.js";
import { toDecimal, ZERO } from "../billing/decimal";

export const AGING_BUCKETS = ["current", "1-30", "31-60", "61-90", "over-90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const AGING_LABELS: Record<AgingBucket, string> = {
  current: "Current",
  "1-30": "1–30 days",
  "31-60": "31–60 days",
  "61-90": "61–90 days",
  "over-90": "Over 90 days",
};

const DAY_MS = 86_400_000;

/**
 * Whole days an invoice is past due at `now`: 0 until a full day after its due instant (an
 * invoice due today is current), and an invoice without a due date is current.
 */
export function daysPastDue(dueAt: Date | null, now: Date): number {
  if (!dueAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS));
}

export function agingBucket(daysPast: number): AgingBucket {
  if (daysPast <= 0) return "current";
  if (daysPast <= 30) return "1-30";
  if (daysPast <= 60) return "31-60";
  if (daysPast <= 90) return "61-90";
  return "over-90";
}

export interface AgingInput {
  daysPastDue: number;
  amountDue: Decimal | string;
  count: number;
}

export type Aging = Record<AgingBucket, { amount: Decimal; count: number }>;

/** Sums amounts (and invoice counts) into the five buckets; every bucket is present. */
export function bucketAging(rows: readonly AgingInput[]): Aging {
  const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, { amount: ZERO, count: 0 }])) as Aging;
  for (const row of rows) {
    const bucket = aging[agingBucket(row.daysPastDue)];
    bucket.amount = bucket.amount.plus(toDecimal(row.amountDue));
    bucket.count += row.count;
  }
  return aging;
}

const BUCKET_DAYS: Record<AgingBucket, [number, number | null]> = { current: [0, 0], "1-30": [1, 30], "31-60": [31, 60], "61-90": [61, 90], "over-90": [91, null] };

/**
 * The due instants of a bucket at `now`, as a half-open range (after, atOrBefore]: the invoice
 * list filters by it, so a bucket's link lists the invoices the bucket sums. `current` also holds
 * invoices without a due date.
 */
export function agingDueRange(bucket: AgingBucket, now: Date): { after: Date | null; atOrBefore: Date | null } {
  const [least, most] = BUCKET_DAYS[bucket];
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return { after: most === null ? null : daysAgo(most + 1), atOrBefore: least === 0 ? null : daysAgo(least) };
}
