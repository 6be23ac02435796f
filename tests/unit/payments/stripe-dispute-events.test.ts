import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { EventGateway } from "@/server/payments/stripe-events";
import { translateStripeEvent } from "@/server/payments/stripe-events";

// Disputes are translated from the event itself (never re-read): every Stripe status must land on
// open, won or lost, or a closed dispute would stay open here forever.

const noGateway = new Proxy({}, { get: () => () => Promise.reject(new Error("disputes must not call the gateway")) }) as EventGateway;

const disputeEvent = (type: string, status: string, paymentIntent: string | null = "pi_1") =>
  ({ id: "evt_1", object: "event", type, data: { object: { id: "dp_1", object: "dispute", amount: 1230, currency: "jpy", payment_intent: paymentIntent, status, reason: "fraudulent" } } }) as unknown as Stripe.Event;

describe("Stripe dispute events", () => {
  it.each([
    ["warning_needs_response", "open"],
    ["needs_response", "open"],
    ["under_review", "open"],
    ["warning_under_review", "open"],
    ["won", "won"],
    ["warning_closed", "won"],
    ["lost", "lost"],
  ])("status %s is reported as %s, with the amount in minor units and the currency upper case", async (stripeStatus, status) => {
    const report = await translateStripeEvent(disputeEvent("charge.dispute.updated", stripeStatus), noGateway);
    expect(report).toEqual({ kind: "dispute", paymentId: null, dispute: { gatewayDisputeId: "dp_1", gatewayPaymentId: "pi_1", status, amountMinor: 1230n, currency: "JPY", reason: "fraudulent" } });
  });

  it("ignores a dispute with no PaymentIntent (a charge made outside PaymentIntents)", async () => {
    expect(await translateStripeEvent(disputeEvent("charge.dispute.created", "needs_response", null), noGateway)).toMatchObject({ kind: "ignored" });
  });
});
