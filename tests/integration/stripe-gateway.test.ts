import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Invalid, Unprocessable } from "@/server/errors";
import type { ChargeRequest, CheckoutRequest } from "@/server/payments/gateway";
import { toMinorUnits } from "@/server/payments/minor-units";
import { translateStripeEvent, verifyStripeEvent } from "@/server/payments/stripe-events";
import { createStripeGateway, isOutcomeUnknown, STRIPE_API_VERSION, type StripeGateway } from "@/server/payments/stripe-gateway";
import { startStripeStandIn, type StripeStandIn } from "../fixtures/stripe-stand-in";

// No database here: the real `stripe` SDK, through createStripeGateway, against a local stand-in.
const SECRET_KEY = "sk_test_standin_0123456789";
const WEBHOOK_SECRET = "whsec_standin_secret";
const unique = (label: string) => `${label}-${randomBytes(5).toString("hex")}`;

let standIn: StripeStandIn;
let gateway: StripeGateway;
let customerId: string;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  gateway = createStripeGateway({ secretKey: SECRET_KEY, api: standIn.address });
  customerId = await gateway.ensureCustomer({ id: unique("cust"), name: "Ada", email: "ada@example.com", gatewayCustomerId: null });
});
afterAll(() => standIn.stop());
afterEach(() => vi.unstubAllEnvs());

const chargeRequest = (overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  idempotencyKey: unique("payment"),
  amountMinor: 1230n,
  currency: "USD",
  gatewayCustomerId: customerId,
  gatewayPaymentMethodId: "pm_card_visa",
  description: "Invoice INV-0001",
  metadata: { paymentId: unique("pay"), invoiceId: "inv_1" },
  ...overrides,
});

const postsTo = (path: string, idempotencyKey: string) =>
  standIn.requests.filter((r) => r.method === "POST" && r.path === path && r.idempotencyKey === idempotencyKey);

/** A webhook delivery as the route receives it: signed body, verified, translated. */
function deliver(type: string, object: Parameters<StripeStandIn["event"]>[1]) {
  const { body, header } = standIn.signedWebhook(standIn.event(type, object), WEBHOOK_SECRET);
  return translateStripeEvent(verifyStripeEvent(body, header, WEBHOOK_SECRET), gateway);
}

describe("customers", () => {
  it("creates the Stripe customer once per customer of ours", async () => {
    const customer = { id: unique("cust"), name: "Grace", email: "grace@example.com", gatewayCustomerId: null };
    const first = await gateway.ensureCustomer(customer);
    expect(await gateway.ensureCustomer(customer)).toBe(first);
    const creates = postsTo("/v1/customers", `customer-${customer.id}`);
    expect(creates.map((r) => r.replayed)).toEqual([false, true]);
    expect(creates[0]!.params).toMatchObject({ name: "Grace", email: "grace@example.com", metadata: { customerId: customer.id } });
    const before = standIn.requests.length;
    expect(await gateway.ensureCustomer({ ...customer, gatewayCustomerId: first })).toBe(first);
    expect(standIn.requests.length).toBe(before);
  });
});

describe("charge", () => {
  it("succeeds off-session with the pinned API version and our idempotency key", async () => {
    const request = chargeRequest();
    const result = await gateway.charge(request);
    expect(result).toEqual({ status: "succeeded", gatewayPaymentId: expect.stringMatching(/^pi_/), amountMinor: 1230n, currency: "USD" });
    const [sent] = postsTo("/v1/payment_intents", request.idempotencyKey);
    expect(sent!.stripeVersion).toBe(STRIPE_API_VERSION);
    expect(sent!.params).toEqual({
      amount: "1230",
      currency: "usd",
      customer: customerId,
      payment_method: "pm_card_visa",
      off_session: "true",
      confirm: "true",
      description: "Invoice INV-0001",
      metadata: request.metadata,
    });
    expect(await gateway.retrieveCharge(result.gatewayPaymentId)).toEqual(result);
  });

  it("reports a decline as a failed charge with Stripe's code and message", async () => {
    const result = await gateway.charge(chargeRequest({ gatewayPaymentMethodId: "pm_card_chargeDeclined" }));
    expect(result).toMatchObject({ status: "failed", failureCode: "card_declined", failureMessage: "Your card was declined.", hardDecline: false });
    expect(result.gatewayPaymentId).toMatch(/^pi_/);
    // The PaymentIntent read later says the same, from its last_payment_error.
    expect(await gateway.retrieveCharge(result.gatewayPaymentId)).toEqual(result);
  });

  it("reports insufficient funds by its decline code", async () => {
    const result = await gateway.charge(chargeRequest({ gatewayPaymentMethodId: "pm_card_chargeDeclinedInsufficientFunds" }));
    expect(result).toMatchObject({ status: "failed", failureCode: "insufficient_funds", failureMessage: "Your card has insufficient funds.", hardDecline: false });
  });

  it("reports a card that needs authentication as failed with authentication_required", async () => {
    const result = await gateway.charge(chargeRequest({ gatewayPaymentMethodId: "pm_card_authenticationRequired" }));
    expect(result).toMatchObject({ status: "failed", failureCode: "authentication_required", hardDecline: false });
    expect(result.failureMessage).toMatch(/requires authentication/);
  });

  it("marks a lost or stolen card as a hard decline", async () => {
    for (const card of ["pm_card_chargeDeclinedLostCard", "pm_card_chargeDeclinedStolenCard"]) {
      const result = await gateway.charge(chargeRequest({ gatewayPaymentMethodId: card }));
      expect(result).toMatchObject({ status: "failed", hardDecline: true, failureCode: card.endsWith("LostCard") ? "lost_card" : "stolen_card" });
    }
  });

  it("retries a timed-out charge with the same key: Stripe replays it and only one PaymentIntent exists", async () => {
    const impatient = createStripeGateway({ secretKey: SECRET_KEY, api: standIn.address, timeoutMs: 300 });
    const request = chargeRequest();
    const intentsBefore = standIn.paymentIntents.length;
    standIn.delayNext("/v1/payment_intents", 1_500);
    const result = await impatient.charge(request);
    expect(result.status).toBe("succeeded");
    const attempts = postsTo("/v1/payment_intents", request.idempotencyKey);
    expect(attempts.map((r) => r.replayed)).toEqual([false, true]);
    expect(standIn.paymentIntents.length).toBe(intentsBefore + 1);
    expect(standIn.paymentIntents.filter((pi) => JSON.stringify(pi.metadata) === JSON.stringify(request.metadata))).toHaveLength(1);
  });

  it("refuses the same key with other parameters, as Stripe does (a definite refusal, not an unknown outcome)", async () => {
    const request = chargeRequest();
    await gateway.charge(request);
    const error = await gateway.charge({ ...request, amountMinor: 999n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("throws when the outcome is unknown: no answer, or server errors past the SDK's retries", async () => {
    const closed = await startStripeStandIn();
    const unreachable = createStripeGateway({ secretKey: SECRET_KEY, api: closed.address, timeoutMs: 300 });
    await closed.stop();
    const offline = await unreachable.charge(chargeRequest()).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(isOutcomeUnknown(offline)).toBe(true);

    standIn.failNext("/v1/payment_intents", 500, 3);
    const request = chargeRequest();
    const serverError = await gateway.charge(request).catch((e: unknown) => e);
    expect(serverError).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(isOutcomeUnknown(serverError)).toBe(true);
    expect(postsTo("/v1/payment_intents", request.idempotencyKey)).toHaveLength(3);
    // The caller's retry with the same key then charges once.
    expect((await gateway.charge(request)).status).toBe("succeeded");
  });

  it("sends minor units: 1230 JPY as 1230, 12.30 USD as 1230", async () => {
    const yen = chargeRequest({ currency: "JPY", amountMinor: toMinorUnits("1230", "JPY") });
    const dollars = chargeRequest({ currency: "USD", amountMinor: toMinorUnits("12.30", "USD") });
    expect(await gateway.charge(yen)).toMatchObject({ status: "succeeded", amountMinor: 1230n, currency: "JPY" });
    expect(await gateway.charge(dollars)).toMatchObject({ status: "succeeded", amountMinor: 1230n, currency: "USD" });
    expect(postsTo("/v1/payment_intents", yen.idempotencyKey)[0]!.params).toMatchObject({ amount: "1230", currency: "jpy" });
    expect(postsTo("/v1/payment_intents", dollars.idempotencyKey)[0]!.params).toMatchObject({ amount: "1230", currency: "usd" });
  });
});

describe("checkout", () => {
  const checkoutRequest = (mode: "setup" | "payment", checkoutSessionId = unique("chk")): CheckoutRequest => ({
    mode,
    checkoutSessionId,
    gatewayCustomerId: customerId,
    currency: "EUR",
    ...(mode === "payment" && { amountMinor: 4200n }),
    description: mode === "payment" ? "Invoice INV-0042" : "Save a card",
    successUrl: "https://billing.example.com/checkout/done",
    cancelUrl: "https://billing.example.com/checkout/cancel",
    expiresAt: new Date(Date.now() + 2 * 60 * 60 * 1000),
    metadata: { organizationId: "org_1", ...(mode === "payment" && { paymentId: unique("pay") }) },
  });

  it("saves a card in setup mode; the completed session translates to the card", async () => {
    const request = checkoutRequest("setup");
    const created = await gateway.createCheckout(request);
    expect(created.url).toContain(created.gatewaySessionId);
    const [sent] = postsTo("/v1/checkout/sessions", `checkout-${request.checkoutSessionId}`);
    expect(sent!.params).toMatchObject({
      mode: "setup",
      currency: "eur",
      customer: customerId,
      allowed_payment_method_types: ["card"],
      client_reference_id: request.checkoutSessionId,
      metadata: { organizationId: "org_1", checkoutSessionId: request.checkoutSessionId },
      setup_intent_data: { metadata: { checkoutSessionId: request.checkoutSessionId } },
      expires_at: String(Math.floor(request.expiresAt.getTime() / 1000)),
    });

    const { session, setupIntent } = standIn.completeCheckout(created.gatewaySessionId, { paymentMethod: "pm_card_mastercard" });
    const card = { gatewayPaymentMethodId: setupIntent!.payment_method, brand: "mastercard", last4: "4444", expMonth: 12, expYear: expect.any(Number) };
    expect(await deliver("checkout.session.completed", session)).toEqual({
      kind: "checkout_completed",
      checkoutSessionId: request.checkoutSessionId,
      gatewaySessionId: created.gatewaySessionId,
      card,
    });
    expect(await deliver("setup_intent.succeeded", setupIntent!)).toEqual({
      kind: "setup_succeeded",
      checkoutSessionId: request.checkoutSessionId,
      gatewayCustomerId: customerId,
      card,
    });
    expect(await gateway.expireCheckout(created.gatewaySessionId)).toBe("complete");
  });

  it("takes a payment in payment mode; the completed session translates to the charge, re-read", async () => {
    const request = checkoutRequest("payment");
    const created = await gateway.createCheckout(request);
    // Creating it again (a retried job) is the same session.
    expect(await gateway.createCheckout(request)).toEqual(created);
    const [sent] = postsTo("/v1/checkout/sessions", `checkout-${request.checkoutSessionId}`);
    expect(sent!.params).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { currency: "eur", unit_amount: "4200", product_data: { name: "Invoice INV-0042" } } }],
      payment_intent_data: { setup_future_usage: "off_session", metadata: { paymentId: request.metadata.paymentId, checkoutSessionId: request.checkoutSessionId } },
    });

    const { session, paymentIntent } = standIn.completeCheckout(created.gatewaySessionId, { paymentMethod: "pm_card_visa" });
    expect(await deliver("checkout.session.completed", session)).toEqual({
      kind: "checkout_completed",
      checkoutSessionId: request.checkoutSessionId,
      gatewaySessionId: created.gatewaySessionId,
      charge: { status: "succeeded", gatewayPaymentId: paymentIntent!.id, amountMinor: 4200n, currency: "EUR" },
    });
    expect(await deliver("payment_intent.succeeded", paymentIntent!)).toMatchObject({ kind: "charge", paymentId: request.metadata.paymentId });
  });

  it("expires an open session, idempotently, and clamps expiresAt into Stripe's 30 min..24 h", async () => {
    const soon = { ...checkoutRequest("setup"), expiresAt: new Date(Date.now() + 60_000) };
    const created = await gateway.createCheckout(soon);
    const expiresAt = Number(postsTo("/v1/checkout/sessions", `checkout-${soon.checkoutSessionId}`)[0]!.params.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 60);
    expect(await gateway.expireCheckout(created.gatewaySessionId)).toBe("expired");
    expect(await gateway.expireCheckout(created.gatewaySessionId)).toBe("expired");

    const late = { ...checkoutRequest("setup"), expiresAt: new Date(Date.now() + 3 * 24 * 60 * 60 * 1000) };
    await gateway.createCheckout(late);
    const lateAt = Number(postsTo("/v1/checkout/sessions", `checkout-${late.checkoutSessionId}`)[0]!.params.expires_at);
    expect(lateAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 24 * 60 * 60);
  });
});

describe("payment methods, refunds, connection", () => {
  it("reads a card and detaches it; detaching again is not an error", async () => {
    const created = await gateway.createCheckout({
      mode: "setup",
      checkoutSessionId: unique("chk"),
      gatewayCustomerId: customerId,
      currency: "USD",
      description: "Save a card",
      successUrl: "https://billing.example.com/ok",
      cancelUrl: "https://billing.example.com/cancel",
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
      metadata: {},
    });
    const { paymentMethod } = standIn.completeCheckout(created.gatewaySessionId, { paymentMethod: "pm_card_visa" });
    const id = paymentMethod.id as string;
    expect(await gateway.retrievePaymentMethod(id)).toEqual({ gatewayPaymentMethodId: id, brand: "visa", last4: "4242", expMonth: 12, expYear: expect.any(Number) });
    await gateway.detachPaymentMethod(id);
    await gateway.detachPaymentMethod(id);
    expect(await deliver("payment_method.detached", { ...paymentMethod, customer: null })).toEqual({ kind: "payment_method_detached", gatewayPaymentMethodId: id });
    await expect(gateway.detachPaymentMethod("pm_does_not_exist")).rejects.toThrow(/No such PaymentMethod/);
  });

  it("refunds once per idempotency key", async () => {
    const charge = await gateway.charge(chargeRequest());
    const request = { idempotencyKey: unique("refund"), gatewayPaymentId: charge.gatewayPaymentId, amountMinor: 500n, metadata: { refundId: "rf_1" } };
    const first = await gateway.refund(request);
    expect(first).toEqual({ gatewayRefundId: expect.stringMatching(/^re_/), status: "succeeded", amountMinor: 500n, currency: "USD", gatewayPaymentId: charge.gatewayPaymentId, refundId: "rf_1" });
    expect(await gateway.refund(request)).toEqual(first);
    expect(standIn.refunds.filter((r) => r.payment_intent === charge.gatewayPaymentId)).toHaveLength(1);
    await expect(gateway.refund({ ...request, amountMinor: 600n })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    // A refusal Stripe states is an outcome, not an error: the refund fails with Stripe's words.
    expect(await gateway.refund({ ...request, idempotencyKey: unique("refund"), amountMinor: 800n })).toMatchObject({ status: "failed", failureMessage: expect.stringMatching(/greater than unrefunded/) });
    expect(await gateway.listRefunds(charge.gatewayPaymentId)).toEqual([first]);
    expect(await gateway.retrieveRefund(first.gatewayRefundId)).toEqual(first);
  });

  it("tests the connection, with Stripe's words when the key is refused", async () => {
    await expect(gateway.testConnection()).resolves.toBeUndefined();
    const refused = createStripeGateway({ secretKey: "sk_live_wrong_key_1234", api: standIn.address });
    const error = await refused.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unprocessable);
    expect((error as Error).message).toMatch(/^Stripe: Invalid API Key provided: sk_live_.*1234$/);
  });

  it("finds the API through STRIPE_API_BASE when no address is given", async () => {
    vi.stubEnv("STRIPE_API_BASE", standIn.baseUrl);
    const before = standIn.requests.length;
    await createStripeGateway({ secretKey: SECRET_KEY }).testConnection();
    expect(standIn.requests.slice(before).map((r) => r.path)).toEqual(["/v1/balance"]);
  });
});

describe("webhooks", () => {
  it("verifies the signature over the raw body", () => {
    const event = standIn.event("payment_intent.succeeded", { id: "pi_x", object: "payment_intent" });
    const { body, header } = standIn.signedWebhook(event, WEBHOOK_SECRET);
    expect(verifyStripeEvent(body, header, WEBHOOK_SECRET)).toMatchObject({ id: event.id, type: "payment_intent.succeeded" });
    expect(verifyStripeEvent(Buffer.from(body), header, WEBHOOK_SECRET).id).toBe(event.id);

    for (const [rawBody, signature, secret] of [
      [body, header, "whsec_other"],
      [body.replace("pi_x", "pi_y"), header, WEBHOOK_SECRET],
      [body, null, WEBHOOK_SECRET],
      [body, "t=1,v1=deadbeef", WEBHOOK_SECRET],
    ] as const) {
      const error = (() => {
        try {
          verifyStripeEvent(rawBody, signature, secret);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).issues[0]!.path).toBe("stripe-signature");
    }
  });

  it("reports a late payment_failed as the PaymentIntent stands now: succeeded", async () => {
    const request = chargeRequest({ gatewayPaymentMethodId: "pm_card_chargeDeclinedInsufficientFunds" });
    const failed = await gateway.charge(request);
    expect(failed.status).toBe("failed");
    const failedIntent = standIn.paymentIntents.find((pi) => pi.id === failed.gatewayPaymentId)!;
    const lateEvent = structuredClone(failedIntent);
    // Since then the customer's retry (e.g. after topping up) succeeded; the failure arrives last.
    standIn.setPaymentIntentStatus(failed.gatewayPaymentId, "succeeded");
    expect(await deliver("payment_intent.payment_failed", lateEvent)).toEqual({
      kind: "charge",
      paymentId: request.metadata.paymentId,
      result: { status: "succeeded", gatewayPaymentId: failed.gatewayPaymentId, amountMinor: 1230n, currency: "USD" },
    });
  });

  it("reports processing and canceled PaymentIntents as they stand, and ignores other events", async () => {
    const charge = await gateway.charge(chargeRequest());
    const intent = structuredClone(standIn.paymentIntents.find((pi) => pi.id === charge.gatewayPaymentId)!);
    standIn.setPaymentIntentStatus(charge.gatewayPaymentId, "processing");
    expect(await deliver("payment_intent.processing", intent)).toMatchObject({ kind: "charge", result: { status: "processing" } });
    standIn.setPaymentIntentStatus(charge.gatewayPaymentId, "requires_action");
    expect(await gateway.retrieveCharge(charge.gatewayPaymentId)).toMatchObject({ status: "failed", failureCode: "authentication_required" });
    standIn.setPaymentIntentStatus(charge.gatewayPaymentId, "canceled");
    expect(await deliver("payment_intent.canceled", intent)).toMatchObject({ kind: "charge", result: { status: "canceled" } });
    expect(await deliver("customer.updated", { id: customerId, object: "customer" })).toEqual({ kind: "ignored", reason: expect.stringContaining("customer.updated") });
  });
});
