import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { requestPaymentAttempt } from "@/server/payments/collection-start";
import { handleStripeWebhook } from "@/server/payments/http";
import { executePaymentAttempt } from "@/server/payments/payment-attempt";
import { savePaymentMethod } from "@/server/payments/payment-methods";
import { updatePaymentSettings } from "@/server/payments/payment-settings";
import type { StripeStandIn } from "../fixtures/stripe-stand-in";
import { stripeStandInForFile } from "./stripe-stand-in-hooks";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// Collection at Stripe, through the real `stripe` SDK against a local stand-in of the endpoints we
// use (tests/fixtures/stripe-stand-in.ts), and Stripe's webhooks signed with the SDK's own helper
// and posted to our route handler. Dates are fixed; nothing depends on today.

type Json = Record<string, unknown>;
const WEBHOOK_SECRET = "whsec_standin_0123456789";
const standIn = stripeStandInForFile();

async function stripeOrganization(currency = "USD") {
  const org = await createTestOrganization("Stripe Collection Org");
  await updatePaymentSettings(org.ctx, { stripeSecretKey: "sk_test_standin_0123456789", stripeWebhookSecret: WEBHOOK_SECRET, gateway: "stripe" });
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency, interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: currency === "JPY" ? "1230" : "100" }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency });
  return { org, ok };
}

async function deliver(organizationId: string, event: Parameters<StripeStandIn["signedWebhook"]>[0], secret = WEBHOOK_SECRET) {
  const { body, header } = standIn.signedWebhook(event, secret);
  const response = await handleStripeWebhook(new Request(`http://localhost/api/webhooks/stripe/${organizationId}`, { method: "POST", body, headers: { "stripe-signature": header, "content-type": "application/json" } }), organizationId);
  await settleEvents(organizationId);
  return { status: response.status, json: (await response.json()) as Json };
}

/** A card saved through Stripe Checkout in setup mode, learned from its checkout.session.completed webhook. */
async function saveCardThroughCheckout(organizationId: string, ok: ReturnType<typeof restOk>) {
  const created = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "payment_method" });
  expect(created.url).toMatch(/\/c\/pay\/cs_test_/);
  const session = await db.checkoutSession.findUniqueOrThrow({ where: { id: created.id as string } });
  const completed = standIn.completeCheckout(session.gatewaySessionId!, { paymentMethod: "pm_card_visa" });
  return deliver(organizationId, standIn.event("checkout.session.completed", completed.session));
}

/** A Stripe test card saved as the default, for cards Checkout would not complete with. */
async function saveTestCard(organizationId: string, gatewayPaymentMethodId: string) {
  const customer = await db.customer.findFirstOrThrow({ where: { organizationId, externalId: "c1" } });
  await savePaymentMethod(db, { organizationId, customerId: customer.id, gateway: "stripe", card: { gatewayPaymentMethodId, brand: "visa", last4: "0002", expMonth: 12, expYear: 2034 } });
}

async function openInvoice(ok: ReturnType<typeof restOk>, organizationId: string) {
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await settleEvents(organizationId);
  const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
  return invoice!.id as string;
}

const paymentsOf = async (ok: ReturnType<typeof restOk>, invoiceId: string) => (await ok("GET", `/payments?invoice=${invoiceId}`)).data as Json[];
const intentsFor = (invoiceId: string) => standIn.paymentIntents.filter((pi) => (pi.metadata as Json | undefined)?.invoiceId === invoiceId);

describe("collection at Stripe", () => {
  it("saves a card from Checkout's webhook once, charges it off-session at finalize, and ignores the duplicate and late events", async () => {
    const { org, ok } = await stripeOrganization();
    const first = await saveCardThroughCheckout(org.organizationId, ok);
    expect(first).toMatchObject({ status: 200, json: { received: true, duplicate: false } });
    const methods = (await ok("GET", "/customers/c1/payment-methods")).data as Json[];
    expect(methods).toEqual([expect.objectContaining({ gateway: "stripe", brand: "visa", last4: "4242", isDefault: true })]);

    const invoiceId = await openInvoice(ok, org.organizationId);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", collectionStatus: "paid", amountPaid: "100.00" });
    const [payment] = await paymentsOf(ok, invoiceId);
    expect(payment).toMatchObject({ status: "succeeded", gateway: "stripe", amount: "100.00", paymentMethod: { last4: "4242" } });
    const [intent] = intentsFor(invoiceId);
    expect(intent).toMatchObject({ amount: 10000, currency: "usd", status: "succeeded" });
    const charge = standIn.requests.find((r) => r.path === "/v1/payment_intents" && r.method === "POST");
    expect(charge?.params).toMatchObject({ off_session: "true", confirm: "true" });
    expect(charge?.idempotencyKey).toBe(`invoice-${invoiceId}-attempt-1`);
    expect(charge?.stripeVersion).toBe("2026-11-18.endive");

    // Stripe delivers payment_intent.succeeded too, and may deliver it twice: nothing changes.
    const event = standIn.event("payment_intent.succeeded", intent!);
    expect((await deliver(org.organizationId, event)).json).toMatchObject({ duplicate: false });
    expect((await deliver(org.organizationId, event)).json).toMatchObject({ duplicate: true });
    // A payment_failed arriving after the success (out of order) leaves the invoice paid.
    const late = await deliver(org.organizationId, standIn.event("payment_intent.payment_failed", { ...intent!, status: "requires_payment_method", last_payment_error: { code: "card_declined", decline_code: "card_declined", message: "Your card was declined." } }));
    expect(late.status).toBe(200);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
    expect((await paymentsOf(ok, invoiceId)).map((p) => p.status)).toEqual(["succeeded"]);
    const outcomes = await db.gatewayEvent.findMany({ where: { organizationId: org.organizationId }, orderBy: { receivedAt: "asc" } });
    expect(outcomes.map((o) => o.outcome)).toEqual(["payment method saved", "unchanged", "unchanged"]);
  });

  it.each([
    ["pm_card_chargeDeclined", "card_declined"],
    ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
    ["pm_card_authenticationRequired", "authentication_required"],
  ])("a charge on %s fails with %s; the invoice stays open in dunning, and a failure e-mail carries a pay link", async (card, code) => {
    const { org, ok } = await stripeOrganization();
    await saveTestCard(org.organizationId, card);
    const invoiceId = await openInvoice(ok, org.organizationId);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "open", collectionStatus: "dunning", amountDue: "100.00" });
    const [payment] = await paymentsOf(ok, invoiceId);
    expect(payment).toMatchObject({ status: "failed", failureCode: code });
    expect(payment!.failureMessage).toEqual(expect.any(String));
    const email = await db.outboxEmail.findFirstOrThrow({ where: { organizationId: org.organizationId, template: "payment_failed" } });
    expect(email.text).toContain(`/pay/invoice/${invoiceId}?sig=`);
  });

  it("a charge call that times out is retried with the same key and charges once", async () => {
    const { org, ok } = await stripeOrganization();
    await saveTestCard(org.organizationId, "pm_card_visa");
    standIn.delayNext("/v1/payment_intents", 1_500);
    const invoiceId = await openInvoice(ok, org.organizationId);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
    expect(intentsFor(invoiceId)).toHaveLength(1);
    const calls = standIn.requests.filter((r) => r.path === "/v1/payment_intents" && r.method === "POST" && r.idempotencyKey === `invoice-${invoiceId}-attempt-1`);
    expect(calls.length).toBeGreaterThan(1);
  });

  it("when every retry of the SDK fails, the attempt stays pending and a later run with the same key charges once", async () => {
    const { org, ok } = await stripeOrganization();
    await saveTestCard(org.organizationId, "pm_card_visa");
    await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
    const invoiceId = invoice!.id as string;
    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId } });
    // The relay may have run the attempt already; run it here as the relay would, with Stripe down.
    standIn.failNext("/v1/payment_intents", 503, 3);
    await executePaymentAttempt(db, org.organizationId, payment.id).catch(() => undefined);
    await settleEvents(org.organizationId);
    await executePaymentAttempt(db, org.organizationId, payment.id);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
    expect(intentsFor(invoiceId)).toHaveLength(1);
  });

  it("a Checkout payment racing an automatic attempt takes the money once, whichever comes first", async () => {
    for (const checkoutFirst of [true, false]) {
      const { org, ok } = await stripeOrganization();
      await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
      await settleEvents(org.organizationId);
      const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
      const invoiceId = invoice!.id as string;
      const created = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "invoice", invoiceId });
      const session = await db.checkoutSession.findUniqueOrThrow({ where: { id: created.id as string } });
      await saveTestCard(org.organizationId, "pm_card_visa");
      const { paymentId } = await requestPaymentAttempt(org.ctx, invoiceId);
      if (checkoutFirst) {
        const completed = standIn.completeCheckout(session.gatewaySessionId!, { paymentMethod: "pm_card_visa" });
        await executePaymentAttempt(db, org.organizationId, paymentId);
        await deliver(org.organizationId, standIn.event("checkout.session.completed", completed.session));
      } else {
        await executePaymentAttempt(db, org.organizationId, paymentId);
        expect(() => standIn.completeCheckout(session.gatewaySessionId!, { paymentMethod: "pm_card_visa" })).toThrow(/expired/);
      }
      await settleEvents(org.organizationId);
      const succeeded = (await paymentsOf(ok, invoiceId)).filter((p) => p.status === "succeeded");
      expect(succeeded, `checkout first: ${checkoutFirst}`).toHaveLength(1);
      expect(intentsFor(invoiceId).filter((pi) => pi.status === "succeeded")).toHaveLength(1);
      expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
    }
  });

  it("charges JPY in minor units: ¥1230 is amount 1230", async () => {
    const { org, ok } = await stripeOrganization("JPY");
    await saveTestCard(org.organizationId, "pm_card_visa");
    const invoiceId = await openInvoice(ok, org.organizationId);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "1230" });
    expect(intentsFor(invoiceId)[0]).toMatchObject({ amount: 1230, currency: "jpy" });
  });

  it("refuses a bad or missing signature with 400 and records nothing; events about objects we did not create are answered 200 and ignored", async () => {
    const { org } = await stripeOrganization();
    const bad = await deliver(org.organizationId, standIn.event("payment_intent.succeeded", { id: "pi_x", object: "payment_intent" }), "whsec_wrong_0123456789");
    expect(bad.status).toBe(400);
    const missing = await handleStripeWebhook(new Request("http://localhost/x", { method: "POST", body: "{}" }), org.organizationId);
    expect(missing.status).toBe(400);
    expect(await db.gatewayEvent.count({ where: { organizationId: org.organizationId } })).toBe(0);
    const intent = standIn.setPaymentIntentStatus((await createForeignIntent()) as string, "succeeded");
    const foreign = await deliver(org.organizationId, standIn.event("payment_intent.succeeded", intent));
    expect(foreign.status).toBe(200);
    const recorded = await db.gatewayEvent.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    expect(recorded.outcome).toMatch(/^ignored/);
    expect((await rest("GET", "/payments", { key: org.apiKey })).json.data).toEqual([]);
  });
});

/** A PaymentIntent made at "Stripe" by someone else (no metadata of ours). */
async function createForeignIntent() {
  const response = await fetch(`${standIn.baseUrl}/v1/payment_intents`, {
    method: "POST",
    headers: { authorization: "Bearer sk_test_someone_else", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ amount: "500", currency: "usd" }).toString(),
  });
  return ((await response.json()) as Json).id;
}

describe("refunds and disputes at Stripe", () => {
  async function paidAtStripe() {
    const { org, ok } = await stripeOrganization();
    await saveCardThroughCheckout(org.organizationId, ok);
    const invoiceId = await openInvoice(ok, org.organizationId);
    const [payment] = await paymentsOf(ok, invoiceId);
    expect(payment).toMatchObject({ status: "succeeded", amount: "100.00" });
    const [intent] = intentsFor(invoiceId);
    return { org, ok, invoiceId, paymentId: payment!.id as string, intentId: intent!.id as string };
  }
  const refundsOf = (intentId: string) => standIn.refunds.filter((r) => r.payment_intent === intentId);

  it("two partial refunds add up, each under its credit note's id as idempotency key; an over-refund is refused before Stripe is asked; charge.refunded twice changes nothing", async () => {
    const { org, ok, invoiceId, paymentId, intentId } = await paidAtStripe();
    const first = await ok("POST", `/payments/${paymentId}/refund`, { amount: "30.00" });
    expect(first).toMatchObject({ refunded: "30.00", refund: { status: "succeeded", gatewayRefundId: expect.stringMatching(/^re_/) } });
    const call = standIn.requests.find((r) => r.path === "/v1/refunds" && r.method === "POST");
    expect(call?.idempotencyKey).toBe((first.refund as Json).creditNoteId);
    expect(call?.params).toMatchObject({ payment_intent: intentId, amount: "3000", metadata: { refundId: (first.refund as Json).id, paymentId } });

    const calls = standIn.requests.length;
    const over = await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: { amount: "80.00" } });
    expect(over.status).toBe(409);
    expect(standIn.requests.length).toBe(calls);

    await ok("POST", `/payments/${paymentId}/refund`, { amount: "70.00" });
    expect(refundsOf(intentId).map((r) => r.amount)).toEqual([3000, 7000]);
    const event = standIn.event("charge.refunded", standIn.chargeOf(intentId));
    expect((await deliver(org.organizationId, event)).json).toMatchObject({ duplicate: false });
    expect((await deliver(org.organizationId, event)).json).toMatchObject({ duplicate: true });
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00" });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "0.00", amountCredited: "100.00" });
    expect(await db.creditNote.count({ where: { invoiceId } })).toBe(2);
    const processed = await db.gatewayEvent.findFirstOrThrow({ where: { organizationId: org.organizationId, type: "charge.refunded" } });
    expect(processed.outcome).toBe("unchanged, unchanged");
  });

  it("concurrent refunds of one payment ask Stripe once", async () => {
    const { org, ok, paymentId, intentId } = await paidAtStripe();
    const results = await Promise.all([1, 2, 3].map(() => rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: {} })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(refundsOf(intentId)).toHaveLength(1);
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00" });
  });

  it("a refund made in Stripe's dashboard is recorded from charge.refunded, with its credit note", async () => {
    const { org, ok, invoiceId, paymentId, intentId } = await paidAtStripe();
    const made = standIn.refundInDashboard(intentId, 2500);
    await deliver(org.organizationId, standIn.event("charge.refunded", standIn.chargeOf(intentId)));
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "25.00" });
    const notes = (await ok("GET", `/credit-notes?invoice=${invoiceId}`)).data as Json[];
    expect(notes).toEqual([expect.objectContaining({ reason: "refund", total: "25.00", refunded: "25.00" })]);
    // refund.updated about the same refund arrives later: nothing more.
    await deliver(org.organizationId, standIn.event("refund.updated", made));
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "25.00" });
    expect(await db.refund.count({ where: { paymentId } })).toBe(1);
  });

  it("a pending refund is settled by refund.updated: a failure returns nothing and frees the amount, a success credits it", async () => {
    const { org, ok, invoiceId, paymentId, intentId } = await paidAtStripe();
    standIn.refundStatus = "pending";
    try {
      const pending = await ok("POST", `/payments/${paymentId}/refund`, { amount: "40.00" });
      expect(pending).toMatchObject({ refunded: "0.00", refund: { status: "pending", creditNoteNumber: null } });
      // The pending amount is reserved: at most 60.00 more may be asked for.
      expect((await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: { amount: "60.01" } })).status).toBe(409);
      const [first] = refundsOf(intentId);
      await deliver(org.organizationId, standIn.event("refund.updated", standIn.setRefundStatus(first!.id as string, "failed", "expired_or_canceled_card")));
      expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "0.00" });
      expect(await db.refund.findFirstOrThrow({ where: { paymentId } })).toMatchObject({ status: "failed", failureMessage: expect.stringContaining("expired_or_canceled_card") });
      expect(await db.creditNote.count({ where: { invoiceId } })).toBe(0);

      await ok("POST", `/payments/${paymentId}/refund`, { amount: "100.00" });
      const second = refundsOf(intentId)[1]!;
      const settled = standIn.event("refund.updated", standIn.setRefundStatus(second.id as string, "succeeded"));
      await deliver(org.organizationId, settled);
      await deliver(org.organizationId, { ...settled, id: `${settled.id as string}_again` });
      expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00" });
      expect(await db.creditNote.count({ where: { invoiceId } })).toBe(1);
    } finally {
      standIn.refundStatus = "succeeded";
    }
  });

  it("a dispute opened and then lost: the invoice is flagged, the loss is recorded once like a refund, in whatever order the events come", async () => {
    const { org, ok, invoiceId, paymentId, intentId } = await paidAtStripe();
    const dispute = standIn.disputeOf(intentId);
    await deliver(org.organizationId, standIn.event("charge.dispute.created", dispute));
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ dispute: { gatewayDisputeId: dispute.id, status: "open", amount: "100.00" } });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ disputedAt: expect.any(String) });
    const lost = standIn.event("charge.dispute.closed", { ...dispute, status: "lost" });
    await deliver(org.organizationId, lost);
    await deliver(org.organizationId, { ...lost, id: `${lost.id as string}_again` });
    // A late charge.dispute.created (out of order) does not reopen it.
    await deliver(org.organizationId, standIn.event("charge.dispute.created", dispute));
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00", dispute: { status: "lost" } });
    expect(await db.refund.findMany({ where: { paymentId } })).toEqual([expect.objectContaining({ kind: "dispute", status: "succeeded", gatewayRefundId: dispute.id })]);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ amountPaid: "0.00", amountCredited: "100.00" });
    // No refund call went to Stripe: the bank already took the money.
    expect(refundsOf(intentId)).toHaveLength(0);
  });

  it("a dispute whose closing event arrives first is recorded lost at once", async () => {
    const { org, ok, paymentId, intentId } = await paidAtStripe();
    const dispute = standIn.disputeOf(intentId, { status: "lost" });
    await deliver(org.organizationId, standIn.event("charge.dispute.closed", dispute));
    await deliver(org.organizationId, standIn.event("charge.dispute.created", { ...dispute, status: "needs_response" }));
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00", dispute: { status: "lost" } });
    expect(await db.refund.count({ where: { paymentId } })).toBe(1);
  });
});
