import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { beginCheckoutPayment, completeCheckoutSession } from "./checkout-payments";
import { createSandboxGateway } from "./sandbox-gateway";
import { SANDBOX_CARDS, sandboxCardByNumber, sandboxGatewayCard, sandboxPaymentMethodId } from "./sandbox-cards";
import { toMinorUnits } from "./minor-units";
import { applyChargeResult } from "./payment-settlement";
import { savePaymentMethod } from "./payment-methods";

/** What the sandbox's hosted page shows: who is asking, for what, and where to go after. */
export async function getSandboxCheckout(db: Db, sessionId: string, now = new Date()) {
  const session = await db.checkoutSession.findFirst({
    where: { id: sessionId, gateway: "sandbox" },
    include: { organization: { select: { name: true } }, customer: { select: { name: true, email: true } }, invoice: { select: { number: true, periodStart: true, periodEnd: true } }, payment: { select: { status: true, failureMessage: true } } },
  });
  if (!session) throw new NotFound("Checkout", sessionId);
  const expired = session.status === "expired" || (session.status === "open" && session.expiresAt <= now);
  return { ...session, state: session.status === "complete" ? ("complete" as const) : expired ? ("expired" as const) : ("open" as const) };
}

export type SandboxSubmitResult = { status: "complete" } | { status: "requires_authorization" } | { status: "failed"; code: string; message: string };

/**
 * The hosted page's "Pay" (or "Save card"): the card is saved as the customer's default, and a
 * payment charges it with the customer present, which is what lets a 3-D Secure card through once
 * they authorize. The session id in the URL is the only credential, as with Stripe Checkout.
 */
export async function submitSandboxCheckout(db: Db, sessionId: string, input: { cardNumber: string; authorized: boolean }, options: { now?: Date } = {}): Promise<SandboxSubmitResult> {
  const now = options.now ?? new Date();
  const session = await getSandboxCheckout(db, sessionId, now);
  if (session.state === "complete") return { status: "complete" };
  if (session.state === "expired") throw new Conflict("This checkout link has expired");
  const card = sandboxCardByNumber(input.cardNumber);
  if (!card) throw Invalid.field("cardNumber", `must be one of the sandbox test cards: ${SANDBOX_CARDS.map((c) => c.number).join(", ")}`);
  if (card.behaviour === "authentication_required" && !input.authorized && session.purpose !== "payment_method") return { status: "requires_authorization" };

  // A card paid with is kept for later payments (as Checkout's setup_future_usage does), but only
  // once it worked: a declined card must not become the customer's default.
  const method = await savePaymentMethod(db, {
    organizationId: session.organizationId,
    customerId: session.customerId,
    gateway: "sandbox",
    card: sandboxGatewayCard(card, sandboxPaymentMethodId(card, randomBytes(8).toString("hex"))),
    makeDefault: session.purpose === "payment_method",
  });
  if (session.purpose === "payment_method") {
    await completeCheckoutSession(db, session.id, now);
    return { status: "complete" };
  }

  const payment = await beginCheckoutPayment(db, session.id, { gateway: "sandbox", paymentMethodId: method.id, submitted: true, now });
  const gateway = createSandboxGateway(db, session.organizationId, { customerPresent: input.authorized });
  const result = await gateway.charge({
    idempotencyKey: payment.idempotencyKey,
    amountMinor: toMinorUnits(payment.amount.toFixed(), payment.currency),
    currency: payment.currency,
    gatewayCustomerId: `cus_sandbox_${session.customerId}`,
    gatewayPaymentMethodId: method.gatewayPaymentMethodId,
    description: session.invoice ? `Invoice ${session.invoice.number}` : "Credits top-up",
    metadata: { paymentId: payment.id, checkoutSessionId: session.id, organizationId: session.organizationId },
  });
  await applyChargeResult(db, session.organizationId, payment.id, result, { source: "checkout", now });
  if (result.status === "succeeded") {
    await completeCheckoutSession(db, session.id, now);
    await savePaymentMethod(db, { organizationId: session.organizationId, customerId: session.customerId, gateway: "sandbox", card: sandboxGatewayCard(card, method.gatewayPaymentMethodId), now });
    return { status: "complete" };
  }
  await db.paymentMethod.update({ where: { id: method.id }, data: { removedAt: now } });
  return { status: "failed", code: result.failureCode ?? "card_declined", message: result.failureMessage ?? "Your card was declined." };
}
