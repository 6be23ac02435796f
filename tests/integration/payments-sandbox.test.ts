import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { openInvoicePayLink } from "@/server/payments/invoice-pay-link";
import { executePaymentAttempt } from "@/server/payments/payment-attempt";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// Collection through the sandbox gateway, end to end over the REST API: finalize charges the
// default card after commit, outcomes come back through the gateway-event path, and no invoice is
// ever paid twice. Dates are fixed; nothing depends on today.

type Json = Record<string, unknown>;

async function openInvoice(currency = "USD", fee = "100", card?: string) {
  const org = await createTestOrganization("Sandbox Collection Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency, interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: fee }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency });
  if (card) await ok("POST", "/customers/c1/payment-methods", { sandboxCard: card });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await ok("POST", "/billing-runs", { asOf: "2026-01-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  // The opening invoice: the first month's advance fee, finalized at once (no grace period).
  const [opening] = (await ok("GET", "/invoices?customer=c1")).data as { id: string }[];
  const invoiceId = opening!.id;
  return { org, ok, invoiceId };
}

const paymentsOf = async (ok: ReturnType<typeof restOk>, invoiceId: string) => ((await ok("GET", `/payments?invoice=${invoiceId}`)).data as Json[]);

describe("sandbox collection", () => {
  it("charges the default card at finalize: the invoice is paid, with one succeeded payment, a receipt and a payment.succeeded event", async () => {
    const { org, ok, invoiceId } = await openInvoice("USD", "100", "4242424242424242");
    const invoice = await ok("GET", `/invoices/${invoiceId}`);
    expect(invoice).toMatchObject({ status: "paid", collectionStatus: "paid", amountPaid: "100.00", amountDue: "0.00", paymentAttempts: 1 });
    const payments = await paymentsOf(ok, invoiceId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "succeeded", amount: "100.00", currency: "USD", gateway: "sandbox", refunded: "0.00", paymentMethod: { brand: "visa", last4: "4242" }, customer: "c1" });
    const receipt = await db.outboxEmail.findFirst({ where: { organizationId: org.organizationId, template: "payment_receipt" } });
    expect(receipt?.to).toBe("ada@example.com");
    expect(receipt?.text).toContain("$100.00");
    const charges = await db.sandboxCharge.findMany({ where: { organizationId: org.organizationId } });
    expect(charges.map((c) => [c.amountMinor, c.idempotencyKey])).toEqual([[10000n, `invoice-${invoiceId}-attempt-1`]]);
    // The sandbox's own report went through the gateway-event path and changed nothing more.
    const reported = await db.gatewayEvent.findMany({ where: { organizationId: org.organizationId } });
    expect(reported.map((e) => [e.type, e.outcome])).toEqual([["charge.succeeded", "unchanged"]]);
  });

  it("a declined card fails the payment with the gateway's code, puts the invoice in dunning and e-mails a pay link; /pay retries, a new card collects it", async () => {
    const { org, ok, invoiceId } = await openInvoice("USD", "100", "4000000000000341");
    const invoice = await ok("GET", `/invoices/${invoiceId}`);
    expect(invoice).toMatchObject({ status: "open", collectionStatus: "dunning", amountDue: "100.00" });
    const [failed] = await paymentsOf(ok, invoiceId);
    expect(failed).toMatchObject({ status: "failed", failureCode: "card_declined", failureMessage: "Your card was declined." });
    const notice = await db.outboxEmail.findFirst({ where: { organizationId: org.organizationId, template: "payment_failed" } });
    expect(notice?.text).toMatch(/\/pay\/invoice\/[\w-]+\?sig=/);

    // "Retry now" charges the same declining card again; a new card is charged at once (dunning).
    const retried = await ok("POST", `/invoices/${invoiceId}/pay`);
    expect(retried).toMatchObject({ id: invoiceId, status: "open", collectionStatus: "dunning", payment: { status: "failed", attemptNumber: 2 } });
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    await settleEvents(org.organizationId);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", collectionStatus: "paid", paymentAttempts: 3 });
    const payments = await paymentsOf(ok, invoiceId);
    expect(payments.map((p) => p.status)).toEqual(["failed", "failed", "succeeded"]);
    const again = await rest("POST", `/invoices/${invoiceId}/pay`, { key: org.apiKey });
    expect(again.status).toBe(409);
  });

  it("insufficient funds and authentication required are reported with their codes; the customer authorizes on the hosted page", async () => {
    const poor = await openInvoice("USD", "100", "4000000000009995");
    expect((await paymentsOf(poor.ok, poor.invoiceId))[0]).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });

    const { ok, invoiceId } = await openInvoice("USD", "100", "4000002500003155");
    expect((await paymentsOf(ok, invoiceId))[0]).toMatchObject({ status: "failed", failureCode: "authentication_required" });
    const session = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "invoice", invoiceId });
    expect(session.url).toMatch(/\/pay\/cs_[0-9a-f]+$/);
    const id = session.id as string;
    expect(await submitSandboxCheckout(db, id, { cardNumber: "4000 0025 0000 3155", authorized: false })).toEqual({ status: "requires_authorization" });
    expect(await submitSandboxCheckout(db, id, { cardNumber: "4000002500003155", authorized: true })).toEqual({ status: "complete" });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
  });

  it("a checkout racing an automatic attempt takes the money once", async () => {
    for (let round = 0; round < 3; round++) {
      const { org, ok, invoiceId } = await openInvoice("USD", "100");
      await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
      const session = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "invoice", invoiceId });
      // An automatic attempt recorded by hand, executed at the same moment as the customer pays.
      const ctx = { db, organizationId: org.organizationId, actor: { type: "system" as const, name: "test" } };
      const { requestPaymentAttempt } = await import("@/server/payments/collection-start");
      const { paymentId } = await requestPaymentAttempt(ctx, invoiceId);
      const results = await Promise.allSettled([executePaymentAttempt(db, org.organizationId, paymentId), submitSandboxCheckout(db, session.id as string, { cardNumber: "4242424242424242", authorized: false })]);
      await settleEvents(org.organizationId);
      const succeeded = (await paymentsOf(ok, invoiceId)).filter((p) => p.status === "succeeded");
      expect(succeeded, JSON.stringify(results)).toHaveLength(1);
      const charges = await db.sandboxCharge.count({ where: { organizationId: org.organizationId, status: "succeeded" } });
      expect(charges).toBe(1);
      expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "100.00" });
    }
  });

  it("an e-mailed pay link opens one checkout for what is due, reused on a second open, and says so once the invoice is paid", async () => {
    const { ok, invoiceId } = await openInvoice("USD", "100");
    const first = await openInvoicePayLink(db, invoiceId);
    expect(first).toMatchObject({ state: "checkout", url: expect.stringMatching(/\/pay\/cs_[0-9a-f]+$/) });
    expect(await openInvoicePayLink(db, invoiceId)).toEqual(first);
    const sessionId = (first as { url: string }).url.split("/").pop()!;
    expect(await submitSandboxCheckout(db, sessionId, { cardNumber: "4000000000009995", authorized: false })).toMatchObject({ status: "failed", code: "insufficient_funds" });
    // The declined card is not kept as the customer's default.
    expect((await ok("GET", "/customers/c1/payment-methods")).data).toEqual([]);
    expect(await submitSandboxCheckout(db, sessionId, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });
    expect(await openInvoicePayLink(db, invoiceId)).toMatchObject({ state: "paid" });
    expect(((await ok("GET", "/customers/c1/payment-methods")).data as Json[]).map((m) => [m.last4, m.isDefault])).toEqual([["4242", true]]);
  });

  it("a billing run's attempts are charged as a batch with each outcome of its own, and running the batch again changes nothing", async () => {
    const org = await createTestOrganization("Sandbox Batch Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "25", timing: "arrears" }] });
    const cards = ["4242424242424242", "4000000000000341", "4242424242424242", "4000000000009995", "4000002500003155", "4242424242424242"];
    for (const [i, card] of cards.entries()) {
      await ok("POST", "/customers", { externalId: `b${i}`, name: `Batch ${i}`, email: `b${i}@example.com`, currency: "USD" });
      await ok("POST", `/customers/b${i}/payment-methods`, { sandboxCard: card });
      await ok("POST", `/customers/b${i}/contracts`, { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    }
    // One customer without a card: its invoice is finalized and left for a checkout.
    await ok("POST", "/customers", { externalId: "nocard", name: "No card", email: "nocard@example.com", currency: "USD" });
    await ok("POST", "/customers/nocard/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    await settleEvents(org.organizationId);

    const invoices = (await ok("GET", "/invoices?limit=200")).data as Json[];
    const byCustomer = new Map(invoices.map((i) => [i.customer as string, i]));
    expect(cards.map((_, i) => [byCustomer.get(`b${i}`)!.status, byCustomer.get(`b${i}`)!.collectionStatus])).toEqual([
      ["paid", "paid"],
      ["open", "dunning"],
      ["paid", "paid"],
      ["open", "dunning"],
      ["open", "dunning"],
      ["paid", "paid"],
    ]);
    expect(byCustomer.get("nocard")).toMatchObject({ status: "open", collectionStatus: "none", paymentAttempts: 0 });
    const payments = (await ok("GET", "/payments?limit=200")).data as Json[];
    expect(payments.map((p) => p.failureCode).sort()).toEqual(["authentication_required", "card_declined", "insufficient_funds", null, null, null]);
    expect(payments.filter((p) => p.status === "succeeded").every((p) => p.amount === "25.00" && p.appliedToInvoice === "25.00")).toBe(true);

    const { executePaymentAttempts } = await import("@/server/payments/payment-attempts-batch");
    await executePaymentAttempts(db, org.organizationId, payments.map((p) => p.id as string));
    await settleEvents(org.organizationId);
    expect(await db.sandboxCharge.count({ where: { organizationId: org.organizationId } })).toBe(6);
    expect(((await ok("GET", "/payments?limit=200")).data as Json[]).map((p) => p.status)).toEqual(payments.map((p) => p.status));
    const webhooksRecorded = await db.domainEvent.count({ where: { organizationId: org.organizationId, type: { in: ["payment.succeeded", "payment.failed", "invoice.paid"] } } });
    expect(webhooksRecorded).toBe(3 + 3 + 3);
  });

  it("a top-up checkout grants paid credits once the payment succeeded, exactly once", async () => {
    const { org, ok } = await openInvoice("USD", "100");
    expect((await rest("POST", "/customers/c1/checkout-sessions", { key: org.apiKey, body: { purpose: "top_up" } })).json.issues?.[0]?.path).toBe("amount");
    expect((await rest("POST", "/customers/c1/checkout-sessions", { key: org.apiKey, body: { purpose: "top_up", amount: "10.001" } })).status).toBe(400);
    const session = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "top_up", amount: "50.00" });
    expect(await submitSandboxCheckout(db, session.id as string, { cardNumber: "4000000000000341", authorized: false })).toMatchObject({ status: "failed" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "0.00" });
    expect(await submitSandboxCheckout(db, session.id as string, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });
    expect(await submitSandboxCheckout(db, session.id as string, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });
    await settleEvents(org.organizationId);
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00" });
    const payments = (await ok("GET", "/payments?customer=c1&status=succeeded")).data as Json[];
    expect(payments).toEqual([expect.objectContaining({ invoiceId: null, amount: "50.00", creditedToBalance: "50.00", source: "checkout" })]);
  });

  it("charges JPY in yen (no minor unit), never 100×", async () => {
    const { org, ok, invoiceId } = await openInvoice("JPY", "1230", "4242424242424242");
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "1230" });
    const charge = await db.sandboxCharge.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    expect(charge.amountMinor).toBe(1230n);
    expect(charge.currency).toBe("JPY");
  });

  it("marks an invoice paid outside the gateway; an overpayment goes to the credit balance, and the reference is used once", async () => {
    const { org, ok, invoiceId } = await openInvoice("USD", "100");
    expect((await rest("POST", `/invoices/${invoiceId}/mark-paid`, { key: org.apiKey, body: {} })).json.issues?.[0]?.path).toBe("reference");
    const partial = await ok("POST", `/invoices/${invoiceId}/mark-paid`, { reference: "WIRE-1", amount: "40" });
    expect(partial).toMatchObject({ gateway: "manual", status: "succeeded", amount: "40.00", appliedToInvoice: "40.00", reference: "WIRE-1" });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "open", amountPaid: "40.00", amountDue: "60.00" });
    expect((await rest("POST", `/invoices/${invoiceId}/mark-paid`, { key: org.apiKey, body: { reference: "WIRE-1", amount: "60" } })).status).toBe(409);
    const over = await ok("POST", `/invoices/${invoiceId}/mark-paid`, { reference: "WIRE-2", amount: "75" });
    expect(over).toMatchObject({ appliedToInvoice: "60.00", creditedToBalance: "15.00" });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", collectionStatus: "paid", amountPaid: "100.00", amountDue: "0.00" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "15.00" });
  });

  it("payment methods: newest is the default, set default, the last one stays while an invoice is open, test cards only on the sandbox", async () => {
    const { org, ok, invoiceId } = await openInvoice("USD", "100", "4000000000000341");
    const bad = await rest("POST", "/customers/c1/payment-methods", { key: org.apiKey, body: { sandboxCard: "4111111111111111" } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues?.[0]?.path).toBe("sandboxCard");
    // A card that declines too, so the invoice stays open (a new card retries it at once).
    const second = await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4000000000009995" });
    await settleEvents(org.organizationId);
    let methods = (await ok("GET", "/customers/c1/payment-methods")).data as Json[];
    expect(methods.map((m) => [m.last4, m.isDefault])).toEqual([["9995", true], ["0341", false]]);
    const first = methods[1]!;
    await ok("POST", `/customers/c1/payment-methods/${first.id as string}/default`);
    await ok("DELETE", `/customers/c1/payment-methods/${first.id as string}`);
    methods = (await ok("GET", "/customers/c1/payment-methods")).data as Json[];
    expect(methods.map((m) => [m.last4, m.isDefault])).toEqual([["9995", true]]);
    const last = await rest("DELETE", `/customers/c1/payment-methods/${second.id as string}`, { key: org.apiKey });
    expect(last.status).toBe(409);
    expect(last.json.message).toMatch(/last payment method/);
    expect((await ok("GET", `/invoices/${invoiceId}`)).status).toBe("open");
    const other = await createTestOrganization("Other Org");
    expect((await rest("GET", "/customers/c1/payment-methods", { key: other.apiKey })).status).toBe(404);
    await db.organization.update({ where: { id: org.organizationId }, data: { paymentGateway: "stripe" } });
    expect((await rest("POST", "/customers/c1/payment-methods", { key: org.apiKey, body: { sandboxCard: "4242424242424242" } })).status).toBe(409);
  });
});
