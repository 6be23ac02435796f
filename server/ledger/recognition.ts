// Revenue recognition, pure (docs/ledger.md "Revenue recognition and period close"): how a
// deferred invoice line is earned day by day over its service period, and the journal entries
// that record it. No I/O and no clock: the caller passes `now`; revenue-schedules.ts stores the
// schedules and posts the entries.
import Decimal from "decimal.js";
import { toDecimal, sumDecimals, ZERO, type DecimalInput } from "../billing/decimal";
import { localDayNumber, localMidnight } from "../billing/local-time";
import { minorUnits } from "../billing/money";
import { revenueAccount, type Account } from "./accounts";
import { entry, isDeferred, type JournalDraft } from "./postings";

export interface ServicePeriod {
  amount: DecimalInput;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  /** IANA zone whose calendar days divide the period. */
  timezone: string;
}

export interface RecognitionDay {
  /** The local calendar date, "2026-03-08". */
  date: string;
  /** When the day's share is earned: the end of the local day, or the period's end on its last day. */
  endsAt: Date;
  amount: Decimal;
}

const MS_PER_DAY = 86_400_000;

/** A calendar date from its serial day number (days since 1970-01-01). */
const dateOf = (dayNumber: number) => new Date(dayNumber * MS_PER_DAY);

/**
 * A line's amount split over the calendar days its service period touches in its zone, as
 * proration counts them (BILLING.md): every day counts once, whatever its length (a DST day of 23
 * or 25 hours, a partial first or last day). Each day gets the amount ÷ days cut to the currency's
 * minor unit toward zero, and the last day the remainder, so the pieces add up to the line exactly
 * and a negative line splits alike. Days are worked out one at a time on demand: the hourly job
 * needs only the few that ended since its last run, not a year of them.
 */
export interface DayPlan {
  count: number;
  /** Day i (from 0): its date, when it ends, its share. */
  day(i: number): RecognitionDay;
  /** Σ of the shares of days [from, to). */
  share(from: number, to: number): Decimal;
  /** How many days, in order, have ended at `now`. */
  earnedBy(now: Date): number;
}

export function planDays(period: ServicePeriod): DayPlan {
  const end = period.periodEnd.getTime();
  if (end <= period.periodStart.getTime()) throw new RangeError(`service period ${period.periodStart.toISOString()} – ${period.periodEnd.toISOString()} is empty`);
  const first = localDayNumber(period.periodStart, period.timezone);
  // The period is half-open: an end at local midnight does not touch the day it opens.
  const count = localDayNumber(new Date(end - 1), period.timezone) - first + 1;
  const amount = toDecimal(period.amount);
  const piece = amount.dividedBy(count).toDecimalPlaces(minorUnits(period.currency), Decimal.ROUND_DOWN);
  const last = amount.minus(piece.times(count - 1));
  return {
    count,
    day(i) {
      if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`day ${i} is outside the ${count} days of the period`);
      if (i === count - 1) return { date: dateOf(first + i).toISOString().slice(0, 10), endsAt: period.periodEnd, amount: last };
      // The day ends where the next date starts (its first instant where DST skips midnight).
      const next = dateOf(first + i + 1);
      const endsAt = localMidnight({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, period.timezone).toJSDate();
      return { date: dateOf(first + i).toISOString().slice(0, 10), endsAt, amount: piece };
    },
    share(from, to) {
      if (to <= from) return ZERO;
      return to === count ? piece.times(to - 1 - from).plus(last) : piece.times(to - from);
    },
    earnedBy(now) {
      if (now.getTime() >= end) return count;
      // Every date before the one `now` is in has ended; the last day ends only with the period.
      return Math.min(count - 1, Math.max(0, localDayNumber(now, period.timezone) - first));
    },
  };
}

/** Every day of a period at once. */
export function splitByDay(period: ServicePeriod): RecognitionDay[] {
  const plan = planDays(period);
  return Array.from({ length: plan.count }, (_, i) => plan.day(i));
}

/** When the first day of a period is earned. */
export function firstDayEndsAt(period: Pick<ServicePeriod, "periodStart" | "periodEnd" | "timezone">): Date {
  return planDays({ ...period, amount: "0", currency: "USD" }).day(0).endsAt;
}

/** A schedule as recognition reads it. */
export interface ScheduleRef {
  id: string;
  invoiceId: string;
  customerId: string;
  currency: string;
  account: Account;
  /** The invoice's finalize instant: nothing is recognized before the invoice exists. */
  finalizedAt: Date;
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * A day's accounting instant: its last millisecond (the journal keeps milliseconds), so the day
 * belongs to the month it is in rather than to the one its end opens, and never before the
 * invoice existed.
 */
function recognizedAt(schedule: Pick<ScheduleRef, "finalizedAt">, day: RecognitionDay): Date {
  return later(new Date(day.endsAt.getTime() - 1), schedule.finalizedAt);
}

/** When the next unrecognized day is earned (null when none is left). */
export function nextRecognitionAt(schedule: Pick<ScheduleRef, "finalizedAt">, plan: DayPlan, recognized: number): Date | null {
  return recognized < plan.count ? later(plan.day(recognized).endsAt, schedule.finalizedAt) : null;
}

/**
 * The entries recognizing days [from, to) of a schedule: deferred revenue down, its revenue
 * account up, dated at the last day's accounting instant. Days of different UTC months go to
 * different entries, so catching up after downtime still puts each month's revenue in that month.
 * Keyed by schedule and last date: posting the same days again writes nothing.
 */
export function recognitionEntries(schedule: ScheduleRef, plan: DayPlan, from: number, to: number): JournalDraft[] {
  const groups: RecognitionDay[][] = [];
  let month = "";
  for (let i = from; i < to; i++) {
    const day = plan.day(i);
    const dayMonth = recognizedAt(schedule, day).toISOString().slice(0, 7);
    if (dayMonth !== month || groups.length === 0) groups.push([]);
    month = dayMonth;
    groups[groups.length - 1]!.push(day);
  }
  return groups.map((group) => {
    const last = group[group.length - 1]!;
    const amount = sumDecimals(group.map((d) => d.amount));
    const through = group.length === 1 ? last.date : `${group[0]!.date} – ${last.date}`;
    return entry(
      {
        kind: "revenue_recognized",
        sourceKey: `revenue-recognized:${schedule.id}:${last.date}`,
        occurredAt: recognizedAt(schedule, last),
        currency: schedule.currency,
        customerId: schedule.customerId,
        invoiceId: schedule.invoiceId,
        memo: `Revenue recognized for ${through}`,
      },
      [
        ["deferred_revenue", amount],
        [schedule.account, amount.negated()],
      ],
    );
  });
}

/**
 * Voiding an invoice reverses its finalize entry, which takes the whole deferred amount off
 * deferred revenue: what its schedules had already recognized moves back from revenue to deferred,
 * so both accounts return to where they were before the invoice.
 */
export function recognitionReversedEntry(invoice: { id: string; customerId: string; currency: string; number: string | null; at: Date }, recognized: readonly { account: Account; amount: DecimalInput }[]): JournalDraft {
  const byAccount = new Map<Account, Decimal>();
  for (const r of recognized) byAccount.set(r.account, (byAccount.get(r.account) ?? ZERO).plus(toDecimal(r.amount)));
  const total = sumDecimals([...byAccount.values()]);
  return entry(
    { kind: "invoice_voided", sourceKey: `invoice-voided-recognized:${invoice.id}`, occurredAt: invoice.at, currency: invoice.currency, customerId: invoice.customerId, invoiceId: invoice.id, memo: `Revenue recognized on voided invoice ${invoice.number ?? invoice.id} reversed` },
    [...[...byAccount].map(([account, amount]): [Account, Decimal] => [account, amount]), ["deferred_revenue", total.negated()]],
  );
}

export interface FinalizedLines {
  id: string;
  customerId: string;
  currency: string;
  finalizedAt: Date;
  lines: readonly { position: number; kind: "flat" | "usage" | "commitment" | "credit" | "adjustment"; amount: DecimalInput; periodStart: Date; periodEnd: Date }[];
}

/** The lines finalize credited to deferred revenue (a zero line posted nothing). */
export function deferredLines(invoice: FinalizedLines) {
  return invoice.lines.filter((line) => isDeferred(line.periodEnd, invoice.finalizedAt) && !toDecimal(line.amount).isZero());
}

/** The schedules an invoice's deferred lines need. */
export function revenueSchedules(invoice: FinalizedLines, timezone: string) {
  return deferredLines(invoice).map((line) => ({
    invoiceId: invoice.id,
    position: line.position,
    customerId: invoice.customerId,
    currency: invoice.currency,
    account: revenueAccount(line.kind),
    amount: toDecimal(line.amount),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    timezone,
    finalizedAt: invoice.finalizedAt,
    nextRecognitionAt: later(firstDayEndsAt({ periodStart: line.periodStart, periodEnd: line.periodEnd, timezone }), invoice.finalizedAt),
  }));
}
