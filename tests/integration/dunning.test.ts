import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { runDunningRetry, sweepDunning } from "@/server/payments/dunning";
import { openInvoicePayLink } from "@/server/payments/invoice-pay-link";
import { getPaymentSettings, updatePaymentSettings } from "@/server/payments/payment-settings";
import { createTestOrganization, restOk, settleEvents, waitUntil } from "./helpers";

// Dunning with an injected clock: the first failure happens at the real "now" (the relay charges
// after finalize); every later step is driven with `now` = that instant + the schedule's days.
// Nothing depends on today's date: all instants are read back from the invoice.

type Json = Record<string, unknown>;
const DAY = 86_400_000;

async function failingInvoice(card = "4000000000000341") {
  const org = await createTestOrganization("Dunning Org");
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Dee Unning", email: "dee@example.com", currency: "USD" });
  await ok("POST", "/customers/c1/payment-methods", { sandboxCard: card });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
  const row = await db.invoice.findUniqueOrThrow({ where: { id: invoice!.id as string } });
  return { org, ok, invoiceId: row.id, startedAt: row.dunningStartedAt! };
}

const invoiceOf = (ok: ReturnType<typeof restOk>, id: string) => ok("GET", `/invoices/${id}`);

/**
 * A customer on a $100 fee plus usage, whose card declines: the opening invoice is in dunning with
 * one retry left (retry days [1]). Credits are granted after finalize, so the balance is positive.
 */
async function writtenOffSoon(options: { billingMode: "prepaid" | "postpaid"; blockPrepaid: boolean }) {
  const org = await createTestOrganization("Blocking Org");
  const ok = restOk(org.apiKey);
  await updatePaymentSettings(org.ctx, { dunningRetryDays: [1], dunningBlockPrepaid: options.blockPrepaid });
  await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
  await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
  await ok("POST", "/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Platform fee", amount: "100" },
      { type: "usage", metric: "units", model: "per_unit", unitPrice: "0.01" },
    ],
  });
  await ok("POST", "/customers", { externalId: "c1", name: "Bea Locked", email: "bea@example.com", currency: "USD", billingMode: options.billingMode });
  await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4000000000000341" });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-11-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  await ok("POST", "/customers/c1/credits", { amount: "50.00", paid: true });
  const [listed] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: listed!.id as string } });
  const writeOff = async () => {
    expect(await runDunningRetry(db, org.organizationId, invoice.id, 2, { now: new Date(invoice.dunningStartedAt!.getTime() + DAY) })).toBe("attempted");
    await settleEvents(org.organizationId);
    expect((await invoiceOf(ok, invoice.id)).status).toBe("uncollectible");
  };
  return { org, ok, invoice, writeOff };
}
const failureEmails = (organizationId: string) => db.outboxEmail.count({ where: { organizationId, template: "payment_failed" } });

describe("dunning", () => {
  it("retries on days +1, +3, +5 and +7 after the first failure, e-mails each time, then writes the invoice off and makes the contract past due", async () => {
    const { org, ok, invoiceId, startedAt } = await failingInvoice();
    const first = await invoiceOf(ok, invoiceId);
    expect(first).toMatchObject({ status: "open", collectionStatus: "dunning", paymentAttempts: 1, nextPaymentAttemptAt: new Date(startedAt.getTime() + DAY).toISOString() });
    expect(await failureEmails(org.organizationId)).toBe(1);
    const email = await db.outboxEmail.findFirstOrThrow({ where: { organizationId: org.organizationId, template: "payment_failed" } });
    expect(email.text).toMatch(/try your card again on/);

    // Not before its day; then each retry on its day, each failing with its own e-mail.
    expect(await runDunningRetry(db, org.organizationId, invoiceId, 2, { now: new Date(startedAt.getTime() + DAY - 60_000) })).toBe("not due");
    for (const [attempt, day] of [[2, 1], [3, 3], [4, 5]] as const) {
      const now = new Date(startedAt.getTime() + day * DAY);
      expect(await runDunningRetry(db, org.organizationId, invoiceId, attempt, { now })).toBe("attempted");
      // The same retry delivered again (the event and the sweeper) records nothing more.
      expect(await runDunningRetry(db, org.organizationId, invoiceId, attempt, { now })).not.toBe("attempted");
      await settleEvents(org.organizationId);
      expect(await invoiceOf(ok, invoiceId)).toMatchObject({ status: "open", collectionStatus: "dunning", paymentAttempts: attempt });
      expect(await failureEmails(org.organizationId)).toBe(attempt);
    }
    const beforeLast = await invoiceOf(ok, invoiceId);
    expect(beforeLast.nextPaymentAttemptAt).toBe(new Date(startedAt.getTime() + 7 * DAY).toISOString());

    expect(await runDunningRetry(db, org.organizationId, invoiceId, 5, { now: new Date(startedAt.getTime() + 7 * DAY) })).toBe("attempted");
    await settleEvents(org.organizationId);
    expect(await invoiceOf(ok, invoiceId)).toMatchObject({ status: "uncollectible", collectionStatus: "uncollectible", paymentAttempts: 5, nextPaymentAttemptAt: null });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect((await db.contract.findUniqueOrThrow({ where: { id: invoice.contractId } })).pastDueAt).not.toBeNull();
    const contracts = (await ok("GET", "/customers/c1/contracts")).data as Json[];
    expect(contracts[0]!.status).toBe("past_due");
    expect(await db.domainEvent.count({ where: { organizationId: org.organizationId, type: "invoice.uncollectible" } })).toBe(1);
    expect(await failureEmails(org.organizationId)).toBe(5);
    const last = await db.outboxEmail.findFirstOrThrow({ where: { organizationId: org.organizationId, template: "payment_failed" }, orderBy: { createdAt: "desc" } });
    expect(last.subject).toMatch(/overdue/);
    // Written off, the invoice can still be paid: the last e-mail carries the pay link too.
    expect(last.text).toMatch(new RegExp(`/pay/invoice/${invoiceId}\\?sig=`));
    const attempts = ((await ok("GET", `/payments?invoice=${invoiceId}`)).data as Json[]).map((p) => [p.attemptNumber, p.status]);
    expect(attempts).toEqual([[1, "failed"], [2, "failed"], [3, "failed"], [4, "failed"], [5, "failed"]]);
  });

  it("follows the organization's schedule, set in Settings → Payments", async () => {
    const { org, ok, invoiceId, startedAt } = await failingInvoice();
    expect(await getPaymentSettings(org.ctx)).toMatchObject({ dunningRetryDays: [1, 3, 5, 7], dunningMarkPastDue: true });
    expect(await updatePaymentSettings(org.ctx, { dunningRetryDays: [2], dunningMarkPastDue: false })).toMatchObject({ dunningRetryDays: [2], dunningMarkPastDue: false });
    // The schedule in force when a failure happens decides the next day.
    expect(await runDunningRetry(db, org.organizationId, invoiceId, 2, { now: new Date(startedAt.getTime() + DAY) })).toBe("attempted");
    await settleEvents(org.organizationId);
    expect((await invoiceOf(ok, invoiceId)).status).toBe("uncollectible");
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    expect((await db.contract.findUniqueOrThrow({ where: { id: invoice.contractId } })).pastDueAt).toBeNull();
  });

  it("stops as soon as any path pays, and retries at once when a new payment method arrives", async () => {
    const paid = await failingInvoice();
    await paid.ok("POST", `/invoices/${paid.invoiceId}/mark-paid`, { reference: "WIRE-9" });
    expect(await runDunningRetry(db, paid.org.organizationId, paid.invoiceId, 2, { now: new Date(paid.startedAt.getTime() + DAY) })).toBe("stopped");
    expect(await invoiceOf(paid.ok, paid.invoiceId)).toMatchObject({ status: "paid", collectionStatus: "paid", nextPaymentAttemptAt: null });
    expect(await db.payment.count({ where: { invoiceId: paid.invoiceId, gateway: "sandbox" } })).toBe(1);

    const { org, ok, invoiceId } = await failingInvoice();
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    await settleEvents(org.organizationId);
    expect(await invoiceOf(ok, invoiceId)).toMatchObject({ status: "paid", collectionStatus: "paid", paymentAttempts: 2 });
  });

  it("a hard decline waits for a new card instead of retrying the same one", async () => {
    const { org, ok, invoiceId, startedAt } = await failingInvoice("4000000000009987");
    expect(await invoiceOf(ok, invoiceId)).toMatchObject({ status: "open", collectionStatus: "dunning", nextPaymentAttemptAt: null });
    expect(await sweepDunning(db, { organizationId: org.organizationId, now: new Date(startedAt.getTime() + 30 * DAY) })).toBe(0);
    await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
    await settleEvents(org.organizationId);
    expect((await invoiceOf(ok, invoiceId)).status).toBe("paid");
  });

  it("blocks a prepaid customer's usage as the final action, whatever the balance, until the invoice is paid", async () => {
    const { org, ok, invoice, writeOff } = await writtenOffSoon({ billingMode: "prepaid", blockPrepaid: true });
    expect(await getPaymentSettings(org.ctx)).toMatchObject({ dunningBlockPrepaid: true });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00", blocked: false });
    await writeOff();
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00", blocked: true });
    expect(await ok("GET", `/contracts/${invoice.contractId as string}`)).toMatchObject({ status: "past_due", pastDueAt: expect.any(String) });
    const customer = await ok("GET", "/customers/c1");
    expect(customer).toMatchObject({ usageBlockedReason: `Invoice ${invoice.number} could not be collected` });
    expect(customer.usageBlockedAt).toEqual(expect.any(String));

    // Usage is still accepted and rated: nothing is lost while blocked.
    await ok("POST", "/events/batch", { events: [{ id: "u-1", customer: "c1", type: "usage", timestamp: "2026-11-02T00:00:00Z", properties: { units: 500 } }] });
    await waitUntil("the usage to be rated", async () => (await ok("GET", "/customers/c1/balance")).balance === "45.00");
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ blocked: true });

    // A written-off invoice can still be paid: the pay link opens a checkout, and a transfer settles it.
    expect(await openInvoicePayLink(db, invoice.id)).toMatchObject({ state: "checkout" });
    await ok("POST", `/invoices/${invoice.id}/mark-paid`, { reference: "WIRE-42" });
    expect(await invoiceOf(ok, invoice.id)).toMatchObject({ status: "paid", collectionStatus: "paid", amountDue: "0.00" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "45.00", blocked: false });
    expect(await ok("GET", "/customers/c1")).toMatchObject({ usageBlockedAt: null, usageBlockedReason: null });
    // The contract is no longer past due once its written-off invoice is paid.
    expect(await ok("GET", `/contracts/${invoice.contractId as string}`)).toMatchObject({ status: "active", pastDueAt: null });
  });

  it("lifts the block when the written-off invoice is voided", async () => {
    const { ok, invoice, writeOff } = await writtenOffSoon({ billingMode: "prepaid", blockPrepaid: true });
    await writeOff();
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ blocked: true });
    await ok("POST", `/invoices/${invoice.id}/void`);
    expect((await invoiceOf(ok, invoice.id)).status).toBe("void");
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ blocked: false });
    expect(await ok("GET", "/customers/c1")).toMatchObject({ usageBlockedAt: null });
  });

  it("blocks neither postpaid customers nor prepaid ones of organizations that did not choose it", async () => {
    const postpaid = await writtenOffSoon({ billingMode: "postpaid", blockPrepaid: true });
    await postpaid.writeOff();
    expect(await postpaid.ok("GET", "/customers/c1/balance")).toMatchObject({ blocked: false });
    expect(await postpaid.ok("GET", "/customers/c1")).toMatchObject({ usageBlockedAt: null });

    const notChosen = await writtenOffSoon({ billingMode: "prepaid", blockPrepaid: false });
    await notChosen.writeOff();
    expect(await notChosen.ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "50.00", blocked: false });
    expect(await notChosen.ok("GET", "/customers/c1")).toMatchObject({ usageBlockedAt: null, usageBlockedReason: null });
  });

  it("a restart mid-schedule loses nothing: the sweeper runs a retry whose event did not", async () => {
    const { org, ok, invoiceId, startedAt } = await failingInvoice();
    // As if the process died before the delayed event ran: the event row is gone, the invoice's state is not.
    await db.domainEvent.deleteMany({ where: { organizationId: org.organizationId, type: "dunning.retry.due" } });
    expect(await sweepDunning(db, { organizationId: org.organizationId, now: new Date(startedAt.getTime() + DAY + 30_000) })).toBe(0);
    expect(await sweepDunning(db, { organizationId: org.organizationId, now: new Date(startedAt.getTime() + DAY + 120_000) })).toBe(1);
    await settleEvents(org.organizationId);
    expect(await invoiceOf(ok, invoiceId)).toMatchObject({ collectionStatus: "dunning", paymentAttempts: 2 });
  });
});
