// The overview's time windows, from an injected `now` (tests fix it; pages pass the request's).
import { monthOf } from "../ledger/months";

export const OVERVIEW_MONTHS = 12;
export const USAGE_TREND_DAYS = 30;
export const RUNWAY_DAYS = 7;
const DAY_MS = 86_400_000;

/** The last 12 UTC months, the current one last ("2026-01" … "2026-12"), and their span. */
export function overviewMonths(now: Date): { months: string[]; from: Date; to: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const months = Array.from({ length: OVERVIEW_MONTHS }, (_, i) => monthOf(new Date(Date.UTC(year, month - OVERVIEW_MONTHS + 1 + i, 1))));
  return { months, from: new Date(Date.UTC(year, month - OVERVIEW_MONTHS + 1, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

/** The last `days` UTC days, today last ("2026-12-03"), and [from, to) covering them. */
export function overviewDays(now: Date, days = USAGE_TREND_DAYS): { days: string[]; from: Date; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const list = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  return { days: list, from: new Date(today - (days - 1) * DAY_MS), to: new Date(today + DAY_MS) };
}

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
