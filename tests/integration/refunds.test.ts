import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { consumeCredits } from "@/server/customers/credits";
import { executeRefund, requestRefund } from "@/server/payments/refunds";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import { simulateSandboxDispute } from "@/server/payments/sandbox-disputes";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// Refunds and disputes at the sandbox gateway, over the REST API: money goes back once, never more
// than was paid, each refund of an invoice's payment issues a credit note (reason refund), and a
// lost dispute is recorded like a refund. Dates are fixed; nothing depends on today.

type Json = Record<string, unknown>;

async function paidInvoice(options: { fee?: string; taxRate?: string } = {}) {
  const org = await createTestOrganization("Refunds Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: options.fee ?? "100" }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD", ...(options.taxRate ? { taxRate: options.taxRate } : {}) });
  await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
  const invoiceId = invoice!.id as string;
  const [payment] = (await ok("GET", `/payments?invoice=${invoiceId}`)).data as Json[];
  expect(payment).toMatchObject({ status: "succeeded" });
  return { org, ok, invoiceId, paymentId: payment!.id as string };
}

const refundRows = (organizationId: string) => db.sandboxCharge.findMany({ where: { organizationId, status: "refunded" }, orderBy: { createdAt: "asc" } });

describe("refunds at the sandbox gateway", () => {
  it("two partial refunds add up, each with a credit note and a payment.refunded event; a refund past what is left is refused with 409", async () => {
    const { org, ok, invoiceId, paymentId } = await paidInvoice();
    const first = await ok("POST", `/payments/${paymentId}/refund`, { amount: "30.00", reason: "Outage credit" });
    expect(first).toMatchObject({ id: paymentId, status: "succeeded", refunded: "30.00", refund: { status: "succeeded", amount: "30.00", fromInvoice: "30.00", fromBalance: "0.00", creditNoteNumber: expect.stringMatching(/-CN-01$/) } });
    const refund = first.refund as Json;
    // The gateway's idempotency key is the credit note's id.
    const [charge] = await refundRows(org.organizationId);
    expect(charge).toMatchObject({ amountMinor: -3000n, idempotencyKey: refund.creditNoteId });

    const note = await ok("GET", `/credit-notes/${refund.creditNoteId as string}`);
    expect(note).toMatchObject({ reason: "refund", memo: "Outage credit", total: "30.00", refunded: "30.00", appliedToInvoice: "0.00", creditedToBalance: "0.00", invoiceId });
    // The invoice stays paid: amountPaid went down as much as amountCredited went up.
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "70.00", amountCredited: "30.00", amountDue: "0.00" });

    const over = await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: { amount: "70.01" } });
    expect(over.status).toBe(409);
    expect(over.text).toContain("70.00");

    // No amount: all that is left.
    const second = await ok("POST", `/payments/${paymentId}/refund`, {});
    expect(second).toMatchObject({ refunded: "100.00", refund: { amount: "70.00", creditNoteNumber: expect.stringMatching(/-CN-02$/) } });
    expect((await refundRows(org.organizationId)).map((r) => r.amountMinor)).toEqual([-3000n, -7000n]);
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ status: "paid", amountPaid: "0.00", amountCredited: "100.00", amountDue: "0.00" });

    const again = await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: {} });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already refunded in full/);

    await settleEvents(org.organizationId);
    const announced = await db.domainEvent.findMany({ where: { organizationId: org.organizationId, type: "payment.refunded" } });
    expect(announced).toHaveLength(2);
    // The sandbox reported each refund like Stripe's charge.refunded; applying the report changed nothing more.
    const reports = await db.gatewayEvent.findMany({ where: { organizationId: org.organizationId, type: "charge.refunded" } });
    expect(reports.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
  });

  it("names the field of a bad amount (400) and answers 404 for another organization's payment", async () => {
    const { org, paymentId } = await paidInvoice();
    for (const amount of ["-5", "abc", "1.005", "0"]) {
      const response = await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: { amount } });
      expect(response.status, `${amount}: ${response.text}`).toBe(400);
      expect(response.text).toContain("amount");
    }
    const other = await createTestOrganization("Other Org");
    expect((await rest("POST", `/payments/${paymentId}/refund`, { key: other.apiKey, body: {} })).status).toBe(404);
    expect((await rest("POST", `/payments/nope/refund`, { key: org.apiKey, body: {} })).status).toBe(404);
  });

  it("takes the invoice's tax back out of the refund on the credit note", async () => {
    const { ok, paymentId } = await paidInvoice({ taxRate: "0.2" });
    const refunded = await ok("POST", `/payments/${paymentId}/refund`, { amount: "30.00" });
    const note = await ok("GET", `/credit-notes/${(refunded.refund as Json).creditNoteId as string}`);
    expect(note).toMatchObject({ subtotal: "25.00", tax: "5.00", total: "30.00" });
  });

  it("concurrent refunds of one payment take the money back once", async () => {
    for (let round = 0; round < 3; round++) {
      const { org, ok, invoiceId, paymentId } = await paidInvoice();
      const results = await Promise.all([1, 2, 3].map(() => rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: {} })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await refundRows(org.organizationId)).toHaveLength(1);
      expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "100.00" });
      expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ amountPaid: "0.00", amountCredited: "100.00" });
      expect(await db.creditNote.count({ where: { invoiceId } })).toBe(1);
    }
  });

  it("a refund whose gateway call is repeated (the relay after the request) refunds once", async () => {
    const { org, ok, paymentId } = await paidInvoice();
    const refundId = await requestRefund(org.ctx, paymentId, { amount: "40.00" });
    const outcomes = await Promise.all([executeRefund(db, org.organizationId, refundId), executeRefund(db, org.organizationId, refundId)]);
    expect(outcomes.sort()).toEqual(["succeeded", "unchanged"]);
    expect(await executeRefund(db, org.organizationId, refundId)).toBe("unchanged");
    expect(await refundRows(org.organizationId)).toHaveLength(1);
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "40.00" });
  });

  it("a top-up is refunded out of the credit balance, and not past what is still in it", async () => {
    const org = await createTestOrganization("Top-up Refund Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD", billingMode: "prepaid" });
    const session = await ok("POST", "/customers/c1/checkout-sessions", { purpose: "top_up", amount: "50.00" });
    expect(await submitSandboxCheckout(db, session.id as string, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });
    await settleEvents(org.organizationId);
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00" });
    const [payment] = (await ok("GET", "/payments?customer=c1")).data as Json[];
    // Auto-recharge below 10.00: spending may trigger it, a refund taking credits back must not.
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    await ok("PATCH", "/customers/c1", { autoRecharge: { threshold: "10", amount: "25" } });
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "c1" } });
    await consumeCredits(org.ctx, { customerId: customer.id, amount: "20", reference: "usage-1" });

    const tooMuch = await rest("POST", `/payments/${payment!.id as string}/refund`, { key: org.apiKey, body: {} });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.text).toContain("already used");
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "30.00" });

    const refunded = await ok("POST", `/payments/${payment!.id as string}/refund`, { amount: "30.00" });
    expect(refunded).toMatchObject({ refunded: "30.00", refund: { fromBalance: "30.00", fromInvoice: "0.00", creditNoteId: null } });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "0.00" });
    const entries = (await ok("GET", "/customers/c1/credit-ledger?type=refund")).data as Json[];
    expect(entries).toEqual([expect.objectContaining({ type: "refund", amount: "-30.00" })]);
    await settleEvents(org.organizationId);
    expect(await db.domainEvent.count({ where: { organizationId: org.organizationId, type: "auto_recharge.requested" } })).toBe(0);
    expect((await ok("GET", "/payments?customer=c1")).data).toHaveLength(1);
  });

  it("money received outside the gateway is refunded without a gateway call", async () => {
    const org = await createTestOrganization("Manual Refund Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
    await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD" });
    await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await settleEvents(org.organizationId);
    const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
    const payment = await ok("POST", `/invoices/${invoice!.id as string}/mark-paid`, { reference: "WIRE-1" });
    const refunded = await ok("POST", `/payments/${payment.id as string}/refund`, { amount: "10.00" });
    expect(refunded).toMatchObject({ gateway: "manual", refunded: "10.00", refund: { status: "succeeded", gatewayRefundId: null } });
    expect(await refundRows(org.organizationId)).toHaveLength(0);
  });
});

describe("disputes at the sandbox gateway", () => {
  it("a dispute flags the invoice and blocks refunds; lost, it is recorded like a refund, once", async () => {
    const { org, ok, invoiceId, paymentId } = await paidInvoice();
    expect(await simulateSandboxDispute(org.ctx, paymentId, "open")).toBe("open");
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ dispute: { status: "open", amount: "100.00", reason: "fraudulent" } });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ disputedAt: expect.any(String), status: "paid" });
    const blocked = await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.text).toContain("disputed");

    expect(await simulateSandboxDispute(org.ctx, paymentId, "lost")).toBe("lost");
    const payment = await ok("GET", `/payments/${paymentId}`);
    expect(payment).toMatchObject({ refunded: "100.00", dispute: { status: "lost" } });
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ amountPaid: "0.00", amountCredited: "100.00", disputedAt: expect.any(String) });
    const notes = (await ok("GET", `/credit-notes?invoice=${invoiceId}`)).data as Json[];
    expect(notes).toEqual([expect.objectContaining({ reason: "refund", total: "100.00", memo: expect.stringContaining("lost") })]);
    const refunds = await db.refund.findMany({ where: { paymentId } });
    expect(refunds.map((r) => [r.kind, r.status])).toEqual([["dispute", "succeeded"]]);

    // Closing it again changes nothing; nothing is left to refund either.
    await expect(simulateSandboxDispute(org.ctx, paymentId, "lost")).rejects.toThrow(/no open dispute/);
    expect((await rest("POST", `/payments/${paymentId}/refund`, { key: org.apiKey, body: {} })).status).toBe(409);
  });

  it("a dispute won clears the invoice's flag and takes nothing back", async () => {
    const { org, ok, invoiceId, paymentId } = await paidInvoice();
    await simulateSandboxDispute(org.ctx, paymentId, "open");
    expect(await simulateSandboxDispute(org.ctx, paymentId, "won")).toBe("won");
    expect(await ok("GET", `/invoices/${invoiceId}`)).toMatchObject({ disputedAt: null, amountPaid: "100.00" });
    expect(await ok("GET", `/payments/${paymentId}`)).toMatchObject({ refunded: "0.00", dispute: { status: "won" } });
    // Refunds work again once the bank decided.
    expect(await ok("POST", `/payments/${paymentId}/refund`, { amount: "5.00" })).toMatchObject({ refunded: "5.00" });
  });
});
