// Server-safe helpers shared by the customer pages (no "use client": server components call these).

import { DateTime } from "luxon";
import { displayDate, displayDateTime, displayInstant, displayPeriod } from "@/components/format";

export { displayAddressLines, displayMoney, displaySignedMoney, displayPercent, displayPrice, displayQuantity } from "@/components/format";
export { INTERVAL_LABELS } from "../metrics/catalog-format";

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

/** "Jan 16, 2026" in the zone; with the time ("Jan 16, 2026, 10:30 GMT+1") when it is not local midnight. */
export function formatInstant(instant: Instant, timezone: string, options: { time?: "auto" | "always" | "never" } = {}): string {
  const time = options.time ?? "auto";
  return time === "always" ? displayDateTime(instant, timezone) : time === "never" ? displayDate(instant, timezone) : displayInstant(instant, timezone);
}

/** A half-open period `[start, end)` as the days it covers: "Jan 16 – Jan 31, 2026". */
export function formatPeriod(period: { start: Instant; end: Instant }, timezone: string): string {
  return displayPeriod(period.start, period.end, timezone);
}

/** A short zone label: "UTC", "Europe/Paris (UTC+1)". */
export function zoneLabel(timezone: string, at: Instant = new Date()): string {
  if (timezone === "UTC") return "UTC";
  const local = DateTime.fromJSDate(toDate(at), { zone: timezone });
  return local.isValid ? `${timezone} (UTC${local.toFormat("ZZ")})` : timezone;
}
