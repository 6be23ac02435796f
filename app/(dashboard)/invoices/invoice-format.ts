// Server-safe helpers shared by the invoice pages (no "use client": server components call these).

import Decimal from "decimal.js";
export { displayMoney, displayPrice, displayQuantity } from "../metrics/catalog-format";

export const STATUS_FILTERS = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof STATUS_FILTERS)[number];

export const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: "Draft", open: "Open", paid: "Paid", void: "Void", uncollectible: "Uncollectible" };

export const LINE_KIND_LABELS: Record<string, string> = {
  flat: "Flat fee",
  usage: "Usage",
  commitment: "Commitment",
  credit: "Credit",
  adjustment: "Adjustment",
};

function formatter(options: Intl.DateTimeFormatOptions, timeZone: string) {
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
  }
}

/** "Jan 5, 2026" in the zone given (UTC by default). */
export function displayDate(iso: string, timeZone = "UTC"): string {
  return formatter({ dateStyle: "medium" }, timeZone).format(new Date(iso));
}

/** "Jan 5, 2026, 9:14 AM UTC": instants (issued, finalized) with the zone spelled out. */
export function displayDateTime(iso: string, timeZone = "UTC"): string {
  return formatter({ year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }, timeZone).format(new Date(iso));
}

/**
 * A half-open period [start, end) as the days it covers, in the contract's zone: [Jan 1, Feb 1)
 * reads "Jan 1 – Jan 31, 2026". A period that does not start or end at midnight keeps its times.
 */
export function displayPeriod(startIso: string, endIso: string, timeZone = "UTC"): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const midnight = (d: Date) => formatter({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }, timeZone).format(d) === "00:00:00";
  const year = (d: Date) => formatter({ year: "numeric" }, timeZone).format(d);
  if (midnight(start) && midnight(end)) {
    const lastDay = new Date(Math.max(start.getTime(), end.getTime() - 1));
    const sameYear = year(start) === year(lastDay);
    const from = formatter(sameYear ? { month: "short", day: "numeric" } : { dateStyle: "medium" }, timeZone).format(start);
    return `${from} – ${formatter({ dateStyle: "medium" }, timeZone).format(lastDay)}`;
  }
  const withTime = formatter({ dateStyle: "medium", timeStyle: "short" }, timeZone);
  return `${withTime.format(start)} – ${withTime.format(end)}`;
}

/** The current month as "YYYY-MM" in UTC (the period filter's default suggestion). */
export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "2026-01" → "January 2026". */
export function displayMonth(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** A tax rate such as "0.2" as "20 %" (exact: decimal.js, not floats). */
export function displayPercent(rate: string): string {
  return `${new Decimal(rate).times(100).toFixed()} %`;
}
