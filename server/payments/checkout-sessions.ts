import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import { toDecimal } from "../billing/decimal";
import { isRoundedTo, minorUnits } from "../billing/money";
import type { ServiceContext } from "../context";
import { findCustomerOrThrow } from "../customers/customers";
import { withTransaction } from "../db";
import { env } from "../env";
import { Conflict, Invalid, NotFound } from "../errors";
import { organizationGateway } from "./gateways";
import { amountDueOf, lockInvoice, paymentInFlight, takesPayments } from "./invoice-lock";
import { toMinorUnits } from "./minor-units";
import { checkTopUpBounds } from "./top-up-bounds";

export const CHECKOUT_PURPOSES = ["payment_method", "invoice", "top_up"] as const;
export type CheckoutPurpose = (typeof CHECKOUT_PURPOSES)[number];

/** How long a checkout link works: just under Stripe's longest (24 h); the sandbox keeps the same rule. */
const CHECKOUT_TTL_MS = 23 * 3_600_000;

export interface CreateCheckoutInput {
  purpose: CheckoutPurpose;
  /** purpose "invoice": the open invoice to pay in full. */
  invoiceId?: string;
  /** purpose "top_up": the credits to buy, in the customer's currency. */
  amount?: string;
  returnUrl?: string;
}

export interface CheckoutSessionView {
  id: string;
  url: string;
  purpose: CheckoutPurpose;
  status: "open" | "complete" | "expired";
  expiresAt: Date;
}

const newSessionId = () => `cs_${randomBytes(16).toString("hex")}`;

/**
 * A hosted page where the customer saves a card (setup), pays an open invoice in full, or buys
 * credits: Stripe Checkout, or the sandbox's /pay/… page. The gateway session is created outside
 * any transaction; the row is written after it, re-checking under the invoice's lock that no other
 * payment of the invoice is in flight.
 */
export async function createCheckoutSession(ctx: ServiceContext, externalId: string, input: CreateCheckoutInput, options: { now?: Date } = {}): Promise<CheckoutSessionView> {
  const now = options.now ?? new Date();
  const customer = await findCustomerOrThrow(ctx, externalId);
  let amount: string | null = null;
  let description = "Save a card for future payments";
  if (input.purpose === "invoice") {
    if (!input.invoiceId) throw Invalid.field("invoiceId", 'is required when purpose is "invoice"');
    const invoice = await ctx.db.invoice.findFirst({ where: { id: input.invoiceId, organizationId: ctx.organizationId, customerId: customer.id } });
    if (!invoice) throw new NotFound("Invoice", input.invoiceId);
    if (!takesPayments(invoice.status)) throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only open and uncollectible invoices can be paid`);
    amount = amountDueOf(invoice).toFixed();
    if (!toDecimal(amount).greaterThan(0)) throw new Conflict(`Invoice ${invoice.number} has nothing due`);
    description = `Invoice ${invoice.number}`;
  } else if (input.purpose === "top_up") {
    if (input.amount === undefined) throw Invalid.field("amount", 'is required when purpose is "top_up"');
    if (!toDecimal(input.amount).greaterThan(0)) throw Invalid.field("amount", "must be greater than 0");
    if (!isRoundedTo(input.amount, customer.currency)) throw Invalid.field("amount", `must have at most ${minorUnits(customer.currency)} decimal places for ${customer.currency}`);
    checkTopUpBounds(toDecimal(input.amount), customer.currency, await ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { topUpMinimum: true, topUpMaximum: true } }));
    amount = toDecimal(input.amount).toFixed();
    description = `Credits top-up`;
  } else if (input.amount !== undefined) {
    throw Invalid.field("amount", 'is only for purpose "top_up"');
  }

  const gateway = await organizationGateway(ctx.db, ctx.organizationId);
  const id = newSessionId();
  const expiresAt = new Date(now.getTime() + CHECKOUT_TTL_MS);
  const doneUrl = new URL(`/pay/${id}/done`, env.APP_URL).toString();
  const gatewayCustomerId = await gateway.ensureCustomer({ id: customer.id, name: customer.name, email: customer.email, gatewayCustomerId: gateway.kind === "stripe" ? customer.stripeCustomerId : null });
  if (gateway.kind === "stripe" && gatewayCustomerId !== customer.stripeCustomerId) await ctx.db.customer.update({ where: { id: customer.id }, data: { stripeCustomerId: gatewayCustomerId } });
  const created = await gateway.createCheckout({
    mode: input.purpose === "payment_method" ? "setup" : "payment",
    checkoutSessionId: id,
    gatewayCustomerId,
    currency: customer.currency,
    ...(amount ? { amountMinor: toMinorUnits(amount, customer.currency) } : {}),
    description,
    successUrl: input.returnUrl ?? doneUrl,
    cancelUrl: input.returnUrl ?? doneUrl,
    expiresAt,
    metadata: { checkoutSessionId: id, organizationId: ctx.organizationId, customerId: customer.id, purpose: input.purpose, ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}) },
  });
  const url = new URL(created.url, env.APP_URL).toString();

  await withTransaction(ctx.db, async (tx) => {
    if (input.invoiceId) {
      const invoice = await lockInvoice(tx, ctx.organizationId, input.invoiceId);
      if (!invoice || !takesPayments(invoice.status)) throw new Conflict(`Invoice ${invoice?.number ?? input.invoiceId} can no longer be paid: it is ${invoice?.status ?? "gone"}`);
      const inFlight = await paymentInFlight(tx, invoice.id);
      if (inFlight) throw new Conflict(`A payment of invoice ${invoice.number} is already in progress (payment ${inFlight.id}); try again when it has finished`);
    }
    await tx.checkoutSession.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        customerId: customer.id,
        purpose: input.purpose,
        invoiceId: input.invoiceId ?? null,
        amount,
        currency: customer.currency,
        gateway: gateway.kind,
        gatewaySessionId: created.gatewaySessionId,
        url,
        returnUrl: input.returnUrl ?? null,
        expiresAt,
        createdAt: now,
      },
    });
    await recordAudit({ ...ctx, db: tx }, { action: "checkout_session.created", targetType: "customer", targetId: customer.id, data: { checkoutSessionId: id, purpose: input.purpose, invoiceId: input.invoiceId ?? null, amount } });
  });
  return { id, url, purpose: input.purpose, status: "open", expiresAt };
}
