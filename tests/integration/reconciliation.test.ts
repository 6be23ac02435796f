import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { reconciliationDailyJob } from "@/server/inngest/functions/reconciliation";
import { savePaymentMethod } from "@/server/payments/payment-methods";
import { updatePaymentSettings } from "@/server/payments/payment-settings";
import { recheckStuckPayments } from "@/server/reconciliation/recheck";
import { runReconciliation } from "@/server/reconciliation/run-reconciliation";
import { getReconciliationRunOrThrow } from "@/server/reconciliation/runs";
import { stripeStandInForFile } from "./stripe-stand-in-hooks";
import { createTestOrganization, rest, restOk, settleEvents } from "./helpers";

// Reconciliation against real PostgreSQL: each kind of mismatch planted alone in its own
// organization is reported once and nothing else is; the stuck-payment back-off on an injected
// clock; new mismatches e-mailed once; Stripe's balance transactions through the SDK and the
// stand-in. Every row the runs compare is moved to fixed dates, so nothing depends on today.

type Json = Record<string, unknown>;
const DAY = { from: new Date("2026-02-10T00:00:00Z"), to: new Date("2026-02-11T00:00:00Z") };
const NOW = new Date("2026-02-11T02:30:00Z");
const PAID_AT = "2026-02-10T10:00:00.000Z";
const REFUNDED_AT = "2026-02-10T12:00:00.000Z";

const standIn = stripeStandInForFile({ timeoutMs: 2000 });

/**
 * An invoice of 100.00 paid by the sandbox and refunded 30.00, every record of it moved to
 * 2026-02-10: the payment and the sandbox's charge at 10:00, the refund and its log row at 12:00.
 */
async function reconciledDay(name = "Reconciliation Org") {
  const org = await createTestOrganization(name);
  const ok = restOk(org.apiKey);
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
  await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD" });
  await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
  await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
  const invoiceId = invoice!.id as string;
  const [payment] = (await ok("GET", `/payments?invoice=${invoiceId}`)).data as Json[];
  expect(payment).toMatchObject({ status: "succeeded", gateway: "sandbox" });
  const refunded = await ok("POST", `/payments/${payment!.id as string}/refund`, { amount: "30.00" });
  await settleEvents(org.organizationId);
  await moveToDay(org.organizationId);
  return { org, ok, invoiceId, paymentId: payment!.id as string, refundId: (refunded.refund as Json).id as string };
}

async function moveToDay(organizationId: string) {
  await db.$executeRawUnsafe(
    `UPDATE "Payment" SET "succeededAt" = CASE WHEN "succeededAt" IS NULL THEN NULL ELSE $2::timestamp END, "submittedAt" = CASE WHEN "submittedAt" IS NULL THEN NULL ELSE $2::timestamp END WHERE "organizationId" = $1`,
    organizationId,
    PAID_AT,
  );
  await db.$executeRawUnsafe(`UPDATE "SandboxCharge" SET "createdAt" = (CASE WHEN status = 'refunded' THEN $3 ELSE $2 END)::timestamp WHERE "organizationId" = $1`, organizationId, PAID_AT, REFUNDED_AT);
  await db.$executeRawUnsafe(`UPDATE "Refund" SET "succeededAt" = $2::timestamp WHERE "organizationId" = $1 AND "succeededAt" IS NOT NULL`, organizationId, REFUNDED_AT);
  await db.$executeRawUnsafe(`UPDATE "Invoice" SET "updatedAt" = $2::timestamp WHERE "organizationId" = $1`, organizationId, REFUNDED_AT);
}

const sandboxLog = (organizationId: string, status: "succeeded" | "refunded") => db.sandboxCharge.findFirstOrThrow({ where: { organizationId, status } });

/** A charge in the sandbox's log that no payment made. */
async function plantStrayCharge(organizationId: string, id = "ch_sandbox_planted", amountMinor = 4200n) {
  await db.sandboxCharge.create({ data: { id: `${id}_${organizationId.slice(-8)}`, organizationId, idempotencyKey: `planted-${id}`, amountMinor, currency: "USD", paymentMethod: "pm_sandbox_4242424242424242", status: "succeeded", createdAt: new Date("2026-02-10T15:00:00Z") } });
  return `${id}_${organizationId.slice(-8)}`;
}

async function reconcile(org: { ctx: Parameters<typeof runReconciliation>[0] }, now = NOW, range = DAY) {
  return getReconciliationRunOrThrow(org.ctx, await runReconciliation(org.ctx, range, { now }));
}

describe("the mismatch test: each kind planted alone is reported once, and nothing else is", () => {
  it("a clean day (a payment, a partial refund, the invoice, the sandbox's log) reports nothing", async () => {
    const { org, ok } = await reconciledDay("Clean Org");
    const run = await reconcile(org);
    expect(run).toMatchObject({ status: "succeeded", itemCount: 0, newItemCount: 0, checked: { payments: 1, refunds: 1, gatewayTransactions: 2, invoices: 1 } });
    expect(run.items).toEqual([]);
    // The day before and the day after hold nothing of it either.
    expect((await reconcile(org, NOW, { from: new Date("2026-02-09T00:00:00Z"), to: DAY.from })).items).toEqual([]);
    expect(((await ok("GET", `/reconciliation-runs/${run.id}`)).items as Json[])).toEqual([]);
  });

  const cases: [string, (day: Awaited<ReturnType<typeof reconciledDay>>) => Promise<Json>][] = [
    [
      "unconfirmed_payment",
      async ({ org, paymentId, invoiceId }) => {
        // The sandbox's log says the charge failed: no money was taken for a payment that succeeded here.
        await db.sandboxCharge.update({ where: { id: (await sandboxLog(org.organizationId, "succeeded")).id }, data: { status: "failed", failureCode: "card_declined" } });
        return { paymentId, invoiceId, expectedAmount: "100.00", foundAmount: null };
      },
    ],
    [
      "unrecorded_charge",
      async ({ org }) => {
        const id = await plantStrayCharge(org.organizationId);
        return { gatewayObjectId: id, paymentId: null, foundAmount: "42.00", foundCurrency: "USD" };
      },
    ],
    [
      "amount_mismatch",
      async ({ org, paymentId }) => {
        await db.sandboxCharge.update({ where: { id: (await sandboxLog(org.organizationId, "succeeded")).id }, data: { amountMinor: 9999n } });
        return { paymentId, expectedAmount: "100.00", expectedCurrency: "USD", foundAmount: "99.99", foundCurrency: "USD" };
      },
    ],
    [
      "invoice_amount_paid",
      async ({ invoiceId }) => {
        // A write that bypassed settlement: the refund never came off amountPaid.
        await db.$executeRawUnsafe(`UPDATE "Invoice" SET "amountPaid" = 100 WHERE id = $1`, invoiceId);
        return { invoiceId, expectedAmount: "70.00", foundAmount: "100.00" };
      },
    ],
    [
      "unconfirmed_refund",
      async ({ org, refundId, paymentId }) => {
        await db.sandboxCharge.delete({ where: { id: (await sandboxLog(org.organizationId, "refunded")).id } });
        return { refundId, paymentId, expectedAmount: "30.00" };
      },
    ],
    [
      "unrecorded_refund",
      async ({ org, paymentId }) => {
        const charge = await sandboxLog(org.organizationId, "succeeded");
        await db.sandboxCharge.create({ data: { id: `re_sandbox_planted_${org.organizationId.slice(-8)}`, organizationId: org.organizationId, idempotencyKey: "planted-refund", amountMinor: -1500n, currency: "USD", paymentMethod: charge.id, status: "refunded", createdAt: new Date("2026-02-10T16:00:00Z") } });
        return { paymentId, refundId: null, foundAmount: "15.00" };
      },
    ],
    [
      "stuck_payment",
      async ({ org, invoiceId }) => {
        // Pending since 09:00, and both the 5 minute and the 1 hour re-checks found it so.
        const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId } });
        const stuck = await db.payment.create({
          data: { organizationId: org.organizationId, customerId: customer.id, invoiceId, gateway: "sandbox", source: "checkout", idempotencyKey: "stuck-1", amount: "25", currency: "USD", status: "pending", submittedAt: new Date("2026-02-10T09:00:00Z") },
        });
        await db.paymentRecheck.create({ data: { paymentId: stuck.id, organizationId: org.organizationId, checks: 2, lastCheckedAt: new Date("2026-02-10T10:00:00Z"), nextCheckAt: new Date("2026-02-11T10:00:00Z"), lastOutcome: "still pending: no gateway id to ask about" } });
        return { paymentId: stuck.id, invoiceId, expectedAmount: "25.00" };
      },
    ],
  ];

  it.each(cases)("%s", async (kind, plant) => {
    const day = await reconciledDay(`Mismatch ${kind} Org`);
    const expected = await plant(day);
    const run = await reconcile(day.org);
    expect(run).toMatchObject({ status: "succeeded", itemCount: 1, newItemCount: 1, openItemCount: 1 });
    expect(run.items).toEqual([expect.objectContaining({ kind, status: "open", isNew: true, ...expected })]);
    // The REST face shows the same run.
    const viaRest = await day.ok("GET", `/reconciliation-runs/${run.id}`);
    expect((viaRest.items as Json[]).map((i) => i.kind)).toEqual([kind]);
  });
});

describe("stuck payments", () => {
  it("are re-checked at +5 min and +1 h, reported only after that, and settled instead when the gateway says they succeeded", async () => {
    const org = await createTestOrganization("Stuck Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD" });
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    const submitted = new Date("2026-02-10T09:00:00Z");
    const at = (minutes: number) => new Date(submitted.getTime() + minutes * 60_000);
    const range = (now: Date) => ({ from: DAY.from, to: now });
    // One the gateway never answered for (no id to ask about), one it charged but whose answer was lost.
    const silent = await db.payment.create({ data: { organizationId: org.organizationId, customerId: customer.id, gateway: "sandbox", source: "checkout", idempotencyKey: "silent", amount: "25", currency: "USD", status: "pending", submittedAt: submitted } });
    await db.sandboxCharge.create({ data: { id: `ch_sandbox_lost_${org.organizationId.slice(-8)}`, organizationId: org.organizationId, idempotencyKey: "lost", amountMinor: 4000n, currency: "USD", paymentMethod: "pm_sandbox_4242424242424242", status: "succeeded", createdAt: submitted } });
    const lost = await db.payment.create({
      data: { organizationId: org.organizationId, customerId: customer.id, gateway: "sandbox", source: "checkout", idempotencyKey: "lost", amount: "40", currency: "USD", status: "pending", submittedAt: submitted, gatewayPaymentId: `ch_sandbox_lost_${org.organizationId.slice(-8)}` },
    });

    // +1 min: too early to ask, nothing reported; the charge pending here is the back-off's, not a mismatch.
    const first = await reconcile(org, at(1), range(at(1)));
    expect(first).toMatchObject({ itemCount: 0, rechecked: { payments: 0, settled: 0 } });
    expect(await db.paymentRecheck.count({ where: { organizationId: org.organizationId } })).toBe(0);

    // +5 min: both asked; the charged one is settled (and matches its charge), the other counted once.
    const second = await reconcile(org, at(5), range(at(5)));
    expect(second).toMatchObject({ itemCount: 0, rechecked: { payments: 2, settled: 1 } });
    expect(await db.payment.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "succeeded", succeededAt: at(5) });
    expect(await db.paymentRecheck.findUniqueOrThrow({ where: { paymentId: silent.id } })).toMatchObject({ checks: 1, nextCheckAt: at(60) });

    // +30 min: not due again before +1 h.
    expect(await recheckStuckPayments(db, { organizationId: org.organizationId, now: at(30) })).toEqual({ rechecked: 0, settled: 0 });
    expect((await reconcile(org, at(30), range(at(30)))).items).toEqual([]);

    // +1 h: asked a second time, still pending: now it is reported, and the next check is a day later.
    const third = await reconcile(org, at(60), range(at(60)));
    expect(third).toMatchObject({ itemCount: 1, newItemCount: 1, rechecked: { payments: 1, settled: 0 } });
    expect(third.items).toEqual([expect.objectContaining({ kind: "stuck_payment", paymentId: silent.id, occurredAt: submitted })]);
    expect(await db.paymentRecheck.findUniqueOrThrow({ where: { paymentId: silent.id } })).toMatchObject({ checks: 2, nextCheckAt: at(60 + 24 * 60) });

    // The sweeper takes the daily checks; a later run still lists it, as already reported.
    expect(await recheckStuckPayments(db, { now: at(60 + 24 * 60) })).toMatchObject({ rechecked: expect.any(Number) });
    expect(await db.paymentRecheck.findUniqueOrThrow({ where: { paymentId: silent.id } })).toMatchObject({ checks: 3 });
    const nextDay = await reconcile(org, at(60 + 24 * 60), { from: DAY.to, to: at(60 + 24 * 60) });
    expect(nextDay.items).toEqual([expect.objectContaining({ kind: "stuck_payment", paymentId: silent.id, isNew: false })]);

    // Settled at last: the next run finds nothing, and the open reports are resolved.
    await db.payment.update({ where: { id: silent.id }, data: { status: "canceled" } });
    const settled = await reconcile(org, at(60 + 25 * 60), { from: DAY.to, to: at(60 + 25 * 60) });
    expect(settled.items).toEqual([]);
    expect(await db.reconciliationItem.count({ where: { organizationId: org.organizationId, status: "open" } })).toBe(0);
  });
});

describe("new mismatches are e-mailed once", () => {
  it("e-mails the owner about a new mismatch, not about one already reported, and resolves what a later run no longer finds", async () => {
    const { org } = await reconciledDay("Email Org");
    const emails = () => db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: "reconciliation_mismatches" }, orderBy: { createdAt: "asc" } });
    const stray = await plantStrayCharge(org.organizationId, "ch_sandbox_first");

    const first = await reconcile(org);
    expect(first).toMatchObject({ itemCount: 1, newItemCount: 1 });
    await settleEvents(org.organizationId);
    const [email, ...others] = await emails();
    expect(others).toEqual([]);
    expect(email).toMatchObject({ to: org.email, subject: "1 new reconciliation mismatch in Email Org" });
    expect(email!.text).toContain(stray);
    expect(email!.text).toContain(`/reconciliation/${first.id}`);

    // The same day again: the mismatch is already reported, so nobody is e-mailed.
    const again = await reconcile(org);
    expect(again).toMatchObject({ itemCount: 1, newItemCount: 0 });
    expect(again.items).toEqual([expect.objectContaining({ kind: "unrecorded_charge", isNew: false })]);
    await settleEvents(org.organizationId);
    expect(await emails()).toHaveLength(1);
    expect(await db.domainEvent.count({ where: { organizationId: org.organizationId, type: "reconciliation.mismatches.found" } })).toBe(1);

    // A second stray charge: one new mismatch, one e-mail more, naming only the new one.
    const second = await plantStrayCharge(org.organizationId, "ch_sandbox_second", 700n);
    const third = await reconcile(org);
    expect(third).toMatchObject({ itemCount: 2, newItemCount: 1 });
    await settleEvents(org.organizationId);
    const sent = await emails();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain(second);
    expect(sent[1]!.text).not.toContain(stray);

    // The first charge explained away (refunded and removed at the gateway): the next run resolves its reports.
    await db.sandboxCharge.delete({ where: { id: stray } });
    const fourth = await reconcile(org);
    expect(fourth.items.map((i) => i.gatewayObjectId)).toEqual([second]);
    const reports = await db.reconciliationItem.findMany({ where: { organizationId: org.organizationId, fingerprint: { contains: stray } } });
    expect(reports.map((r) => [r.status, r.resolvedByRunId])).toEqual([
      ["resolved", fourth.id],
      ["resolved", fourth.id],
      ["resolved", fourth.id],
    ]);
    expect((await getReconciliationRunOrThrow(org.ctx, first.id)).openItemCount).toBe(0);
  });
});

describe("the daily job", () => {
  it("reconciles yesterday (UTC) of each organization once, however often it runs", async () => {
    const { org } = await reconciledDay("Daily Org");
    await plantStrayCharge(org.organizationId);
    // A fresh mock per engine: the test engine keeps step state on the mocks it is given.
    const steps = () => [
      { id: "now", handler: () => NOW.toISOString() },
      { id: "list-organizations", handler: () => [org.organizationId] },
    ];
    const first = await new InngestTestEngine({ function: reconciliationDailyJob, steps: steps() }).execute();
    expect(first.result).toEqual({ runs: 1 });
    expect(first.ctx.step.run).toHaveBeenCalledWith(`reconcile-${org.organizationId}`, expect.any(Function));
    await new InngestTestEngine({ function: reconciliationDailyJob, steps: steps() }).execute();
    const runs = await db.reconciliationRun.findMany({ where: { organizationId: org.organizationId } });
    expect(runs).toEqual([expect.objectContaining({ trigger: "schedule", scheduleKey: "daily:2026-02-10", from: DAY.from, to: DAY.to, itemCount: 1 })]);
  });
});

describe("Stripe's balance transactions", () => {
  it("matches payments and refunds through the SDK, and finds a refund made in Stripe's dashboard", async () => {
    const org = await createTestOrganization("Stripe Reconciliation Org");
    await updatePaymentSettings(org.ctx, { stripeSecretKey: "sk_test_standin_0123456789", stripeWebhookSecret: "whsec_standin_0123456789", gateway: "stripe" });
    const ok = restOk(org.apiKey);
    await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "100" }] });
    await ok("POST", "/customers", { externalId: "c1", name: "Ada Customer", email: "ada@example.com", currency: "USD" });
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId } });
    await savePaymentMethod(db, { organizationId: org.organizationId, customerId: customer.id, gateway: "stripe", card: { gatewayPaymentMethodId: "pm_card_visa", brand: "visa", last4: "4242", expMonth: 12, expYear: 2034 } });
    await ok("POST", "/customers/c1/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
    await settleEvents(org.organizationId);
    const [invoice] = (await ok("GET", "/invoices?customer=c1")).data as Json[];
    const [payment] = (await ok("GET", `/payments?invoice=${invoice!.id as string}`)).data as Json[];
    expect(payment).toMatchObject({ status: "succeeded", gateway: "stripe", gatewayPaymentId: expect.stringMatching(/^pi_/) });
    const intentId = payment!.gatewayPaymentId as string;
    const refunded = await ok("POST", `/payments/${payment!.id as string}/refund`, { amount: "30.00" });
    const refundId = (refunded.refund as Json).gatewayRefundId as string;
    await settleEvents(org.organizationId);
    await moveToDay(org.organizationId);
    standIn.backdate(intentId, new Date(PAID_AT));
    standIn.backdate(refundId, new Date(REFUNDED_AT));

    const clean = await reconcile(org);
    expect(clean).toMatchObject({ status: "succeeded", itemCount: 0, checked: { payments: 1, refunds: 1, gatewayTransactions: 2, invoices: 1 } });
    const listed = standIn.requests.filter((r) => r.path === "/v1/balance_transactions").at(-1);
    expect(listed?.params).toMatchObject({ created: { gte: String((DAY.from.getTime() - 86_400_000) / 1000), lt: String((DAY.to.getTime() + 86_400_000) / 1000) }, expand: ["data.source"] });
    expect(listed?.stripeVersion).toBe("2026-11-18.endive");

    // Someone refunds 5.00 in Stripe's dashboard, and its webhook never arrives.
    const dashboardRefund = standIn.refundInDashboard(intentId, 500);
    standIn.backdate(dashboardRefund.id as string, new Date("2026-02-10T18:00:00Z"));
    const found = await reconcile(org);
    expect(found.items).toEqual([expect.objectContaining({ kind: "unrecorded_refund", gatewayObjectId: dashboardRefund.id, paymentId: payment!.id, foundAmount: "5.00", foundCurrency: "USD" })]);
  });

  it("records a failed run, with Stripe's words, when Stripe cannot be read; the day can be run again", async () => {
    const org = await createTestOrganization("Stripe Down Org");
    await updatePaymentSettings(org.ctx, { stripeSecretKey: "sk_test_standin_0123456789", stripeWebhookSecret: "whsec_standin_0123456789", gateway: "stripe" });
    standIn.failNext("/v1/balance_transactions", 500, 3);
    const run = await reconcile(org);
    expect(run).toMatchObject({ status: "failed", itemCount: 0, error: expect.stringContaining("unknown error") });
    expect((await reconcile(org)).status).toBe("succeeded");
  });
});

describe("the REST API", () => {
  it("starts a run, lists runs in pages and reads one; another organization's run is 404", async () => {
    const org = await createTestOrganization("REST Reconciliation Org");
    const ok = restOk(org.apiKey);
    const created = await rest("POST", "/reconciliation-runs", { key: org.apiKey, body: { from: "2026-02-10T00:00:00Z", to: "2026-02-11T00:00:00Z" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ from: "2026-02-10T00:00:00.000Z", to: "2026-02-11T00:00:00.000Z", trigger: "manual", status: "succeeded", itemCount: 0, items: [] });
    await ok("POST", "/reconciliation-runs", { from: "2026-02-11T00:00:00Z", to: "2026-02-12T00:00:00Z" });
    const page = await ok("GET", "/reconciliation-runs?limit=1");
    expect(page).toMatchObject({ data: [{ id: created.json.id }], nextCursor: created.json.id });
    const rest2 = await ok("GET", `/reconciliation-runs?limit=1&cursor=${created.json.id as string}`);
    expect((rest2.data as Json[]).map((r) => r.from)).toEqual(["2026-02-11T00:00:00.000Z"]);
    expect(rest2.nextCursor).toBeNull();
    expect(await ok("GET", `/reconciliation-runs/${created.json.id as string}`)).toMatchObject({ id: created.json.id, items: [] });
    const other = await createTestOrganization("Other Org");
    expect((await rest("GET", `/reconciliation-runs/${created.json.id as string}`, { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/reconciliation-runs", { key: other.apiKey })).json).toEqual({ data: [], nextCursor: null });
  });

  it("is in the OpenAPI document, with the create answering 201", async () => {
    const { openApiDocument } = await import("@/server/trpc/openapi");
    const paths = (openApiDocument().paths ?? {}) as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    expect(paths["/reconciliation-runs"]?.get).toBeDefined();
    expect(Object.keys(paths["/reconciliation-runs"]?.post?.responses ?? {})).toContain("201");
    expect(paths["/reconciliation-runs/{id}"]?.get).toBeDefined();
  });

  it.each([
    ["both missing", {}, ["from", "to"]],
    ["not a timestamp", { from: "yesterday", to: "2026-02-11T00:00:00Z" }, ["from"]],
    ["to before from", { from: "2026-02-11T00:00:00Z", to: "2026-02-10T00:00:00Z" }, ["to"]],
    ["to equal to from", { from: "2026-02-11T00:00:00Z", to: "2026-02-11T00:00:00Z" }, ["to"]],
    ["longer than 93 days", { from: "2025-11-01T00:00:00Z", to: "2026-02-11T00:00:00Z" }, ["to"]],
    ["in the future", { from: "2099-01-01T00:00:00Z", to: "2099-01-02T00:00:00Z" }, ["to", "from"]],
  ])("refuses a range %s with a 400 naming the field", async (_, body, fields) => {
    const org = await createTestOrganization("REST 400 Org");
    const response = await rest("POST", "/reconciliation-runs", { key: org.apiKey, body });
    expect(response.status, response.text).toBe(400);
    expect(response.json.issues!.map((i) => i.path)).toEqual(fields);
    expect(await db.reconciliationRun.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });
});
