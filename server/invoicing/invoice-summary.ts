import { sumDecimals, toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { invoiceAmountDue } from "../billing/totals";
import type { ServiceContext } from "../context";
import { projectedDraftTotals } from "./draft-totals";
import { invoiceSearchWhere, type TInvoiceSearchFilter } from "./invoice-search";
import type { InvoiceStatus } from "./invoices";

export interface InvoiceSummaryRow {
  status: InvoiceStatus;
  currency: string;
  count: number;
  total: string;
  amountDue: string;
}

/**
 * Counts and sums per status and currency of the invoices matching a filter (all pages), summed
 * exactly in PostgreSQL numeric. Each invoice's amount due is never negative, so the amount due of
 * the sums is the sum of the amounts due. Drafts count with the totals they will have
 * (projectedDraftTotals), which their stored columns do not hold yet.
 */
export async function summarizeInvoices(ctx: ServiceContext, filter: Omit<TInvoiceSearchFilter, "status">): Promise<InvoiceSummaryRow[]> {
  const where = await invoiceSearchWhere(ctx, filter);
  if (!where) return [];
  const groups = await ctx.db.invoice.groupBy({
    by: ["status", "currency"],
    where,
    _count: { _all: true },
    _sum: { total: true, creditedToBalance: true, creditsApplied: true, amountPaid: true, amountCredited: true },
    orderBy: [{ currency: "asc" }, { status: "asc" }],
  });
  const drafts = groups.some((g) => g.status === "draft")
    ? await ctx.db.invoice.findMany({ where: { AND: [where, { status: "draft" }] }, select: { currency: true, subtotal: true, taxRate: true, amountPaid: true } })
    : [];
  const exact = (d: { toFixed(): string } | null) => toDecimal(d ? d.toFixed() : "0");
  return groups.map((g) => {
    const head = { status: g.status, currency: g.currency, count: g._count._all };
    if (g.status === "draft") {
      const mine = drafts.filter((d) => d.currency === g.currency).map(projectedDraftTotals);
      const sum = (key: "total" | "amountDue") => formatAmount(sumDecimals(mine.map((d) => d[key])), g.currency);
      return { ...head, total: sum("total"), amountDue: sum("amountDue") };
    }
    const sums = g._sum;
    const amountDue = invoiceAmountDue(
      { total: exact(sums.total), creditedToBalance: exact(sums.creditedToBalance), creditsApplied: exact(sums.creditsApplied), amountPaid: exact(sums.amountPaid), amountCredited: exact(sums.amountCredited) },
      g.currency,
    );
    return { ...head, total: formatAmount(exact(sums.total), g.currency), amountDue: formatAmount(amountDue, g.currency) };
  });
}
