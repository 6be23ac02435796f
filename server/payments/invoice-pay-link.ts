import type { Db } from "../db";
import { amountDueOf, paymentInFlight } from "./invoice-lock";
import { createCheckoutSession } from "./checkout-sessions";

/** Minimum life left in a checkout the pay link reuses: enough to type a card number in. */
const REUSE_MIN_LIFE_MS = 60 * 60_000;

export type PayLinkOutcome =
  | { state: "checkout"; url: string }
  | { state: "paid" | "void" | "nothing_due" | "in_progress"; number: string | null; organizationName: string };

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
  // An uncollectible invoice can still be paid: that is how a written-off customer settles up.
  if (invoice.status === "paid" || invoice.status === "void") return { state: invoice.status, ...about };
  if (!amountDueOf(invoice).greaterThan(0)) return { state: "nothing_due", ...about };
  const due = amountDueOf(invoice);
  const inFlight = await paymentInFlight(db, invoiceId);
  if (inFlight) return { state: "in_progress", ...about };
  // Opening the link again (a reload, a mail scanner, the back button) reuses the checkout an
  // earlier open made, while it is open for what the invoice owes now and has time left. Sessions
  // with a returnUrl were made by the operator's service: never handed out here.
  const reusable = await db.checkoutSession.findFirst({
    where: { invoiceId, purpose: "invoice", status: "open", returnUrl: null, expiresAt: { gt: new Date(now.getTime() + REUSE_MIN_LIFE_MS) } },
    orderBy: { createdAt: "desc" },
    select: { url: true, amount: true, gateway: true },
  });
  const gateway = (await db.organization.findUniqueOrThrow({ where: { id: invoice.organizationId }, select: { paymentGateway: true } })).paymentGateway;
  if (reusable && reusable.gateway === gateway && reusable.amount?.equals(due)) return { state: "checkout", url: reusable.url };
  const customer = await db.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, select: { externalId: true } });
  const ctx = { db, organizationId: invoice.organizationId, actor: { type: "system" as const, name: "pay-link" } };
  const session = await createCheckoutSession(ctx, customer.externalId, { purpose: "invoice", invoiceId }, { now });
  return { state: "checkout", url: session.url };
}
