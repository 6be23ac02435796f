// Server-safe helpers shared by the customer pages (no "use client": server components call these).

import { DateTime } from "luxon";

export { displayMoney, displayPrice, displayQuantity, INTERVAL_LABELS } from "../metrics/catalog-format";

export const BILLING_MODE_LABELS: Record<string, string> = { postpaid: "Postpaid", prepaid: "Prepaid" };
export const ANCHOR_LABELS: Record<string, string> = { calendar: "Calendar", anniversary: "Anniversary" };
export const LEDGER_TYPE_LABELS: Record<string, string> = {
  grant: "Grant",
  consumption: "Consumption",
  expiry: "Expiry",
  invoice_application: "Invoice",
};

type Instant = Date | string;

const toDate = (instant: Instant) => (typeof instant === "string" ? new Date(instant) : instant);

/** "Jan 16, 2026" in the zone; with the time ("Jan 16, 2026, 10:30") when it is not local midnight. */
export function formatInstant(instant: Instant, timezone: string, options: { time?: "auto" | "always" | "never" } = {}): string {
  const local = DateTime.fromJSDate(toDate(instant), { zone: timezone });
  if (!local.isValid) return toDate(instant).toISOString();
  const midnight = local.hour === 0 && local.minute === 0 && local.second === 0;
  const time = options.time ?? "auto";
  const withTime = time === "always" || (time === "auto" && !midnight);
  return local.setLocale("en-US").toLocaleString(withTime ? { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : DateTime.DATE_MED);
}

/** A half-open period `[start, end)`: "Jan 16, 2026 → Feb 1, 2026". */
export function formatPeriod(period: { start: Instant; end: Instant }, timezone: string): string {
  return `${formatInstant(period.start, timezone)} → ${formatInstant(period.end, timezone)}`;
}

/** A short zone label: "UTC", "Europe/Paris (UTC+1)". */
export function zoneLabel(timezone: string, at: Instant = new Date()): string {
  if (timezone === "UTC") return "UTC";
  const local = DateTime.fromJSDate(toDate(at), { zone: timezone });
  return local.isValid ? `${timezone} (UTC${local.toFormat("ZZ")})` : timezone;
}

/** Decimal strings as signed money: "+$10.00", "−$2.50". */
export function signedMoney(amount: string, currency: string, format: (amount: string, currency: string) => string): string {
  const negative = amount.startsWith("-");
  const absolute = negative ? amount.slice(1) : amount;
  const isZero = !/[1-9]/.test(absolute);
  return `${isZero ? "" : negative ? "−" : "+"}${format(absolute, currency)}`;
}
