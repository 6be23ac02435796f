import { beforeAll, describe, expect, it } from "vitest";
import { setPlanArchived, setPlanSelfServe } from "@/server/catalog/plans";
import { db } from "@/server/db";
import { getPortalOverview } from "@/server/portal/overview";
import type { PortalContext } from "@/server/portal/portal-context";
import { createPortalLink, findPortalSession, openPortalLink, portalContext } from "@/server/portal/portal-sessions";
import { createTestOrganization, restOk, settleUsageRollups } from "../helpers";

// The clock of every read is fixed: the period running on November 15 is November.
const now = new Date("2026-11-15T12:00:00Z");

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let ok: ReturnType<typeof restOk>;

/** A portal context as a real session gives it: link minted, opened, session found. */
async function signIn(externalId: string): Promise<PortalContext> {
  const link = await createPortalLink(org.ctx, externalId, {});
  const opened = await openPortalLink(db, new URL(link.url).pathname.split("/").pop()!);
  if (!opened.ok) throw new Error(`link refused: ${opened.reason}`);
  return portalContext(db, (await findPortalSession(db, opened.secret))!);
}

const customer = (externalId: string, extra: Record<string, unknown> = {}) =>
  ok("POST", "/customers", { externalId, name: `Customer ${externalId}`, email: `${externalId}@example.test`, currency: "USD", ...extra });

beforeAll(async () => {
  org = await createTestOrganization("Portal Overview Org");
  ok = restOk(org.apiKey);
  await ok("POST", "/event-schemas", { code: "llm.call", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }, { name: "model", type: "string", required: true }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm.call", aggregation: "sum", field: "tokens" });
  await ok("POST", "/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    commitment: { type: "minimum", amount: "20" },
    charges: [
      { type: "flat", name: "Platform fee", amount: "49" },
      { type: "usage", metric: "tokens", groupBy: ["model"], model: "per_unit", unitPrice: "0.000002" },
    ],
  });
  for (const [code, currency] of [["basic", "USD"], ["euro", "EUR"], ["gone", "USD"], ["hidden", "USD"]] as const) {
    await ok("POST", "/plans", { code, name: code, currency, interval: "month", charges: [{ type: "flat", name: "Fee", amount: "29" }] });
  }
  for (const code of ["basic", "euro", "gone"]) await setPlanSelfServe(org.ctx, code, true);
  await setPlanArchived(org.ctx, "gone", true);

  await customer("alice");
  await ok("POST", "/customers/alice/contracts", { planCode: "pro", startsAt: "2026-11-01T00:00:00Z" });
  await ok("POST", "/events/batch", {
    events: [
      { id: "a1", customer: "alice", type: "llm.call", timestamp: "2026-11-02T10:00:00Z", properties: { tokens: 1_000_000, model: "gpt-4o" } },
      { id: "a2", customer: "alice", type: "llm.call", timestamp: "2026-11-03T10:00:00Z", properties: { tokens: 500_000, model: "gpt-4o-mini" } },
    ],
  });
  await customer("bob");
  await ok("POST", "/customers/bob/contracts", { planCode: "basic", startsAt: "2026-11-01T00:00:00Z" });
  await settleUsageRollups();
});

describe("portal overview", () => {
  it("shows the session customer's contract with its prices in words, its period so far and the estimate", async () => {
    const overview = await getPortalOverview(await signIn("alice"), { now });
    expect(overview.contracts).toHaveLength(1);
    const [card] = overview.contracts;
    expect(card).toMatchObject({ planCode: "pro", planName: "Pro", status: "active", cancelsAtPeriodEnd: false, currentPeriod: { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") } });
    expect(card!.prices.charges.map((c) => [c.name, c.price])).toEqual([
      ["Platform fee", "$49.00 per month, billed at the start of each month"],
      ["Tokens", "$0.000002 per token, by model"],
    ]);
    expect(card!.prices.commitment).toMatch(/^Minimum spend of \$20\.00 per month/);
    // 1,000,000 × 0.000002 = 2.00 and 500,000 × 0.000002 = 1.00, one line per model.
    expect(card!.estimate!.usage.map((u) => [u.description, u.group, u.quantity, u.unit, u.amount])).toEqual([
      ["Tokens (model: gpt-4o)", { model: "gpt-4o" }, "1000000", "tokens", "2.00"],
      ["Tokens (model: gpt-4o-mini)", { model: "gpt-4o-mini" }, "500000", "tokens", "1.00"],
    ]);
    // The invoice at the end of November: usage 3.00 (the fee and usage pass the 20.00 minimum, so
    // no true-up) + December's fee in advance 49.00.
    expect(card!.estimate).toMatchObject({ period: { start: new Date("2026-11-01T00:00:00Z") }, total: "52.00", amountDue: "52.00" });
    // basic only: euro is in another currency, gone is archived, hidden is not self-serve.
    expect(card!.planChoices).toBe(1);
  });

  it("lists open invoices with something due, the session customer's only", async () => {
    const overview = await getPortalOverview(await signIn("alice"), { now });
    expect(overview.openInvoices).toHaveLength(1);
    expect(overview.openInvoices[0]).toMatchObject({ status: "open", total: "49.00", amountDue: "49.00", currency: "USD" });
    expect(overview).toMatchObject({ totalDue: "49.00", currency: "USD" });
    const bobs = await getPortalOverview(await signIn("bob"), { now });
    expect(bobs.openInvoices.map((i) => i.amountDue)).toEqual(["29.00"]);
    expect(bobs.openInvoices[0]!.id).not.toBe(overview.openInvoices[0]!.id);
    // Bob is on the only self-serve plan left in USD.
    expect(bobs.contracts[0]!.planChoices).toBe(0);
  });

  it("leaves out invoices with nothing due", async () => {
    await customer("carol");
    await ok("POST", "/customers/carol/credits", { amount: "100.00" });
    await ok("POST", "/customers/carol/contracts", { planCode: "basic", startsAt: "2026-11-01T00:00:00Z" });
    const overview = await getPortalOverview(await signIn("carol"), { now });
    expect(overview.openInvoices).toEqual([]);
    expect(overview.balance).toMatchObject({ balance: "71.00", state: "ok", blockedReason: null, billingMode: "postpaid" });
  });
});

describe("balance state", () => {
  it("a prepaid customer at zero is blocked", async () => {
    await customer("pp-empty", { billingMode: "prepaid", lowBalanceThreshold: "5" });
    const { balance } = await getPortalOverview(await signIn("pp-empty"), { now });
    expect(balance).toMatchObject({ balance: "0.00", state: "blocked", billingMode: "prepaid", lowBalanceThreshold: "5.00" });
    expect(balance.blockedReason).toMatch(/used up/);
  });

  it("at or below the low-balance threshold is low", async () => {
    await customer("pp-low", { billingMode: "prepaid", lowBalanceThreshold: "5" });
    await ok("POST", "/customers/pp-low/credits", { amount: "5.00" });
    expect((await getPortalOverview(await signIn("pp-low"), { now })).balance).toMatchObject({ balance: "5.00", state: "low" });
    await ok("POST", "/customers/pp-low/credits", { amount: "0.01" });
    expect((await getPortalOverview(await signIn("pp-low"), { now })).balance).toMatchObject({ balance: "5.01", state: "ok" });
  });

  it("dunning's usage block holds whatever the balance, with its reason", async () => {
    await customer("pp-dunned", { billingMode: "prepaid" });
    await ok("POST", "/customers/pp-dunned/credits", { amount: "50.00" });
    await db.customer.updateMany({ where: { organizationId: org.organizationId, externalId: "pp-dunned" }, data: { usageBlockedAt: now, usageBlockedReason: "Invoice INV-000042 could not be collected" } });
    const { balance } = await getPortalOverview(await signIn("pp-dunned"), { now });
    expect(balance).toMatchObject({ balance: "50.00", state: "blocked", blockedReason: "Invoice INV-000042 could not be collected" });
  });
});
