// Stripe webhooks in, gateway reports out. Stripe delivers late, twice and out of order, so a
// charge is never reported as the event describes it but as Stripe has it now (re-read through the
// gateway): a `payment_failed` that arrives after the retry succeeded reports the success.
import Stripe from "stripe";
import { Invalid } from "@/server/errors";
import type { PaymentGateway } from "./gateway";
import type { GatewayReport } from "./gateway-report";
import type { StripeGateway } from "./stripe-gateway";

const SIGNATURE_HEADER = "stripe-signature";

/**
 * The event, once its Stripe-Signature matches the raw body (the exact bytes received, before any
 * JSON parsing) under the endpoint's signing secret, within the SDK's 5-minute tolerance.
 * Throws Invalid (400) otherwise, so Stripe sees the refusal in its delivery log.
 */
export function verifyStripeEvent(rawBody: string | Buffer, signatureHeader: string | null, webhookSecret: string): Stripe.Event {
  if (!signatureHeader) throw Invalid.field(SIGNATURE_HEADER, "is missing");
  try {
    return Stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw Invalid.field(SIGNATURE_HEADER, "does not match the body and the endpoint's signing secret", { cause: error });
    }
    if (error instanceof SyntaxError) throw Invalid.field("body", "is not JSON", { cause: error });
    throw error;
  }
}

/** The gateway used to re-read objects; a Stripe gateway can also read Checkout's SetupIntents. */
export type EventGateway = PaymentGateway & Partial<Pick<StripeGateway, "retrieveSetupIntent">>;

export async function translateStripeEvent(event: Stripe.Event, gateway: EventGateway): Promise<GatewayReport> {
  switch (event.type) {
    case "checkout.session.completed":
      return checkoutCompleted(event.data.object, gateway);
    case "setup_intent.succeeded": {
      const intent = event.data.object;
      const paymentMethodId = idOf(intent.payment_method);
      if (!paymentMethodId) return { kind: "ignored", reason: `SetupIntent ${intent.id} succeeded without a payment method` };
      return {
        kind: "setup_succeeded",
        checkoutSessionId: intent.metadata?.checkoutSessionId ?? null,
        gatewayCustomerId: idOf(intent.customer),
        card: await gateway.retrievePaymentMethod(paymentMethodId),
      };
    }
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
    case "payment_intent.processing":
    case "payment_intent.canceled": {
      const intent = event.data.object;
      return { kind: "charge", paymentId: intent.metadata?.paymentId ?? null, result: await gateway.retrieveCharge(intent.id) };
    }
    case "charge.refunded": {
      const intentId = idOf(event.data.object.payment_intent);
      if (!intentId) return { kind: "ignored", reason: `Charge ${event.data.object.id} has no PaymentIntent` };
      return { kind: "refunds", refunds: await gateway.listRefunds(intentId) };
    }
    case "refund.created":
    case "refund.updated":
      return { kind: "refunds", refunds: [await gateway.retrieveRefund(event.data.object.id)] };
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
      return disputeReport(event.data.object);
    case "payment_method.detached":
      return { kind: "payment_method_detached", gatewayPaymentMethodId: event.data.object.id };
    default:
      return { kind: "ignored", reason: `${event.type} is not an event collection acts on` };
  }
}

async function checkoutCompleted(session: Stripe.Checkout.Session, gateway: EventGateway): Promise<GatewayReport> {
  const checkoutSessionId = session.metadata?.checkoutSessionId ?? session.client_reference_id ?? null;
  const base = { kind: "checkout_completed", checkoutSessionId, gatewaySessionId: session.id } as const;
  if (session.mode === "payment") {
    const paymentIntentId = idOf(session.payment_intent);
    if (!paymentIntentId) return { kind: "ignored", reason: `Checkout Session ${session.id} completed without a PaymentIntent` };
    return { ...base, charge: await gateway.retrieveCharge(paymentIntentId) };
  }
  if (session.mode === "setup") {
    const paymentMethodId = await setupPaymentMethodId(session.setup_intent, gateway);
    // Without it (a gateway that cannot read SetupIntents), setup_intent.succeeded brings the card.
    return paymentMethodId ? { ...base, card: await gateway.retrievePaymentMethod(paymentMethodId) } : base;
  }
  return { kind: "ignored", reason: `Checkout Session ${session.id} is in ${session.mode} mode` };
}

async function setupPaymentMethodId(setupIntent: Stripe.Checkout.Session["setup_intent"], gateway: EventGateway): Promise<string | null> {
  if (setupIntent === null) return null;
  if (typeof setupIntent !== "string") return idOf(setupIntent.payment_method);
  if (!gateway.retrieveSetupIntent) return null;
  return (await gateway.retrieveSetupIntent(setupIntent)).gatewayPaymentMethodId;
}

/**
 * Disputes are reported as the event has them, not re-read: their only move that matters is
 * open → closed, and applying them keeps to it whatever order they come in.
 */
function disputeReport(dispute: Stripe.Dispute): GatewayReport {
  const intentId = idOf(dispute.payment_intent);
  if (!intentId) return { kind: "ignored", reason: `Dispute ${dispute.id} has no PaymentIntent` };
  const status = dispute.status === "lost" ? "lost" : dispute.status === "won" || dispute.status === "warning_closed" || dispute.status === "prevented" ? "won" : "open";
  return {
    kind: "dispute",
    paymentId: null,
    dispute: { gatewayDisputeId: dispute.id, gatewayPaymentId: intentId, status, amountMinor: BigInt(dispute.amount), currency: dispute.currency.toUpperCase(), reason: dispute.reason ?? null },
  };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}
