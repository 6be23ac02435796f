import type { ServiceContext } from "../context";
import { NotFound } from "../errors";
import { listSentReminders, type SentReminder } from "../payments/payment-reminders";
import { projectedDraftTotals, type ProjectedDraftTotals } from "./draft-totals";
import type { InvoiceStatus } from "./invoices";

export const INVOICE_TIMELINE_EVENTS = ["created", "finalized", "paid", "voided", "uncollectible"] as const;

export interface InvoiceTimelineEvent {
  event: (typeof INVOICE_TIMELINE_EVENTS)[number];
  status: InvoiceStatus;
  at: Date;
}

export interface InvoiceDetails {
  customerName: string;
  customerEmail: string;
  timezone: string;
  /** The tax rate the invoice was issued with, e.g. "0.2". */
  taxRate: string;
  events: InvoiceTimelineEvent[];
  draftTotals: ProjectedDraftTotals | null;
  /** The payment reminders e-mailed about it, oldest first. */
  reminders: SentReminder[];
}

/**
 * What the invoice page shows beside the invoice: the customer, the contract's zone, the status
 * history from the invoice's timestamps, a draft's totals to be, and the reminders sent.
 */
export async function getInvoiceDetailsOrThrow(ctx: ServiceContext, id: string): Promise<InvoiceDetails> {
  const row = await ctx.db.invoice.findFirst({ where: { id, organizationId: ctx.organizationId } });
  if (!row) throw new NotFound("Invoice", id);
  const [customer, contract, reminders] = await Promise.all([
    ctx.db.customer.findFirst({ where: { id: row.customerId, organizationId: ctx.organizationId }, select: { name: true, email: true } }),
    ctx.db.contract.findFirst({ where: { id: row.contractId, organizationId: ctx.organizationId }, select: { timezone: true } }),
    listSentReminders(ctx.db, ctx.organizationId, id),
  ]);
  // In lifecycle order, not by time: a billing run stamps finalizedAt with its own start, which
  // can precede the createdAt the database gave the invoice a moment later.
  const events: InvoiceTimelineEvent[] = [{ event: "created", status: "draft", at: row.createdAt }];
  if (row.finalizedAt) events.push({ event: "finalized", status: "open", at: row.finalizedAt });
  if (row.paidAt) events.push({ event: "paid", status: "paid", at: row.paidAt });
  if (row.voidedAt) events.push({ event: "voided", status: "void", at: row.voidedAt });
  // No own timestamp: nothing changes an uncollectible invoice, so its last update is when it was written off.
  if (row.status === "uncollectible") events.push({ event: "uncollectible", status: "uncollectible", at: row.updatedAt });
  return {
    customerName: customer?.name ?? "",
    customerEmail: customer?.email ?? "",
    timezone: contract?.timezone ?? "UTC",
    taxRate: row.taxRate.toFixed(),
    events,
    draftTotals: row.status === "draft" ? projectedDraftTotals(row) : null,
    reminders,
  };
}
