import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { consumeCredits } from "@/server/customers/credits";
import { db } from "@/server/db";
import { autoRechargeDisabledEmails, autoRechargeJob } from "@/server/inngest/functions/auto-recharge";
import { recordGatewayEvents } from "@/server/payments/gateway-events";
import { handleStripeWebhook } from "@/server/payments/http";
import { requestAutoRecharge } from "@/server/payments/auto-recharge";
import { executeAutoRecharge } from "@/server/payments/auto-recharge-charge";
import { applyChargeResult } from "@/server/payments/payment-settlement";
import { savePaymentMethod } from "@/server/payments/payment-methods";
import { updatePaymentSettings } from "@/server/payments/payment-settings";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import type { StripeStandIn } from "../fixtures/stripe-stand-in";
import { stripeStandInForFile } from "./stripe-stand-in-hooks";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// Auto-recharge and top-ups against PostgreSQL, through the sandbox gateway (and Stripe's stand-in
// where a webhook has to arrive twice). The first recharge of a customer runs at the real "now"
// (the relay charges after commit); every later step is driven with `now` = that recharge's
// instant + minutes, read back from the customer, so nothing depends on today's date.

type Json = Record<string, unknown>;
const MINUTE = 60_000;
const GOOD_CARD = "4242424242424242";
const DECLINING_CARD = "4000000000000341";
const WEBHOOK_SECRET = "whsec_standin_0123456789";
const standIn = stripeStandInForFile();

/** A customer recharging 50.00 when the balance falls to 10.00, with 30.00 of free credits. */
async function rechargingCustomer(options: { card?: string; stripe?: boolean } = {}) {
  const org = await createTestOrganization("Auto-recharge Org");
  if (options.stripe) await updatePaymentSettings(org.ctx, { stripeSecretKey: "sk_test_standin_0123456789", stripeWebhookSecret: WEBHOOK_SECRET, gateway: "stripe" });
  const ok = restOk(org.apiKey);
  await ok("POST", "/customers", { externalId: "c1", name: "Rhea Charge", email: "rhea@example.com", currency: "USD", billingMode: "prepaid", autoRecharge: { threshold: "10", amount: "50" } });
  const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "c1" } });
  if (options.stripe) {
    await savePaymentMethod(db, { organizationId: org.organizationId, customerId: customer.id, gateway: "stripe", card: { gatewayPaymentMethodId: "pm_card_visa", brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 } });
  } else {
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: options.card ?? GOOD_CARD });
  }
  await ok("POST", "/customers/c1/credits", { amount: "30" });
  let n = 0;
  /** Real-time usage drawing the balance, as prepaid rating does. */
  const consume = async (amount: string) => consumeCredits(org.ctx, { customerId: customer.id, amount, reference: `usage:test-${++n}` });
  const request = (entryId: string, now: Date) => requestAutoRecharge(db, { organizationId: org.organizationId, customerId: customer.id, entryId }, { now });
  const state = () => db.customer.findUniqueOrThrow({ where: { id: customer.id } });
  const recharges = () => db.payment.findMany({ where: { customerId: customer.id, source: "auto_recharge" }, orderBy: { idempotencyKey: "asc" } });
  const balance = async () => (await ok("GET", "/customers/c1/balance")).balance;
  return { org, ok, customerId: customer.id, consume, request, state, recharges, balance };
}

/** A new crossing: free credits up above the threshold, then usage back down to 5.00. */
async function crossAgain(c: Awaited<ReturnType<typeof rechargingCustomer>>) {
  const before = await c.balance();
  await c.ok("POST", "/customers/c1/credits", { amount: "30" });
  const entry = await c.consume((Number(before) + 25).toFixed(2));
  await settleEvents(c.org.organizationId);
  return entry.entryId;
}

describe("auto-recharge", () => {
  it("charges once per crossing: two consumptions crossing back to back, and the crossing delivered again, make one charge", async () => {
    const c = await rechargingCustomer();
    const [first, second] = await Promise.all([c.consume("21"), c.consume("4")]);
    await settleEvents(c.org.organizationId);
    // Whichever ran first crossed; the other moved a balance already below the line.
    const crossings = [first, second].filter((r) => r.balanceBefore.greaterThan(10) && r.balanceAfter.lessThanOrEqualTo(10));
    expect(crossings).toHaveLength(1);
    expect(await db.domainEvent.count({ where: { organizationId: c.org.organizationId, type: "auto_recharge.requested" } })).toBe(1);

    const [payment] = await c.recharges();
    expect(payment).toMatchObject({ status: "succeeded", invoiceId: null, gateway: "sandbox", idempotencyKey: `auto-recharge-${c.customerId}-1`, reference: `crossing:${crossings[0]!.entryId}` });
    expect(payment!.amount.toFixed()).toBe("50");
    expect(payment!.creditedToBalance.toFixed()).toBe("50");
    expect(await c.balance()).toBe("55.00");
    const grant = await db.creditLedgerEntry.findFirstOrThrow({ where: { customerId: c.customerId, type: "grant", reference: `payment:${payment!.id}` } });
    expect(grant.description).toBe("Auto-recharge");
    const customer = await c.state();
    expect(customer).toMatchObject({ autoRechargeFailures: 0, autoRechargeDisabledAt: null });
    expect(customer.autoRechargeLastAt).toEqual(payment!.createdAt);
    expect((await c.ok("GET", `/payments/${payment!.id}`)).source).toBe("auto_recharge");

    // The crossing's event delivered again, even long after the cooldown: its crossing was recharged.
    const later = new Date(customer.autoRechargeLastAt!.getTime() + 24 * 60 * MINUTE);
    expect(await c.request(crossings[0]!.entryId, later)).toEqual({ status: "skipped", reason: `this crossing was recharged by payment ${payment!.id}` });
    expect(await executeAutoRecharge(db, c.org.organizationId, payment!.id)).toBe("unchanged");
    // As an Inngest function too: a redelivered crossing records nothing.
    const rerun = await new InngestTestEngine({ function: autoRechargeJob }).execute({ events: [{ name: "auto_recharge.requested", data: { organizationId: c.org.organizationId, customerId: c.customerId, entryId: crossings[0]!.entryId } }] });
    expect(rerun.result).toMatchObject({ status: "skipped" });
    await settleEvents(c.org.organizationId);
    expect(await db.sandboxCharge.count({ where: { organizationId: c.org.organizationId } })).toBe(1);
    expect(await c.balance()).toBe("55.00");
    expect(await db.outboxEmail.count({ where: { organizationId: c.org.organizationId, template: "payment_receipt" } })).toBe(1);
  });

  it("honours the cooldown: a crossing within it waits for its end, then recharges once", async () => {
    const c = await rechargingCustomer();
    await c.consume("25");
    await settleEvents(c.org.organizationId);
    const lastAt = (await c.state()).autoRechargeLastAt!;
    expect(await c.balance()).toBe("55.00");

    // Down again at once: the job defers the crossing to the end of the 60 minutes.
    const entry = await c.consume("50");
    await settleEvents(c.org.organizationId);
    expect(await c.recharges()).toHaveLength(1);
    const until = new Date(lastAt.getTime() + 60 * MINUTE);
    const deferred = await db.domainEvent.findUniqueOrThrow({ where: { id: `auto-recharge-${entry.entryId}-after-${until.getTime()}` } });
    expect(deferred.runAt).toEqual(new Date(until.getTime() + 5_000));

    expect(await c.request(entry.entryId, new Date(lastAt.getTime() + 59 * MINUTE))).toEqual({ status: "deferred", until });
    const due = await c.request(entry.entryId, until);
    expect(due).toMatchObject({ status: "recorded" });
    await settleEvents(c.org.organizationId);
    expect((await c.recharges()).map((p) => [p.status, p.idempotencyKey])).toEqual([
      ["succeeded", `auto-recharge-${c.customerId}-1`],
      ["succeeded", `auto-recharge-${c.customerId}-2`],
    ]);
    expect(await c.balance()).toBe("55.00");
    // The same crossing once more (the delayed event itself, arriving after the direct run) charges nothing.
    expect(await c.request(entry.entryId, new Date(until.getTime() + 120 * MINUTE))).toMatchObject({ status: "skipped" });
  });

  it("never charges while a recharge is pending", async () => {
    const c = await rechargingCustomer();
    const method = await db.paymentMethod.findFirstOrThrow({ where: { customerId: c.customerId } });
    // A recharge the gateway is still working on (Stripe reports `processing` for some cards).
    const pending = await db.payment.create({
      data: { organizationId: c.org.organizationId, customerId: c.customerId, gateway: "sandbox", source: "auto_recharge", idempotencyKey: `auto-recharge-${c.customerId}-1`, amount: "50", currency: "USD", status: "pending", processing: true, paymentMethodId: method.id, submittedAt: new Date("2026-03-01T00:00:00Z") },
    });
    const entry = await c.consume("25");
    await settleEvents(c.org.organizationId);
    expect((await c.recharges()).map((p) => p.id)).toEqual([pending.id]);
    const now = new Date("2026-03-01T12:00:00Z");
    expect(await c.request(entry.entryId, now)).toEqual({ status: "skipped", reason: `recharge ${pending.id} is still pending` });

    // Once it has failed, the crossing is recharged (on the next key).
    await applyChargeResult(db, c.org.organizationId, pending.id, { status: "failed", gatewayPaymentId: "ch_x", amountMinor: 0n, currency: "USD", failureCode: "card_declined" }, { source: "test", now });
    expect(await c.request(entry.entryId, now)).toMatchObject({ status: "recorded" });
    await settleEvents(c.org.organizationId);
    expect((await c.recharges()).map((p) => [p.idempotencyKey, p.status])).toEqual([
      [`auto-recharge-${c.customerId}-1`, "failed"],
      [`auto-recharge-${c.customerId}-2`, "succeeded"],
    ]);
    expect((await c.state()).autoRechargeFailures).toBe(0);
  });

  it("turns itself off after 3 failures in a row, e-mails the customer and the owner, and setting it up again resets it", async () => {
    const c = await rechargingCustomer({ card: DECLINING_CARD });
    await c.consume("25");
    await settleEvents(c.org.organizationId);
    const start = (await c.state()).autoRechargeLastAt!;
    expect(await c.state()).toMatchObject({ autoRechargeFailures: 1, autoRechargeDisabledAt: null });

    for (const [failures, minutes] of [[2, 61], [3, 122]] as const) {
      const entryId = await crossAgain(c);
      expect(await c.request(entryId, new Date(start.getTime() + minutes * MINUTE))).toMatchObject({ status: "recorded" });
      await settleEvents(c.org.organizationId);
      expect((await c.state()).autoRechargeFailures).toBe(failures);
    }
    const off = await c.state();
    const failed = await c.recharges();
    // Turned off by the third failure, when the relay applied it.
    expect(off.autoRechargeDisabledAt).toEqual(failed[2]!.failedAt);
    expect(failed.map((p) => [p.status, p.failureCode])).toEqual([
      ["failed", "card_declined"],
      ["failed", "card_declined"],
      ["failed", "card_declined"],
    ]);
    const customerView = await c.ok("GET", "/customers/c1");
    expect(customerView.autoRecharge).toMatchObject({ threshold: "10.00", amount: "50.00", status: "disabled", failures: 3, disabledAt: off.autoRechargeDisabledAt!.toISOString(), paymentMethodId: null });

    const emails = await db.outboxEmail.findMany({ where: { organizationId: c.org.organizationId, template: { startsWith: "auto_recharge" } }, orderBy: { template: "asc" } });
    expect(emails.map((e) => [e.template, e.to])).toEqual([
      ["auto_recharge_disabled", "rhea@example.com"],
      ["auto_recharge_disabled_operator", c.org.email],
    ]);
    expect(emails[0]!.text).toContain("$50.00");
    expect(emails[1]!.text).toContain("Rhea Charge");
    // The e-mails' job run again as Inngest would retry it: nothing is sent twice.
    const disabled = await db.domainEvent.findFirstOrThrow({ where: { organizationId: c.org.organizationId, type: "auto_recharge.disabled" } });
    await new InngestTestEngine({ function: autoRechargeDisabledEmails }).execute({ events: [{ name: "auto_recharge.disabled", data: disabled.data as Json }] });
    expect(await db.outboxEmail.count({ where: { organizationId: c.org.organizationId, template: { startsWith: "auto_recharge" } } })).toBe(2);
    // Failed recharges are not invoices: no dunning e-mail with a pay link.
    expect(await db.outboxEmail.count({ where: { organizationId: c.org.organizationId, template: "payment_failed" } })).toBe(0);

    // Turned off: a new crossing asks for nothing, and a late request is refused.
    const events = await db.domainEvent.count({ where: { organizationId: c.org.organizationId, type: "auto_recharge.requested" } });
    const entryId = await crossAgain(c);
    expect(await db.domainEvent.count({ where: { organizationId: c.org.organizationId, type: "auto_recharge.requested" } })).toBe(events);
    expect(await c.request(entryId, new Date(start.getTime() + 300 * MINUTE))).toMatchObject({ status: "skipped", reason: expect.stringMatching(/turned off/) });

    // A working card and auto-recharge set up again: back on, failures cleared, and the next crossing recharges.
    await c.ok("POST", "/customers/c1/payment-methods", { sandboxCard: GOOD_CARD });
    const again = await c.ok("PATCH", "/customers/c1", { autoRecharge: { threshold: "10", amount: "50" } });
    expect(again.autoRecharge).toMatchObject({ status: "active", failures: 0, disabledAt: null });
    const next = await crossAgain(c);
    expect(await c.request(next, new Date(start.getTime() + 400 * MINUTE))).toMatchObject({ status: "recorded" });
    await settleEvents(c.org.organizationId);
    expect((await c.recharges()).at(-1)).toMatchObject({ status: "succeeded" });
    expect(await c.state()).toMatchObject({ autoRechargeFailures: 0, autoRechargeDisabledAt: null });
  });

  it("charges the payment method chosen for recharges, which must be the customer's own", async () => {
    const c = await rechargingCustomer({ card: GOOD_CARD });
    const good = await db.paymentMethod.findFirstOrThrow({ where: { customerId: c.customerId } });
    // A declining card becomes the default; recharges keep charging the card chosen for them.
    await c.ok("POST", "/customers/c1/payment-methods", { sandboxCard: DECLINING_CARD });
    const chosen = await c.ok("PATCH", "/customers/c1", { autoRecharge: { threshold: "10", amount: "50", paymentMethodId: good.id } });
    expect(chosen.autoRecharge).toMatchObject({ paymentMethodId: good.id, status: "active" });
    await c.consume("25");
    await settleEvents(c.org.organizationId);
    expect((await c.recharges()).map((p) => [p.status, p.paymentMethodId])).toEqual([["succeeded", good.id]]);

    await c.ok("POST", "/customers", { externalId: "c2", name: "Other", email: "other@example.com", currency: "USD" });
    const theirs = await c.ok("POST", "/customers/c2/payment-methods", { sandboxCard: GOOD_CARD });
    const refused = await rest("PATCH", "/customers/c1", { key: c.org.apiKey, body: { autoRecharge: { threshold: "10", amount: "50", paymentMethodId: theirs.id } } });
    expect(refused.status).toBe(400);
    expect(refused.json.issues?.map((i) => i.path)).toEqual(["autoRecharge.paymentMethodId"]);
  });

  it("asks nothing while the organization does not allow auto-recharge", async () => {
    const c = await rechargingCustomer();
    expect(await updatePaymentSettings(c.org.ctx, { autoRechargeAllowed: false, autoRechargeCooldownMinutes: 15 })).toMatchObject({ autoRechargeAllowed: false, autoRechargeCooldownMinutes: 15 });
    const entry = await c.consume("25");
    await settleEvents(c.org.organizationId);
    expect(await db.domainEvent.count({ where: { organizationId: c.org.organizationId, type: "auto_recharge.requested" } })).toBe(0);
    expect(await c.request(entry.entryId, new Date("2026-03-01T00:00:00Z"))).toEqual({ status: "skipped", reason: "the organization does not allow auto-recharge" });
    expect(await c.recharges()).toEqual([]);
  });

  it("at Stripe, a recharge's webhooks arriving after the charge's answer grant nothing more", async () => {
    const c = await rechargingCustomer({ stripe: true });
    await c.consume("25");
    await settleEvents(c.org.organizationId);
    const [payment] = await c.recharges();
    expect(payment).toMatchObject({ status: "succeeded", gateway: "stripe" });
    const intent = standIn.paymentIntents.find((pi) => (pi.metadata as Json | undefined)?.paymentId === payment!.id)!;
    expect(intent).toMatchObject({ amount: 5000, currency: "usd", status: "succeeded" });
    const event = standIn.event("payment_intent.succeeded", intent);
    await deliver(c.org.organizationId, event);
    await deliver(c.org.organizationId, event);
    await deliver(c.org.organizationId, standIn.event("payment_intent.succeeded", intent));
    expect(await c.balance()).toBe("55.00");
    expect(await db.creditGrant.count({ where: { customerId: c.customerId, paid: true } })).toBe(1);
  });
});

async function deliver(organizationId: string, event: Parameters<StripeStandIn["signedWebhook"]>[0]) {
  const { body, header } = standIn.signedWebhook(event, WEBHOOK_SECRET);
  const response = await handleStripeWebhook(new Request(`http://localhost/api/webhooks/stripe/${organizationId}`, { method: "POST", body, headers: { "stripe-signature": header, "content-type": "application/json" } }), organizationId);
  await settleEvents(organizationId);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("top-ups", () => {
  it("are refused outside the organization's bounds, with a 400 naming amount and the bound in the customer's currency", async () => {
    const org = await createTestOrganization("Top-up Bounds Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/customers", { externalId: "usd", name: "Dollar", email: "usd@example.com", currency: "USD" });
    await ok("POST", "/customers", { externalId: "yen", name: "Yen", email: "yen@example.com", currency: "JPY" });
    expect(await updatePaymentSettings(org.ctx, { topUpMinimum: "10.5", topUpMaximum: "500" })).toMatchObject({ topUpMinimum: "10.5", topUpMaximum: "500" });

    const topUp = (customer: string, amount: string) => rest("POST", `/customers/${customer}/checkout-sessions`, { key: org.apiKey, body: { purpose: "top_up", amount } });
    const low = await topUp("usd", "5");
    expect(low.status).toBe(400);
    expect(low.json.issues).toEqual([{ path: "amount", message: "must be at least 10.50 USD" }]);
    expect((await topUp("usd", "500.01")).json.issues).toEqual([{ path: "amount", message: "must be at most 500.00 USD" }]);
    expect((await topUp("usd", "10.50")).status).toBe(201);
    expect((await topUp("usd", "500")).status).toBe(201);
    // Yen has no minor unit: the minimum 10.5 is 11 yen.
    expect((await topUp("yen", "10")).json.issues).toEqual([{ path: "amount", message: "must be at least 11 JPY" }]);
    expect((await topUp("yen", "11")).status).toBe(201);

    // Removing a bound lifts it; the settings name the field at fault.
    await updatePaymentSettings(org.ctx, { topUpMinimum: null });
    expect((await topUp("usd", "1")).status).toBe(201);
    await expect(updatePaymentSettings(org.ctx, { topUpMinimum: "600" })).rejects.toMatchObject({ status: 400, issues: [{ path: "topUpMinimum", message: "must be at most the maximum (500)" }] });
    await expect(updatePaymentSettings(org.ctx, { topUpMaximum: "0" })).rejects.toMatchObject({ status: 400, issues: [{ path: "topUpMaximum", message: expect.stringMatching(/greater than 0/) }] });
    await expect(updatePaymentSettings(org.ctx, { topUpMinimum: "50", topUpMaximum: "20" })).rejects.toMatchObject({ issues: [{ path: "topUpMaximum" }] });
  });

  it("paid once through the sandbox grants once, though its report arrives twice", async () => {
    const org = await createTestOrganization("Sandbox Top-up Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/customers", { externalId: "c1", name: "Tess Topup", email: "tess@example.com", currency: "USD" });
    const session = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "top_up", amount: "50.00" });
    expect(await submitSandboxCheckout(db, session.id as string, { cardNumber: GOOD_CARD, authorized: false })).toEqual({ status: "complete" });
    await settleEvents(org.organizationId);
    // The page applied the charge's answer; its report came through the gateway-event path too.
    const [report] = await db.gatewayEvent.findMany({ where: { organizationId: org.organizationId } });
    expect(report).toMatchObject({ type: "charge.succeeded", outcome: expect.stringMatching(/^(succeeded|unchanged)$/) });
    // The same report delivered again under another event id, as a re-sent webhook would be.
    expect(await recordGatewayEvents(db, [{ organizationId: org.organizationId, gateway: "sandbox", eventId: `${report!.eventId}-again`, type: report!.type, payload: report!.payload }])).toBe(1);
    await settleEvents(org.organizationId);
    expect((await db.gatewayEvent.findFirstOrThrow({ where: { organizationId: org.organizationId, eventId: `${report!.eventId}-again` } })).outcome).toBe("unchanged");
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00" });
    const [payment] = (await ok("GET", "/payments?customer=c1")).data as Json[];
    const grants = await db.creditLedgerEntry.findMany({ where: { organizationId: org.organizationId, type: "grant" } });
    expect(grants.map((g) => [g.reference, g.description])).toEqual([[`payment:${payment!.id}`, "Top-up"]]);
  });

  it("paid once through Stripe Checkout grants once, though its webhooks arrive twice", async () => {
    const org = await createTestOrganization("Stripe Top-up Org");
    await updatePaymentSettings(org.ctx, { stripeSecretKey: "sk_test_standin_0123456789", stripeWebhookSecret: WEBHOOK_SECRET, gateway: "stripe" });
    const ok = restOk(org.apiKey);
    await ok("POST", "/customers", { externalId: "c1", name: "Tess Topup", email: "tess@example.com", currency: "USD" });
    const created = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "top_up", amount: "50.00" });
    const session = await db.checkoutSession.findUniqueOrThrow({ where: { id: created.id as string } });
    const completed = standIn.completeCheckout(session.gatewaySessionId!, { paymentMethod: "pm_card_visa" });

    const event = standIn.event("checkout.session.completed", completed.session);
    expect(await deliver(org.organizationId, event)).toMatchObject({ duplicate: false });
    expect(await deliver(org.organizationId, event)).toMatchObject({ duplicate: true });
    // Stripe may also send a fresh copy (a new event id) and the PaymentIntent's own event.
    expect(await deliver(org.organizationId, standIn.event("checkout.session.completed", completed.session))).toMatchObject({ duplicate: false });
    expect(await deliver(org.organizationId, standIn.event("payment_intent.succeeded", completed.paymentIntent!))).toMatchObject({ duplicate: false });

    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00" });
    const payments = (await ok("GET", "/payments?customer=c1")).data as Json[];
    expect(payments).toEqual([expect.objectContaining({ status: "succeeded", invoiceId: null, amount: "50.00", creditedToBalance: "50.00", source: "checkout", gateway: "stripe" })]);
    const grants = await db.creditLedgerEntry.findMany({ where: { organizationId: org.organizationId, type: "grant" } });
    expect(grants.map((g) => g.reference)).toEqual([`payment:${payments[0]!.id}`]);
    const outcomes = await db.gatewayEvent.findMany({ where: { organizationId: org.organizationId }, orderBy: { receivedAt: "asc" } });
    expect(outcomes.map((o) => o.outcome)).toEqual(["succeeded", "unchanged", "unchanged"]);
  });
});
