// How the dashboard names invoices: their number, and whether an invoice opens a period (the advance
// fees when a contract starts or its trial ends) or closes one. Read-only.
import type { ServiceContext } from "../context";

export type InvoiceKind = "opening" | "closing";

/** The invoice's billing key ("opening", "trial:<ISO>", "close:<ISO start>") as the kind of invoice it is. */
export function invoiceKindOf(billingKey: string): InvoiceKind {
  return billingKey.startsWith("close:") ? "closing" : "opening";
}

export interface InvoiceLabel {
  id: string;
  number: string | null;
  kind: InvoiceKind;
}

/** The organization's invoices among `ids` (others are left out), with their number and kind. */
export async function findInvoiceLabels(ctx: ServiceContext, ids: readonly string[]): Promise<InvoiceLabel[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, id: { in: [...new Set(ids)] } },
    select: { id: true, number: true, billingKey: true },
  });
  return rows.map((row) => ({ id: row.id, number: row.number, kind: invoiceKindOf(row.billingKey) }));
}
