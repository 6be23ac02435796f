import type { Db } from "../db";
import { gatewayFor } from "./gateways";

/** A Stripe checkout of an invoice that got paid another way: closed at Stripe so it cannot take money. */
export async function expireCheckoutAtGateway(db: Db, organizationId: string, checkoutSessionId: string) {
  const session = await db.checkoutSession.findFirst({ where: { id: checkoutSessionId, organizationId } });
  if (!session?.gatewaySessionId || session.gateway !== "stripe") return "nothing to expire";
  return (await gatewayFor(db, organizationId, "stripe")).expireCheckout(session.gatewaySessionId);
}

/** A payment method removed here is detached at Stripe too (detaching twice is harmless there). */
export async function detachPaymentMethodAtGateway(db: Db, organizationId: string, paymentMethodId: string) {
  const method = await db.paymentMethod.findFirst({ where: { id: paymentMethodId, organizationId } });
  if (!method || method.gateway !== "stripe") return "nothing to detach";
  await (await gatewayFor(db, organizationId, "stripe")).detachPaymentMethod(method.gatewayPaymentMethodId);
  return "detached";
}
