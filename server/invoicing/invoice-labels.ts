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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organization's invoices among `ids`, with their number and kind; ids of no invoice (not even a uuid) are left out. */
export async function findInvoiceLabels(ctx: ServiceContext, ids: readonly string[]): Promise<InvoiceLabel[]> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return [];
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, id: { in: wanted } },
    select: { id: true, number: true, billingKey: true },
  });
  return rows.map((row) => ({ id: row.id, number: row.number, kind: invoiceKindOf(row.billingKey) }));
}
