import { DateTime } from "luxon";

const MS_PER_DAY = 86_400_000;

export function isTimezone(timezone: string): boolean {
  return timezone.length > 0 && DateTime.fromMillis(0, { zone: timezone }).isValid;
}

export function assertInstant(instant: Date, label: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError(`${label} is not a valid Date`);
}

/** The instant as a wall-clock time in the IANA zone; an unknown zone is an error, not UTC. */
export function toLocal(instant: Date, timezone: string): DateTime {
  assertInstant(instant, "instant");
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  if (!local.isValid) throw new RangeError(`Unknown IANA timezone: "${timezone}"`);
  return local;
}

/**
 * Local midnight of a calendar date. Where a DST change skips midnight (e.g. America/Santiago)
 * the day starts at the first existing instant, as luxon resolves it.
 */
export function localMidnight(date: { year: number; month: number; day: number }, timezone: string): DateTime {
  const local = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: timezone });
  if (!local.isValid) throw new RangeError(`Unknown IANA timezone: "${timezone}"`);
  return local;
}

/** Calendar date arithmetic without a zone, so DST can never move a date. */
export function calendarDate(local: DateTime): DateTime {
  return DateTime.utc(local.year, local.month, local.day);
}

/** A serial day number of the instant's local calendar date (days since 1970-01-01). */
export function localDayNumber(instant: Date, timezone: string): number {
  const local = toLocal(instant, timezone);
  return Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
}

/** `instant` plus whole local calendar days, keeping the wall-clock time across DST changes. */
export function addLocalDays(instant: Date, days: number, timezone: string): Date {
  return toLocal(instant, timezone).plus({ days }).toJSDate();
}

/** The first instant of the instant's local calendar day (where DST skips midnight, the day's first existing instant). */
export function startOfLocalDay(instant: Date, timezone: string): Date {
  return toLocal(instant, timezone).startOf("day").toJSDate();
}
