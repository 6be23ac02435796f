import { env } from "../env";
import { createCheckoutSession } from "../payments/checkout-sessions";
import { invoiceNeedingLastMethod, listPaymentMethods, removePaymentMethod, setDefaultPaymentMethod, type PaymentMethodView } from "../payments/payment-methods";
import { assertPortalWritable, type PortalContext } from "./portal-context";

export const PORTAL_PAYMENT_METHODS_PATH = "/portal/payment-methods";

export interface PortalPaymentMethod extends Pick<PaymentMethodView, "id" | "brand" | "last4" | "expMonth" | "expYear" | "isDefault"> {
  /** Why Remove is refused, in words, shown before anyone clicks it; null when it may go. */
  removeBlockedBy: string | null;
}

/**
 * The customer's saved cards, newest first. Each says whether it may be removed: the last one
 * cannot while an open invoice waits for automatic collection (the rule removePaymentMethod keeps).
 */
export async function listPortalPaymentMethods(ctx: PortalContext): Promise<PortalPaymentMethod[]> {
  const methods = await listPaymentMethods(ctx, ctx.externalId);
  let blockedBy: string | null = null;
  if (methods.length === 1) {
    const customer = await ctx.db.customer.findUniqueOrThrow({ where: { id: ctx.customerId }, select: { id: true, autoCollection: true } });
    const open = await invoiceNeedingLastMethod(ctx.db, ctx.organizationId, customer);
    if (open) blockedBy = `This is your only card, and invoice ${open.number ?? open.id} is open: it will be charged to this card automatically. Add another card first, or pay the invoice.`;
  }
  return methods.map((m) => ({ id: m.id, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, isDefault: m.isDefault, removeBlockedBy: blockedBy }));
}

/** "Add a card": a setup checkout (the sandbox's page or Stripe Checkout) that comes back to this page. */
export async function addPortalPaymentMethod(ctx: PortalContext, options: { now?: Date } = {}): Promise<{ url: string }> {
  assertPortalWritable(ctx);
  const session = await createCheckoutSession(ctx, ctx.externalId, { purpose: "payment_method", returnUrl: new URL(PORTAL_PAYMENT_METHODS_PATH, env.APP_URL).toString() }, options);
  return { url: session.url };
}

/** Another customer's card id is NotFound: the payment-method service looks it up within this customer. */
export async function setPortalDefaultPaymentMethod(ctx: PortalContext, paymentMethodId: string): Promise<void> {
  assertPortalWritable(ctx);
  await setDefaultPaymentMethod(ctx, ctx.externalId, paymentMethodId);
}

export async function removePortalPaymentMethod(ctx: PortalContext, paymentMethodId: string, options: { now?: Date } = {}): Promise<void> {
  assertPortalWritable(ctx);
  await removePaymentMethod(ctx, ctx.externalId, paymentMethodId, options);
}
