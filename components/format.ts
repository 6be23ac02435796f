// The one way the product writes money, quantities, dates and periods: dashboard pages (server and
// client components) and the PDFs all format through these. Amounts arrive as exact decimal
// strings and are formatted as strings (Intl accepts numeric strings, ES2023), never as floats.

import Decimal from "decimal.js";

type Instant = Date | string;

const toDate = (instant: Instant) => (typeof instant === "string" ? new Date(instant) : instant);

// Building an Intl formatter costs far more than using one (tens of microseconds, more with a
// time zone), and pages, PDFs and e-mails format thousands of figures with a handful of options.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat("en-US", options)));
  return format;
}

/** "$1,240.50" from "1240.5"; "12.30 XYZ" for a code Intl does not know. `digits` fixes the decimals. */
export function displayMoney(amount: string, currency: string, digits?: number): string {
  try {
    const options: Intl.NumberFormatOptions = { style: "currency", currency };
    if (digits !== undefined) Object.assign(options, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return numberFormat(options).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A ledger movement's signed amount: "+$10.00", "−$2.50", and "$0.00" unsigned. */
export function displaySignedMoney(amount: string, currency: string): string {
  const negative = amount.startsWith("-");
  const absolute = negative ? amount.slice(1) : amount;
  const isZero = !/[1-9]/.test(absolute);
  return `${isZero ? "" : negative ? "−" : "+"}${displayMoney(absolute, currency)}`;
}

/** A unit price with all its significant digits ("$0.000002"), at least the currency's usual ones ("$49.00"). */
export function displayPrice(amount: string, currency: string): string {
  const decimals = amount.includes(".") ? (amount.split(".")[1] ?? "").replace(/0+$/, "").length : 0;
  try {
    const usual = numberFormat({ style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
    const digits = Math.min(Math.max(usual, decimals), 20);
    return numberFormat({ style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Quantities as typed, with thousands separators ("1,500", "100.5"). */
export function displayQuantity(quantity: string): string {
  const decimals = quantity.includes(".") ? (quantity.split(".")[1] ?? "").length : 0;
  try {
    return numberFormat({ maximumFractionDigits: Math.min(decimals, 20) }).format(quantity as Intl.StringNumericLiteral);
  } catch {
    return quantity;
  }
}

/** A rate such as "0.2" as "20 %", or "0.029" as "2.9 %" (exact: decimal.js, not floats). */
export function displayPercent(rate: string): string {
  return `${new Decimal(rate).times(100).toFixed()} %`;
}

/** A postal address as the lines it is printed on ("75001 Paris" joins postal code and city); none when absent. */
export function displayAddressLines(address: { line1?: string | undefined; line2?: string | undefined; city?: string | undefined; state?: string | undefined; postalCode?: string | undefined; country?: string | undefined } | null): string[] {
  const a = address ?? {};
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" "), a.state, a.country].filter((l): l is string => Boolean(l));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions, timeZone: string) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format) return format;
  try {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
  }
  dateFormats.set(key, format);
  return format;
}

const DATE: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };

/** "Jan 5, 2026" in the zone given (UTC by default). */
export function displayDate(instant: Instant, timeZone = "UTC"): string {
  return formatter(DATE, timeZone).format(toDate(instant));
}

/** "Jan 5, 2026, 09:14 UTC": every instant shown with its time carries its zone. */
export function displayDateTime(instant: Instant, timeZone = "UTC"): string {
  return formatter(DATE_TIME, timeZone).format(toDate(instant));
}

function isLocalMidnight(date: Date, timeZone: string) {
  return formatter({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }, timeZone).format(date) === "00:00:00";
}

/** A date, with its time only when the instant is not the start of a day in the zone ("Jan 16, 2026" or "Jan 16, 2026, 10:30 CET"). */
export function displayInstant(instant: Instant, timeZone = "UTC"): string {
  const date = toDate(instant);
  return isLocalMidnight(date, timeZone) ? displayDate(date, timeZone) : displayDateTime(date, timeZone);
}

/** A range [start, end): one whole day reads as that day ("Jan 15, 2026"), anything else as displayPeriod does. */
export function displayRange(start: Instant, end: Instant, timeZone = "UTC"): string {
  const from = toDate(start);
  const to = toDate(end);
  const oneDay = isLocalMidnight(from, timeZone) && isLocalMidnight(to, timeZone) && displayDate(from, timeZone) === displayDate(new Date(to.getTime() - 1), timeZone);
  return oneDay ? displayDate(from, timeZone) : displayPeriod(from, to, timeZone);
}

/**
 * A half-open period [start, end) as the days it covers, in the contract's zone: [Jan 1, Feb 1)
 * reads "Jan 1 – Jan 31, 2026". An end at midnight is shown as the last day it covers; a start or
 * end at another time keeps its time ("Mar 10, 2026, 12:00 GMT+1 – Mar 31, 2026").
 */
export function displayPeriod(start: Instant, end: Instant, timeZone = "UTC"): string {
  const from = toDate(start);
  const to = toDate(end);
  const fromMidnight = isLocalMidnight(from, timeZone);
  if (!isLocalMidnight(to, timeZone)) return `${displayInstant(from, timeZone)} – ${displayDateTime(to, timeZone)}`;
  const lastDay = new Date(Math.max(from.getTime(), to.getTime() - 1));
  if (!fromMidnight) return `${displayDateTime(from, timeZone)} – ${displayDate(lastDay, timeZone)}`;
  const year = (d: Date) => formatter({ year: "numeric" }, timeZone).format(d);
  const first = formatter(year(from) === year(lastDay) ? { month: "short", day: "numeric" } : DATE, timeZone).format(from);
  return `${first} – ${displayDate(lastDay, timeZone)}`;
}
