import { Duration, type DateTime } from "luxon";
import { assertInstant, calendarDate, localMidnight, toLocal } from "./local-time";
import type { BillingAnchor, Interval, Period } from "./types";

export type PeriodSchedule = {
  interval: Interval;
  anchor: BillingAnchor;
  startsAt: Date;
  /** The contract's end (or cancellation): its last period ends at this instant. */
  endsAt?: Date | null;
  /** IANA zone periods are cut in. */
  timezone: string;
  /**
   * Anniversary only: the instant periods are counted from (default `startsAt`). A plan change
   * passes the old contract's anchor so the new contract keeps its billing cycle.
   */
  anchorAt?: Date;
};

const MAX_PERIODS = 100_000;


function intervalStep(interval: Interval): { unit: "weeks" | "months" | "years"; size: number } {
  switch (interval) {
    case "week":
      return { unit: "weeks", size: 1 };
    case "month":
      return { unit: "months", size: 1 };
    case "quarter":
      return { unit: "months", size: 3 };
    case "year":
      return { unit: "years", size: 1 };
  }
}

function durationOf(unit: "weeks" | "months" | "years", count: number): Duration {
  return Duration.fromObject(unit === "weeks" ? { weeks: count } : unit === "months" ? { months: count } : { years: count });
}

/** The calendar unit containing the instant: [local midnight of its first day, of the next unit's). */
function calendarPeriodContaining(interval: Interval, timezone: string, instant: Date): Period {
  // startOf("week") is ISO: Monday.
  const firstDay = calendarDate(toLocal(instant, timezone)).startOf(interval);
  const { unit, size } = intervalStep(interval);
  const nextFirstDay = firstDay.plus(durationOf(unit, size));
  return {
    start: localMidnight(firstDay, timezone).toJSDate(),
    end: localMidnight(nextFirstDay, timezone).toJSDate(),
  };
}

/**
 * Boundary n of an anniversary schedule: origin + n intervals, computed from the origin each
 * time (never by chaining), in local wall-clock time. luxon clamps a day past a month's end
 * (Jan 31 → Feb 28 → Mar 31) and keeps the local time across DST changes.
 */
function anniversaryBoundary(origin: DateTime, interval: Interval, n: number): DateTime {
  const { unit, size } = intervalStep(interval);
  return origin.plus(durationOf(unit, n * size));
}

function anniversaryPeriodContaining(schedule: PeriodSchedule, instant: Date): Period {
  const origin = toLocal(schedule.anchorAt ?? schedule.startsAt, schedule.timezone);
  const { unit, size } = intervalStep(schedule.interval);
  const target = instant.getTime();
  let n = Math.floor(toLocal(instant, schedule.timezone).diff(origin, unit).as(unit) / size);
  while (anniversaryBoundary(origin, schedule.interval, n).toMillis() > target) n -= 1;
  while (anniversaryBoundary(origin, schedule.interval, n + 1).toMillis() <= target) n += 1;
  return {
    start: anniversaryBoundary(origin, schedule.interval, n).toJSDate(),
    end: anniversaryBoundary(origin, schedule.interval, n + 1).toJSDate(),
  };
}

/** The schedule's period containing the instant, ignoring the contract's start and end. */
function rawPeriodContaining(schedule: PeriodSchedule, instant: Date): Period {
  return schedule.anchor === "calendar"
    ? calendarPeriodContaining(schedule.interval, schedule.timezone, instant)
    : anniversaryPeriodContaining(schedule, instant);
}

function validateSchedule(schedule: PeriodSchedule): void {
  assertInstant(schedule.startsAt, "startsAt");
  if (schedule.endsAt) assertInstant(schedule.endsAt, "endsAt");
  if (schedule.anchorAt) assertInstant(schedule.anchorAt, "anchorAt");
}

/** The contract period containing `instant`; null before `startsAt` or at/after `endsAt`. */
export function periodContaining(params: PeriodSchedule & { instant: Date }): Period | null {
  validateSchedule(params);
  assertInstant(params.instant, "instant");
  const t = params.instant.getTime();
  if (t < params.startsAt.getTime()) return null;
  if (params.endsAt && t >= params.endsAt.getTime()) return null;
  const raw = rawPeriodContaining(params, params.instant);
  const start = Math.max(raw.start.getTime(), params.startsAt.getTime());
  const end = params.endsAt ? Math.min(raw.end.getTime(), params.endsAt.getTime()) : raw.end.getTime();
  return { start: new Date(start), end: new Date(end) };
}

/** The first period of the contract; null when it ends before it starts. */
export function firstPeriod(schedule: PeriodSchedule): Period | null {
  return periodContaining({ ...schedule, instant: schedule.startsAt });
}

/** The period after `period`; null when the contract ends with it. */
export function nextPeriod(schedule: PeriodSchedule, period: Period): Period | null {
  return periodContaining({ ...schedule, instant: period.end });
}

/** The contract's periods overlapping `[from, to)`, in order. */
export function periodsBetween(params: PeriodSchedule & { from: Date; to: Date }): Period[] {
  assertInstant(params.from, "from");
  assertInstant(params.to, "to");
  const periods: Period[] = [];
  if (params.to.getTime() <= params.from.getTime()) return periods;
  const fromMs = Math.max(params.from.getTime(), params.startsAt.getTime());
  let period = periodContaining({ ...params, instant: new Date(fromMs) });
  while (period && period.start.getTime() < params.to.getTime()) {
    periods.push(period);
    if (periods.length > MAX_PERIODS) throw new RangeError("periodsBetween: too many periods");
    period = nextPeriod(params, period);
  }
  return periods;
}

/**
 * Periods a billing run at `asOf` must close: those ended at or before `asOf`, and starting at or
 * after `after` (the end of the last closed period; omit it for a contract never billed).
 */
export function findEndedPeriods(params: PeriodSchedule & { after?: Date; asOf: Date }): Period[] {
  const from = params.after ?? params.startsAt;
  return periodsBetween({ ...params, from, to: params.asOf }).filter(
    (period) => period.start.getTime() >= from.getTime() && period.end.getTime() <= params.asOf.getTime(),
  );
}

/**
 * The full, untruncated schedule period a (possibly partial) contract period belongs to: the
 * calendar unit, or the anniversary interval. Proration divides by its days.
 */
export function fullPeriodFor(schedule: PeriodSchedule, period: Period): Period {
  validateSchedule(schedule);
  return rawPeriodContaining(schedule, period.start);
}

export function isSamePeriod(a: Period, b: Period): boolean {
  return a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
}
