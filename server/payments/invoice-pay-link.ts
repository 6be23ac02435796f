import type { Db } from "../db";
import { amountDueOf } from "./invoice-lock";
import { createCheckoutSession } from "./checkout-sessions";

export type PayLinkOutcome =
  | { state: "checkout"; url: string }
  | { state: "paid" | "void" | "uncollectible" | "nothing_due" | "in_progress"; number: string | null; organizationName: string };

/**
 * A signed pay link (checked by the caller) was opened: a fresh checkout for what the invoice
 * owes now, at the organization's gateway, or why there is nothing to pay. The link is the
 * credential, as the e-mailed PDF links are.
 */
export async function openInvoicePayLink(db: Db, invoiceId: string, now = new Date()): Promise<PayLinkOutcome | null> {
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice || invoice.status === "draft") return null;
  const organization = await db.organization.findUniqueOrThrow({ where: { id: invoice.organizationId }, select: { name: true } });
  const about = { number: invoice.number, organizationName: organization.name };
  if (invoice.status !== "open") return { state: invoice.status, ...about };
  if (!amountDueOf(invoice).greaterThan(0)) return { state: "nothing_due", ...about };
  const inFlight = await db.payment.findFirst({ where: { invoiceId, status: "pending", submittedAt: { not: null } }, select: { id: true } });
  if (inFlight) return { state: "in_progress", ...about };
  const customer = await db.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, select: { externalId: true } });
  const ctx = { db, organizationId: invoice.organizationId, actor: { type: "system" as const, name: "pay-link" } };
  const session = await createCheckoutSession(ctx, customer.externalId, { purpose: "invoice", invoiceId }, { now });
  return { state: "checkout", url: session.url };
}
