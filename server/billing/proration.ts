import type Decimal from "decimal.js";
import { BillingDecimal, ONE, toDecimal, type DecimalInput } from "./decimal";
import { localDayNumber } from "./local-time";
import type { Period } from "./types";

/**
 * Local calendar days the half-open period touches: a day partly covered counts, an end exactly
 * at local midnight does not touch the next day.
 */
export function countTouchedDays(period: Period, timezone: string): number {
  const startMs = period.start.getTime();
  const endMs = period.end.getTime();
  if (endMs <= startMs) return 0;
  // Dates have millisecond resolution, so end − 1 ms is the last instant inside the period.
  const lastDay = localDayNumber(new Date(endMs - 1), timezone);
  return lastDay - localDayNumber(period.start, timezone) + 1;
}

export type ProrationInput = { period: Period; fullPeriod: Period; timezone: string };

export type ProrationDays = { touched: number; total: number };

export function countProrationDays({ period, fullPeriod, timezone }: ProrationInput): ProrationDays {
  const total = countTouchedDays(fullPeriod, timezone);
  if (total === 0) throw new RangeError("the full period is empty");
  const touched = Math.min(countTouchedDays(period, timezone), total);
  return { touched, total };
}

/** days touched / days of the full period; exactly 1 for a full period. */
export function prorationFactor(input: ProrationInput): Decimal {
  const { touched, total } = countProrationDays(input);
  return touched === total ? ONE : new BillingDecimal(touched).div(total);
}

/**
 * amount × touched / total, multiplying before the one division so that an exact result (a
 * half-cent tie included) stays exact; amount × prorationFactor() could land a hair off a tie.
 */
export function prorateAmount(amount: DecimalInput, days: ProrationDays): Decimal {
  const exact = toDecimal(amount);
  return days.touched === days.total ? exact : exact.times(days.touched).div(days.total);
}
