import { describe, expect, it } from "vitest";
import { consumeCredits, grantCredits } from "@/server/customers/credits";
import { ZCreateContract } from "@/server/customers/contract-schemas";
import { createContract } from "@/server/customers/contracts";
import { db } from "@/server/db";
import { runBilling } from "@/server/invoicing/run-billing";
import { recordManualPayment } from "@/server/payments/manual-payment";
import { endedMonths } from "@/server/reports/ended-months";
import { getOverview } from "@/server/reports/overview";
import { createTestOrganization, restOk } from "./helpers";

// The overview's figures on an organization built on a clock the test moves (contracts, billing
// runs, a payment at fixed instants), read at a fixed `now`. Summaries the services stamp with the
// real clock (credit ledger entries) are re-dated, and usage rollups are written as ingestion
// leaves them, so nothing depends on today.

const at = (iso: string) => new Date(iso);
const NOW = at("2026-11-15T12:00:00Z");

async function seededOrganization(name: string) {
  const org = await createTestOrganization(name);
  const ok = restOk(org.apiKey);
  const flat = (amount: string) => ({ type: "flat", name: "Platform fee", amount });
  await ok("POST", "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [flat("310")] });
  await ok("POST", "/plans", { code: "annual", name: "Annual", currency: "USD", interval: "year", commitment: { type: "minimum", amount: "600" }, charges: [flat("1200")] });
  await ok("POST", "/plans", { code: "weekly", name: "Weekly", currency: "EUR", interval: "week", charges: [flat("12")] });
  await ok("POST", "/plans", { code: "trial", name: "Trial", currency: "USD", interval: "month", trialDays: 30, charges: [flat("100")] });
  await ok("POST", "/event-schemas", { code: "llm", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  const customer = (externalId: string, currency: string, billingMode = "postpaid") => ok("POST", "/customers", { externalId, name: `${externalId} Ltd`, email: `${externalId}@example.com`, currency, billingMode });
  const sign = (externalId: string, planCode: string, startsAt: string) => createContract(org.ctx, externalId, ZCreateContract.parse({ planCode, startsAt }), { now: at(startsAt) });
  const bill = (now: string) => runBilling(org.ctx, {}, { now: at(now) });
  return { org, ok, customer, sign, bill };
}

describe("overview", () => {
  it("MRR, 12 months of billed/collected/outstanding, aging, dunning, runway, usage and top customers, per currency", async () => {
    const { org, customer, sign, bill } = await seededOrganization("Overview Org");
    await customer("alpha", "USD");
    await customer("beta", "USD");
    await customer("gamma", "EUR");
    await customer("delta", "USD");
    await sign("alpha", "pro", "2026-09-01T00:00:00Z");
    await bill("2026-09-01T01:00:00Z");
    await sign("beta", "annual", "2026-10-01T00:00:00Z");
    await bill("2026-10-01T01:00:00Z");
    await sign("gamma", "weekly", "2026-11-02T00:00:00Z");
    await sign("delta", "trial", "2026-11-01T00:00:00Z");
    await bill("2026-11-01T01:00:00Z");
    await bill("2026-11-09T01:00:00Z");
    await bill("2026-11-15T01:00:00Z");
    const numbered = async (number: string) => db.invoice.findFirstOrThrow({ where: { organizationId: org.organizationId, number } });
    // alpha's opening invoice paid in September; beta's (prorated to the year's end) in dunning.
    await recordManualPayment(org.ctx, (await numbered("INV-000001")).id, { reference: "WIRE-1" }, { now: at("2026-09-20T09:00:00Z") });
    await db.invoice.update({ where: { id: (await numbered("INV-000002")).id }, data: { collectionStatus: "dunning", dunningStartedAt: at("2026-11-01T00:00:00Z") } });

    // Prepaid: "soon" has 10 left after burning 40 this week (1.75 days); "slow" burns 30 of 100
    // a week (over 7 days left); "idle" burned 95 ten days ago and nothing since (no rate).
    for (const id of ["soon", "slow", "idle"]) await customer(id, "USD", "prepaid");
    const credit = async (externalId: string, granted: string, burns: [string, string][]) => {
      const { id: customerId } = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId } });
      await grantCredits(org.ctx, externalId, { amount: granted, paid: false }, { now: at("2026-10-01T00:00:00Z") });
      await db.creditLedgerEntry.updateMany({ where: { customerId, type: "grant" }, data: { createdAt: at("2026-10-01T00:00:00Z") } });
      for (const [amount, when] of burns) {
        const { entryId } = await consumeCredits(org.ctx, { customerId, amount, reference: `${externalId}-${when}`, at: at(when) });
        await db.creditLedgerEntry.update({ where: { id: entryId }, data: { createdAt: at(when) } });
      }
    };
    await credit("soon", "50", [["25", "2026-11-10T00:00:00Z"], ["15", "2026-11-14T00:00:00Z"]]);
    await credit("slow", "100", [["30", "2026-11-12T00:00:00Z"]]);
    await credit("idle", "100", [["95", "2026-11-05T00:00:00Z"]]);

    // Usage as ingestion leaves it: settled rollups, and a delta the settler has not folded in yet.
    const metric = await db.billableMetric.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "tokens" } });
    const { id: alphaId } = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "alpha" } });
    const rollup = (table: string, bucket: string, sum: number) =>
      db.$executeRawUnsafe(
        `INSERT INTO "${table}" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", sum, min, max, "latestAt", "latestValue")
         VALUES ($1, $2, $3::timestamp, '{}', $4, 2, $5, 1, $5, $3::timestamp, 1)`,
        metric.id, alphaId, bucket, org.organizationId, sum,
      );
    await rollup("UsageRollup", "2026-11-14T10:00:00Z", 100);
    await rollup("UsageRollup", "2026-11-14T10:15:00Z", 50);
    await rollup("UsageRollup", "2026-11-05T00:00:00Z", 7);
    await rollup("UsageRollup", "2026-10-01T00:00:00Z", 999); // before the 30 days
    await rollup("UsagePendingRollup", "2026-11-15T11:45:00Z", 5);

    // Another organization's money and usage stay out.
    const other = await seededOrganization("Other Org");
    await other.customer("alpha", "USD");
    await other.sign("alpha", "pro", "2026-11-01T00:00:00Z");
    await other.bill("2026-11-01T01:00:00Z");

    const overview = await getOverview(org.ctx, { now: NOW });
    expect(overview.months).toHaveLength(12);
    expect(overview.months[0]).toBe("2025-12");
    expect(overview.months.at(-1)).toBe("2026-11");
    expect(overview.currencies.map((c) => c.currency)).toEqual(["EUR", "USD"]);
    const [eur, usd] = overview.currencies;

    // MRR: 310 a month + (1,200 a year + a 600 minimum) / 12 = 460; the trial contract bills nothing yet. 12 a week × 52 / 12 = 52.
    expect(usd).toMatchObject({ mrr: "460.00", contracts: 2 });
    expect(eur).toMatchObject({ mrr: "52.00", contracts: 1 });

    const month = (figures: typeof usd, m: string) => figures!.months.find((x) => x.month === m);
    expect(month(usd, "2026-08")).toEqual({ month: "2026-08", billed: "0.00", collected: "0.00", outstanding: "0.00" });
    expect(month(usd, "2026-09")).toEqual({ month: "2026-09", billed: "310.00", collected: "310.00", outstanding: "0.00" });
    expect(month(usd, "2026-10")).toEqual({ month: "2026-10", billed: "612.47", collected: "0.00", outstanding: "612.47" });
    expect(month(usd, "2026-11")).toEqual({ month: "2026-11", billed: "310.00", collected: "0.00", outstanding: "922.47" });
    expect(month(eur, "2026-11")).toEqual({ month: "2026-11", billed: "24.00", collected: "0.00", outstanding: "24.00" });

    // Aging at Nov 15 (30 days' terms): the October invoices are 15 days late, November's is not due.
    expect(usd!.receivable).toBe("922.47");
    expect(usd!.aging.map((a) => [a.bucket, a.amount, a.invoices])).toEqual([
      ["current", "310.00", 1],
      ["1-30", "612.47", 2],
      ["31-60", "0.00", 0],
      ["61-90", "0.00", 0],
      ["over-90", "0.00", 0],
    ]);
    expect(usd!.dunning).toEqual({ invoices: 1, amountAtRisk: "302.47" });
    expect(eur!.dunning).toEqual({ invoices: 0, amountAtRisk: "0.00" });

    expect(usd!.topCustomers).toEqual([
      { externalId: "alpha", name: "alpha Ltd", billed: "930.00", invoices: 3 },
      { externalId: "beta", name: "beta Ltd", billed: "302.47", invoices: 1 },
    ]);

    expect(overview.runningOut).toEqual([{ externalId: "soon", name: "soon Ltd", currency: "USD", balance: "10.00", consumedLast7Days: "40.00", daysLeft: "1.8" }]);

    const tokens = overview.usage.find((u) => u.code === "tokens")!;
    expect(tokens.unit).toBe("sum");
    expect(tokens.days).toHaveLength(30);
    expect(tokens.days[0]!.day).toBe("2026-10-17");
    expect(tokens.days.filter((d) => d.value !== "0")).toEqual([
      { day: "2026-11-05", value: "7" },
      { day: "2026-11-14", value: "150" },
      { day: "2026-11-15", value: "5" },
    ]);
    expect(tokens).toMatchObject({ last7: "155", previous7: "7" });
  });

  it("an organization with nothing yet has no currencies, no one running out and no metrics", async () => {
    const org = await createTestOrganization("Empty Overview Org");
    expect(await getOverview(org.ctx, { now: NOW })).toEqual({ asOf: NOW, months: expect.any(Array), currencies: [], runningOut: [], usage: [] });
  });
});

describe("the ended months kept between loads", () => {
  it("are reused while nothing is posted or finalized into them, and read again once something is", async () => {
    const { org, customer, sign, bill } = await seededOrganization("Ended Months Org");
    await customer("alpha", "USD");
    await sign("alpha", "pro", "2026-09-01T00:00:00Z");
    await bill("2026-09-01T01:00:00Z");
    await bill("2026-10-01T01:00:00Z");
    await bill("2026-11-01T01:00:00Z");
    const [from, currentStart] = [at("2025-12-01T00:00:00Z"), at("2026-11-01T00:00:00Z")];
    // No look-back: the rows this test makes are all committed before each read.
    const read = () => endedMonths(org.ctx, from, currentStart, { inFlightMs: 0 });
    const collected = (e: Awaited<ReturnType<typeof read>>, month: string) => e.moves.collected.find((c) => c.month === month)?.amount;

    const first = await read();
    expect(await read()).toBe(first);

    // Paid in the current month: nothing ended changes.
    const invoices = await db.invoice.findMany({ where: { organizationId: org.organizationId }, orderBy: { finalizedAt: "asc" } });
    await recordManualPayment(org.ctx, invoices[2]!.id, { reference: "NOV-1" }, { now: at("2026-11-10T00:00:00Z") });
    expect(await read()).toBe(first);

    // A payment dated in October (not closed) is posted into October: read again.
    expect(collected(first, "2026-10")).toBeUndefined();
    await recordManualPayment(org.ctx, invoices[1]!.id, { reference: "OCT-1", paidAt: at("2026-10-20T00:00:00Z") }, { now: at("2026-11-12T00:00:00Z") });
    const again = await read();
    expect(again).not.toBe(first);
    expect(Number(collected(again, "2026-10"))).toBe(310);
    expect(await read()).toBe(again);

    // The overview with reuse and without agrees.
    const now = at("2026-11-15T12:00:00Z");
    expect(await getOverview(org.ctx, { now, reuseEndedMonths: true })).toEqual(await getOverview(org.ctx, { now }));
  });
});
