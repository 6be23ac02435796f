import { computeInvoiceTotals } from "../billing/totals";

/** A draft shows what it would total if finalized now, before credits (API.md: total = subtotal + tax). */
export function draftTotals(lines: readonly string[], taxRate: string, currency: string) {
  const totals = computeInvoiceTotals({ lines, taxRate, currency });
  return { subtotal: totals.subtotal.toFixed(), tax: totals.tax.toFixed(), total: totals.total.toFixed() };
}
