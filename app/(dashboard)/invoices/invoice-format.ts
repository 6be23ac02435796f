// Server-safe helpers shared by the invoice pages (no "use client": server components call these).

export { displayDate, displayDateTime, displayMoney, displayPercent, displayPeriod, displayPrice, displayQuantity } from "@/components/format";

export const STATUS_FILTERS = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof STATUS_FILTERS)[number];

export const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: "Draft", open: "Open", paid: "Paid", void: "Void", uncollectible: "Uncollectible" };

/** An opening invoice bills a period's advance fees when it starts; a closing one bills the period that ended. */
export const INVOICE_KIND_LABELS: Record<"opening" | "closing", string> = { opening: "Opening", closing: "Closing" };

export const LINE_KIND_LABELS: Record<string, string> = {
  flat: "Flat fee",
  usage: "Usage",
  commitment: "Commitment",
  credit: "Credit",
  adjustment: "Adjustment",
};

/** The current month as "YYYY-MM" in UTC (the period filter's default suggestion). */
export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "2026-01" → "January 2026". */
export function displayMonth(month: string): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
}
