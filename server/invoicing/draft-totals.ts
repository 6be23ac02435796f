import { formatAmount } from "../billing/money";
import { computeInvoiceTotals } from "../billing/totals";

/** A draft shows what it would total if finalized now, before credits (API.md: total = subtotal + tax). */
export function draftTotals(lines: readonly string[], taxRate: string, currency: string) {
  const totals = computeInvoiceTotals({ lines, taxRate, currency });
  return { subtotal: totals.subtotal.toFixed(), tax: totals.tax.toFixed(), total: totals.total.toFixed() };
}

export interface ProjectedDraftTotals {
  subtotal: string;
  tax: string;
  total: string;
  amountDue: string;
}

type Amount = { toFixed(): string };

/**
 * A stored draft keeps tax and total at 0 until it is finalized (only its subtotal follows its
 * lines), so the dashboard shows what they will be: tax on the subtotal at the invoice's rate,
 * credits not yet applied. Amounts carry the currency's minor-unit digits.
 */
export function projectedDraftTotals(draft: { subtotal: Amount; taxRate: Amount; amountPaid: Amount; currency: string }): ProjectedDraftTotals {
  const totals = computeInvoiceTotals({ lines: [draft.subtotal.toFixed()], taxRate: draft.taxRate.toFixed(), currency: draft.currency, amountPaid: draft.amountPaid.toFixed() });
  const money = (d: Amount) => formatAmount(d.toFixed(), draft.currency);
  return { subtotal: money(totals.subtotal), tax: money(totals.tax), total: money(totals.total), amountDue: money(totals.amountDue) };
}
