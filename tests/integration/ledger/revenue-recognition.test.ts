import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { grantCredits } from "@/server/customers/credits";
import { ZCreateContract } from "@/server/customers/contract-schemas";
import { createContract } from "@/server/customers/contracts";
import { db } from "@/server/db";
import { revenueRecognitionJob } from "@/server/inngest/functions/revenue-recognition";
import { createCreditNote } from "@/server/invoicing/credit-notes";
import { ZCreateCreditNote } from "@/server/invoicing/credit-note-schemas";
import { voidInvoice } from "@/server/invoicing/invoices";
import { runBilling } from "@/server/invoicing/run-billing";
import { trialBalance } from "@/server/ledger/ledger-reads";
import { handleRevenueCsv } from "@/server/ledger/http";
import { closePeriod } from "@/server/ledger/period-close";
import { getRevenueReport } from "@/server/ledger/revenue-report";
import { recordManualPayment } from "@/server/payments/manual-payment";
import { createTestOrganization, rest, restOk } from "../helpers";
import { expectLedgerConsistent } from "./invariants";

// Revenue recognition, the monthly revenue report and period close, on a clock the test moves:
// every service and the job get `now`, nothing depends on today. The invariants of the journal
// (invariants.ts) are checked after each step.

type Line = { account: string; debit: string; credit: string };
type Entry = { kind: string; occurredAt: string; postedAt: string; memo: string | null; invoiceId: string | null; lines: Line[] };

const at = (iso: string) => new Date(iso);

async function company(name: string) {
  const org = await createTestOrganization(name);
  const ok = restOk(org.apiKey);
  // 310 a month: 10.00 a day in March, 31 days.
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "310" }] });
  const check = (step: string) => expectLedgerConsistent(org.organizationId, step);
  const customer = async (externalId: string, extra: Record<string, unknown> = {}) => ok("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", ...extra });
  const sign = (externalId: string, startsAt: string, now: string, planCode = "pro") => createContract(org.ctx, externalId, ZCreateContract.parse({ planCode, startsAt }), { now: at(now) });
  /** The hourly job at `now`, for this organization only (the test database holds others). */
  const runJob = async (now: string) => {
    const engine = new InngestTestEngine({
      function: revenueRecognitionJob,
      steps: [
        { id: "now", handler: () => now },
        { id: "list-organizations", handler: () => [org.organizationId] },
      ],
    });
    return (await engine.execute()).result as { schedules: number; entries: number };
  };
  const invoicesOf = async (externalId: string) => {
    const { id } = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId }, select: { id: true } });
    return db.invoice.findMany({ where: { organizationId: org.organizationId, customerId: id }, orderBy: { periodStart: "asc" } });
  };
  const schedulesOf = (invoiceId: string) => db.revenueSchedule.findMany({ where: { organizationId: org.organizationId, invoiceId }, orderBy: { position: "asc" } });
  const entries = async (query: string) => (await ok("GET", `/ledger/entries?limit=200&${query}`)).data as Entry[];
  const balance = async (account: string, instant: string) => (await trialBalance(org.ctx, at(instant))).accounts.find((a) => a.account === account && a.currency === "USD")?.balance ?? "0.00";
  return { org, ok, check, customer, sign, runJob, invoicesOf, schedulesOf, entries, balance };
}

describe("revenue recognition", () => {
  it("defers an advance fee at finalize and recognizes it day by day in the customer's zone: once, and catching up after downtime", async () => {
    const { org, check, customer, sign, runJob, invoicesOf, schedulesOf, entries, balance } = await company("Recognition Org");
    await customer("utc");
    // New York, with credits: its invoice is finalized through the credit ledger (finalizeInvoice),
    // the other one in a billing batch (createInvoicesInBatch).
    await customer("ny", { timezone: "America/New_York" });
    await grantCredits(org.ctx, "ny", { amount: "5.00", paid: false }, { now: at("2026-02-20T00:00:00Z") });
    await sign("utc", "2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z");
    await sign("ny", "2026-03-01T05:00:00Z", "2026-03-01T05:30:00Z");
    await check("two opening invoices finalized");

    const [utcMarch] = await invoicesOf("utc");
    const [nyMarch] = await invoicesOf("ny");
    const finalized = (await entries(`kind=invoice_finalized&invoiceId=${utcMarch!.id}`))[0]!;
    expect(finalized.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["accounts_receivable", "310.00", "0.00"],
      ["deferred_revenue", "0.00", "310.00"],
    ]);
    const [utcSchedule] = await schedulesOf(utcMarch!.id);
    expect(utcSchedule).toMatchObject({ account: "revenue_subscription", timezone: "UTC", recognizedDays: 0, nextRecognitionAt: at("2026-03-02T00:00:00Z") });
    expect(utcSchedule!.amount.toFixed()).toBe("310");
    expect((await schedulesOf(nyMarch!.id))[0]).toMatchObject({ timezone: "America/New_York", periodStart: at("2026-03-01T05:00:00Z"), nextRecognitionAt: at("2026-03-02T05:00:00Z") });

    expect(await runJob("2026-03-01T12:00:00.000Z")).toEqual({ schedules: 0, entries: 0 });
    // UTC's March 1 has ended; New York's has not.
    expect(await runJob("2026-03-02T00:10:00.000Z")).toEqual({ schedules: 1, entries: 1 });
    await check("the first day recognized");
    expect(await runJob("2026-03-02T00:10:00.000Z")).toEqual({ schedules: 0, entries: 0 });
    const [first] = await entries(`kind=revenue_recognized&invoiceId=${utcMarch!.id}`);
    expect(first).toMatchObject({ occurredAt: "2026-03-01T23:59:59.999Z", postedAt: "2026-03-01T23:59:59.999Z", memo: "Revenue recognized for 2026-03-01" });
    expect(first!.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["deferred_revenue", "10.00", "0.00"],
      ["revenue_subscription", "0.00", "10.00"],
    ]);

    // Down for three days: one run recognizes every day since, in one entry per schedule.
    expect(await runJob("2026-03-05T06:00:00.000Z")).toEqual({ schedules: 2, entries: 2 });
    await check("catching up four days");
    expect(await balance("revenue_subscription", "2026-03-05T06:00:00Z")).toBe("-80.00");
    expect(await balance("deferred_revenue", "2026-03-05T06:00:00Z")).toBe("-540.00");
    expect((await schedulesOf(nyMarch!.id))[0]).toMatchObject({ recognizedDays: 4, recognizedThrough: at("2026-03-05T05:00:00Z"), nextRecognitionAt: at("2026-03-06T05:00:00Z") });

    // April's fees, then a run after the end of March: New York's March 31 ends on April 1 in UTC,
    // so its last day goes to April's books in an entry of its own.
    await runBilling(org.ctx, {}, { now: at("2026-04-01T05:30:00Z") });
    await check("April's advance fees finalized");
    expect(await runJob("2026-04-02T06:00:00.000Z")).toEqual({ schedules: 4, entries: 5 });
    await check("March recognized to the end");
    const nyEntries = (await entries(`kind=revenue_recognized&invoiceId=${nyMarch!.id}`)).sort((a, b) => a.postedAt.localeCompare(b.postedAt));
    expect(nyEntries.map((e) => [e.postedAt, e.lines.find((l) => l.account === "deferred_revenue")!.debit])).toEqual([
      ["2026-03-05T04:59:59.999Z", "40.00"],
      ["2026-03-31T03:59:59.999Z", "260.00"],
      ["2026-04-01T03:59:59.999Z", "10.00"],
    ]);
    expect((await schedulesOf(utcMarch!.id))[0]).toMatchObject({ recognizedDays: 31, nextRecognitionAt: null, completedAt: at("2026-04-02T06:00:00Z") });
    expect((await schedulesOf(utcMarch!.id))[0]!.recognizedAmount.toFixed()).toBe("310");
    // March's revenue, all of it in March for the UTC customer, 300 of 310 for New York's.
    expect(await balance("revenue_subscription", "2026-03-31T23:59:59.999Z")).toBe("-610.00");
    expect(await runJob("2026-04-02T06:00:00.000Z")).toEqual({ schedules: 0, entries: 0 });
  });

  it("stops a voided invoice's schedule and moves what it had recognized back, so revenue + deferred still equals billed", async () => {
    const { org, check, customer, sign, runJob, invoicesOf, schedulesOf, entries, balance } = await company("Void Recognition Org");
    await customer("c1");
    await sign("c1", "2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z");
    expect(await runJob("2026-03-11T00:10:00.000Z")).toEqual({ schedules: 1, entries: 1 });
    await check("ten days recognized");
    const [march] = await invoicesOf("c1");
    await voidInvoice(org.ctx, march!.id, { now: at("2026-03-11T00:30:00Z") });
    await check("the invoice voided");
    const voided = await entries(`kind=invoice_voided&invoiceId=${march!.id}`);
    const reversal = voided.find((e) => e.memo?.startsWith("Revenue recognized"))!;
    expect(reversal.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ["revenue_subscription", "100.00", "0.00"],
      ["deferred_revenue", "0.00", "100.00"],
    ]);
    expect((await schedulesOf(march!.id))[0]).toMatchObject({ recognizedDays: 10, stoppedAt: at("2026-03-11T00:30:00Z"), nextRecognitionAt: null });
    expect(await balance("revenue_subscription", "2026-03-11T00:30:00Z")).toBe("0.00");
    expect(await balance("deferred_revenue", "2026-03-11T00:30:00Z")).toBe("0.00");
    // The job never comes back to it.
    expect(await runJob("2026-04-02T00:00:00.000Z")).toEqual({ schedules: 0, entries: 0 });
    await check("the job ran after the void");
  });
});

describe("the monthly revenue report", () => {
  it("adds up billed, recognized, deferred, collected and outstanding per currency, as JSON and CSV", async () => {
    const { org, ok, check, customer, sign, runJob, invoicesOf } = await company("Report Org");
    await ok("POST", "/plans", { code: "pro-eur", name: "Pro EUR", currency: "EUR", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "62" }] });
    await customer("usd");
    await customer("eur", { currency: "EUR" });
    await sign("usd", "2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z");
    await sign("eur", "2026-03-01T00:00:00Z", "2026-03-01T00:40:00Z", "pro-eur");
    const [march] = await invoicesOf("usd");
    await recordManualPayment(org.ctx, march!.id, { reference: "WIRE-1" }, { now: at("2026-03-20T09:00:00Z") });
    await createCreditNote(org.ctx, march!.id, ZCreateCreditNote.parse({ reason: "billing_error", lines: [{ amount: "10.00" }] }), { now: at("2026-03-25T09:00:00Z") });
    await runJob("2026-04-01T00:20:00.000Z");
    await runBilling(org.ctx, {}, { now: at("2026-04-01T00:30:00Z") });
    await check("March recognized, April billed");

    const report = await ok("GET", "/reports/revenue?month=2026-03");
    expect(report).toEqual({
      month: "2026-03",
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      closed: false,
      currencies: [
        { currency: "EUR", billed: "62.00", voided: "0.00", recognized: "62.00", contraRevenue: "0.00", deferred: "0.00", collected: "0.00", outstanding: "62.00" },
        { currency: "USD", billed: "310.00", voided: "0.00", recognized: "310.00", contraRevenue: "10.00", deferred: "0.00", collected: "310.00", outstanding: "0.00" },
      ],
    });
    // April: the new fee is billed and deferred (310 over 30 days: 10.33 a day) and only its first
    // day is earned by the last run; the credit note's 10.00 paid part of it.
    await runJob("2026-04-02T00:20:00.000Z");
    const april = await getRevenueReport(org.ctx, "2026-04");
    expect(april.currencies.find((c) => c.currency === "USD")).toEqual({ currency: "USD", billed: "310.00", voided: "0.00", recognized: "10.33", contraRevenue: "0.00", deferred: "299.67", collected: "0.00", outstanding: "300.00" });
    expect((await getRevenueReport(org.ctx, "2026-01")).currencies).toEqual([]);

    const csv = await handleRevenueCsv(new Request("http://localhost/api/v1/reports/revenue.csv?month=2026-03", { headers: { authorization: `Bearer ${org.apiKey}` } }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="revenue-2026-03.csv"');
    expect(await csv.text()).toBe(
      [
        "month,currency,billed,voided,recognized,contraRevenue,deferred,collected,outstanding",
        "2026-03,EUR,62.00,0.00,62.00,0.00,0.00,0.00,62.00",
        "2026-03,USD,310.00,0.00,310.00,10.00,0.00,310.00,0.00",
        "",
      ].join("\r\n"),
    );
    const noMonth = await handleRevenueCsv(new Request("http://localhost/api/v1/reports/revenue.csv", { headers: { authorization: `Bearer ${org.apiKey}` } }));
    expect(noMonth.status).toBe(400);
    expect(await noMonth.text()).toContain("month");
    expect((await handleRevenueCsv(new Request("http://localhost/api/v1/reports/revenue.csv?month=2026-03", { headers: { authorization: "Bearer eb_sk_nope" } }))).status).toBe(401);
  });

  it("answers 400 naming the month when it is not YYYY-MM", async () => {
    const { org } = await company("Report Errors Org");
    for (const query of ["month=2026-3", "month=2026-13", "month=march", ""]) {
      const response = await rest("GET", `/reports/revenue?${query}`, { key: org.apiKey });
      expect(response.status, response.text).toBe(400);
      expect(response.json.issues?.map((i) => i.path)).toContain("month");
    }
  });
});

describe("period close", () => {
  it("closes ended months in order; later events post at the start of the first open month and the closed month never changes", async () => {
    const { org, ok, check, customer, sign, invoicesOf, entries, balance } = await company("Close Org");
    await customer("c1");
    await sign("c1", "2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z");
    const monthEnd = "2026-03-31T23:59:59.999Z";

    // Closing first recognizes what was earned: March's revenue is all in March, though the job never ran.
    const closed = await closePeriod(org.ctx, "2026-03", { now: at("2026-04-02T00:00:00Z") });
    expect(closed).toEqual({ month: "2026-03", closedAt: at("2026-04-02T00:00:00Z"), closedBy: org.email });
    await check("March closed");
    expect(await balance("revenue_subscription", monthEnd)).toBe("-310.00");
    const before = { trial: await trialBalance(org.ctx, at(monthEnd)), report: await getRevenueReport(org.ctx, "2026-03") };
    expect(before.report.closed).toBe(true);

    // A bank transfer of March 20, recorded on April 5: it happened in March, posts on April 1.
    const [march] = await invoicesOf("c1");
    await recordManualPayment(org.ctx, march!.id, { reference: "LATE-1", paidAt: at("2026-03-20T00:00:00Z") }, { now: at("2026-04-05T00:00:00Z") });
    await check("a late payment");
    const [payment] = await entries("kind=payment_succeeded");
    expect(payment).toMatchObject({ occurredAt: "2026-03-20T00:00:00.000Z", postedAt: "2026-04-01T00:00:00.000Z" });
    expect(await trialBalance(org.ctx, at(monthEnd))).toEqual(before.trial);
    expect(await getRevenueReport(org.ctx, "2026-03")).toEqual(before.report);
    expect((await getRevenueReport(org.ctx, "2026-04")).currencies[0]).toMatchObject({ collected: "310.00" });

    const refused = async (month: string, now: string, message: RegExp) => {
      const error = await closePeriod(org.ctx, month, { now: at(now) }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 409, message: expect.stringMatching(message), issues: [{ path: "month", message: expect.stringMatching(message) }] });
    };
    await refused("2026-03", "2026-05-02T00:00:00Z", /2026-03 is already closed/);
    await refused("2026-02", "2026-05-02T00:00:00Z", /2026-02 is already closed: every month up to 2026-03 is/);
    await refused("2026-05", "2026-06-02T00:00:00Z", /Close 2026-04 first/);
    await refused("2026-04", "2026-04-30T23:00:00Z", /2026-04 has not ended yet/);
    await closePeriod(org.ctx, "2026-04", { now: at("2026-05-01T00:00:00Z") });
    await check("April closed");

    // Over REST: the list, a month far ahead, and months that are not months.
    const periods = await ok("GET", "/ledger/periods");
    expect(periods).toEqual({
      data: [
        { month: "2026-04", closedAt: "2026-05-01T00:00:00.000Z", closedBy: org.email },
        { month: "2026-03", closedAt: "2026-04-02T00:00:00.000Z", closedBy: org.email },
      ],
      nextCursor: null,
    });
    const page = await ok("GET", "/ledger/periods?limit=1");
    expect(page).toMatchObject({ data: [{ month: "2026-04" }], nextCursor: "2026-04" });
    expect(await ok("GET", "/ledger/periods?limit=1&cursor=2026-04")).toMatchObject({ data: [{ month: "2026-03" }], nextCursor: null });
    const future = await rest("POST", "/ledger/periods/9999-12/close", { key: org.apiKey });
    expect(future.status, future.text).toBe(409);
    expect(future.json.issues).toEqual([{ path: "month", message: "9999-12 has not ended yet: a month can be closed once it is over" }]);
    for (const month of ["2026-13", "2026-4", "april"]) {
      const response = await rest("POST", `/ledger/periods/${month}/close`, { key: org.apiKey });
      expect(response.status, response.text).toBe(400);
      expect(response.json.issues?.map((i) => i.path)).toContain("month");
    }
  });

  it("starts from the first month with journal entries", async () => {
    const { org, customer, sign } = await company("First Close Org");
    await customer("c1");
    await sign("c1", "2026-03-01T00:00:00Z", "2026-03-01T00:30:00Z");
    const error = await closePeriod(org.ctx, "2026-04", { now: at("2026-05-02T00:00:00Z") }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, message: "Close 2026-03 first: months close in order, from the first month with journal entries" });
    // A month before anything was posted may be the first closed.
    await expect(closePeriod(org.ctx, "2026-02", { now: at("2026-05-02T00:00:00Z") })).resolves.toMatchObject({ month: "2026-02" });
  });
});
