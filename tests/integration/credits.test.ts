import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { consumeCredits, expireCredits, grantCredits } from "@/server/customers/credits";
import { db } from "@/server/db";
import { expireCreditsJob } from "@/server/inngest/functions/expire-credits";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let other: Org;

const paths = (r: { json: { issues?: { path: string }[] } }) => (r.json.issues ?? []).map((i) => i.path);
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

async function createCustomer(externalId: string, extra: Record<string, unknown> = {}) {
  const r = await rest("POST", "/customers", { key: org.apiKey, body: { externalId, name: externalId, email: `${externalId}@example.test`, currency: "USD", ...extra } });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string };
}

async function grant(customer: string, body: Record<string, unknown>) {
  const r = await rest("POST", `/customers/${customer}/credits`, { key: org.apiKey, body });
  expect(r.status, r.text).toBe(201);
  return r.json as { id: string } & Record<string, unknown>;
}

const balanceOf = async (customer: string, key = org.apiKey) => (await rest("GET", `/customers/${customer}/balance`, { key })).json;

beforeAll(async () => {
  org = await createTestOrganization("Credits Org");
  other = await createTestOrganization("Other Credits Org");
});

describe("credit grants", () => {
  it("are created (free by default), listed, and move the balance", async () => {
    await createCustomer("wallet");
    expect(await balanceOf("wallet")).toMatchObject({
      currency: "USD",
      balance: "0.00",
      granted: "0.00",
      consumed: "0.00",
      blocked: false,
      lowBalanceThreshold: null,
    });
    const g = await grant("wallet", { amount: "25.5", reason: "Welcome credit" });
    expect(g).toMatchObject({ customer: "wallet", amount: "25.50", remaining: "25.50", paid: false, reason: "Welcome credit", expiresAt: null, status: "active" });
    const expiresAt = inDays(30).toISOString();
    const paid = await grant("wallet", { amount: 10, paid: true, expiresAt });
    expect(paid).toMatchObject({ amount: "10.00", paid: true, expiresAt });
    const balance = await balanceOf("wallet");
    expect(balance).toMatchObject({ balance: "35.50", granted: "35.50", consumed: "0.00", blocked: false });
    expect(Date.parse(balance.updatedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    const list = await rest("GET", "/customers/wallet/credits", { key: org.apiKey });
    expect((list.json.data as { id: string }[]).map((x) => x.id)).toEqual([g.id, paid.id]);
    const ledger = await rest("GET", "/customers/wallet/credit-ledger", { key: org.apiKey });
    expect(ledger.json.data).toMatchObject([
      { type: "grant", amount: "25.50", grantId: g.id, description: "Welcome credit" },
      { type: "grant", amount: "10.00", grantId: paid.id, description: "Top-up" },
    ]);
  });

  it("are idempotent by reference", async () => {
    await createCustomer("topup");
    const first = await grant("topup", { amount: "50", paid: true, reference: "pi_123" });
    const again = await grant("topup", { amount: "50", paid: true, reference: "pi_123" });
    expect(again.id).toBe(first.id);
    expect(again.reference).toBe("pi_123");
    expect((await balanceOf("topup")).balance).toBe("50.00");
    await createCustomer("topup-2");
    expect((await rest("POST", "/customers/topup-2/credits", { key: org.apiKey, body: { amount: "1", reference: "pi_123" } })).status).toBe(409);
  });

  it("carry the currency's minor unit (JPY has none)", async () => {
    await createCustomer("yen", { currency: "JPY" });
    expect(await grant("yen", { amount: "1000" })).toMatchObject({ amount: "1000", remaining: "1000" });
    expect((await balanceOf("yen")).balance).toBe("1000");
    const r = await rest("POST", "/customers/yen/credits", { key: org.apiKey, body: { amount: "10.5" } });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(["amount"]);
  });

  it.each([
    [{}, ["amount"]],
    [{ amount: "0" }, ["amount"]],
    [{ amount: -5 }, ["amount"]],
    [{ amount: "ten" }, ["amount"]],
    [{ amount: "10.005" }, ["amount"]],
    [{ amount: "1".repeat(25) }, ["amount"]],
    [{ amount: "10", expiresAt: "2020-01-01T00:00:00Z" }, ["expiresAt"]],
    [{ amount: "10", expiresAt: "next week" }, ["expiresAt"]],
    [{ amount: "10", paid: "yes" }, ["paid"]],
    [{ amount: "10", reason: 42 }, ["reason"]],
    [{ amount: "10", reason: "x".repeat(501) }, ["reason"]],
  ])("answer 400 naming the field for %j", async (body, expected) => {
    await rest("POST", "/customers", { key: org.apiKey, body: { externalId: "bad-grants", name: "x", email: "x@example.test", currency: "USD" } });
    const r = await rest("POST", "/customers/bad-grants/credits", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(400);
    expect(paths(r)).toEqual(expected);
  });

  it("are a 404 for another organization's or an unknown customer", async () => {
    await createCustomer("private");
    await grant("private", { amount: "5" });
    expect((await rest("POST", "/customers/private/credits", { key: other.apiKey, body: { amount: "5" } })).status).toBe(404);
    expect((await rest("GET", "/customers/private/balance", { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/customers/private/credits", { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/customers/private/credit-ledger", { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/customers/ghost/balance", { key: org.apiKey })).status).toBe(404);
    expect((await rest("GET", "/customers/private/balance")).status).toBe(401);
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "private" } });
    await expect(consumeCredits(other.ctx, { customerId: customer.id, amount: "1", reference: "steal" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("consumption", () => {
  it("draws from the grant expiring first, then later ones, then grants without expiry", async () => {
    const { id: customerId } = await createCustomer("order");
    const never = await grant("order", { amount: "10" });
    const late = await grant("order", { amount: "5", expiresAt: inDays(10).toISOString() });
    const soon = await grant("order", { amount: "3", expiresAt: inDays(2).toISOString() });
    const r = await consumeCredits(org.ctx, { customerId, amount: "6", reference: "usage-1" });
    expect(r.allocations.map((a) => [a.grantId, a.amount.toFixed()])).toEqual([
      [soon.id, "3"],
      [late.id, "3"],
    ]);
    expect(r.shortfall.toFixed()).toBe("0");
    expect([r.balanceBefore.toFixed(), r.balanceAfter.toFixed()]).toEqual(["18", "12"]);
    const r2 = await consumeCredits(org.ctx, { customerId, amount: "3.5", reference: "usage-2" });
    expect(r2.allocations.map((a) => [a.grantId, a.amount.toFixed()])).toEqual([
      [late.id, "2"],
      [never.id, "1.5"],
    ]);
    expect(await balanceOf("order")).toMatchObject({ balance: "8.50", granted: "18.00", consumed: "9.50" });
    const grants = (await rest("GET", "/customers/order/credits", { key: org.apiKey })).json.data as { id: string; remaining: string; status: string }[];
    expect(grants.map((g) => [g.id, g.remaining, g.status])).toEqual([
      [never.id, "8.50", "active"],
      [late.id, "0.00", "depleted"],
      [soon.id, "0.00", "depleted"],
    ]);
  });

  it("keeps exact sub-cent amounts and shows money rounded to the minor unit", async () => {
    const { id: customerId } = await createCustomer("tokens");
    await grant("tokens", { amount: "1" });
    for (let i = 0; i < 3; i++) await consumeCredits(org.ctx, { customerId, amount: "0.000002", reference: `tok-${i}` });
    expect(await balanceOf("tokens")).toMatchObject({ balance: "1.00", balanceExact: "0.999994", consumed: "0.00" });
    const ledger = (await rest("GET", "/customers/tokens/credit-ledger?type=consumption", { key: org.apiKey })).json.data as { amount: string; amountExact: string }[];
    expect(ledger.map((e) => [e.amount, e.amountExact])).toEqual([
      ["0.00", "-0.000002"],
      ["0.00", "-0.000002"],
      ["0.00", "-0.000002"],
    ]);
  });

  it("is applied once per reference, and a reference belongs to one customer", async () => {
    const { id: customerId } = await createCustomer("idem");
    const other = await createCustomer("idem-other");
    await grant("idem", { amount: "10" });
    const first = await consumeCredits(org.ctx, { customerId, amount: "4", reference: "evt-1" });
    const second = await consumeCredits(org.ctx, { customerId, amount: "4", reference: "evt-1" });
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, entryId: first.entryId });
    expect(second.balanceAfter.toFixed()).toBe("6");
    await expect(consumeCredits(org.ctx, { customerId: other.id, amount: "1", reference: "evt-1" })).rejects.toMatchObject({ status: 409 });
    await expect(consumeCredits(org.ctx, { customerId, amount: "-1", reference: "neg" })).rejects.toMatchObject({ status: 400 });
    expect((await balanceOf("idem")).balance).toBe("6.00");
  });

  it("goes below zero when the grants run out; a prepaid customer is blocked at ≤ 0, a postpaid one never", async () => {
    const { id: prepaidId } = await createCustomer("prepaid", { billingMode: "prepaid", lowBalanceThreshold: "5" });
    expect(await balanceOf("prepaid")).toMatchObject({ balance: "0.00", blocked: true, lowBalanceThreshold: "5.00" });
    await grant("prepaid", { amount: "10" });
    expect((await balanceOf("prepaid")).blocked).toBe(false);
    const low = await consumeCredits(org.ctx, { customerId: prepaidId, amount: "6", reference: "p-1" });
    expect(low.crossings).toEqual({ low: true, depleted: false });
    const over = await consumeCredits(org.ctx, { customerId: prepaidId, amount: "5", reference: "p-2" });
    expect(over.shortfall.toFixed()).toBe("1");
    expect(over.crossings).toEqual({ low: false, depleted: true });
    expect(await balanceOf("prepaid")).toMatchObject({ balance: "-1.00", consumed: "11.00", blocked: true });

    const { id: postpaidId } = await createCustomer("postpaid");
    await consumeCredits(org.ctx, { customerId: postpaidId, amount: "3", reference: "q-1" });
    expect(await balanceOf("postpaid")).toMatchObject({ balance: "-3.00", blocked: false });
  });

  it("never overdraws a grant or double-applies a reference under concurrency", async () => {
    const { id: customerId } = await createCustomer("race");
    const g = await grant("race", { amount: "10" });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => consumeCredits(org.ctx, { customerId, amount: "3", reference: `race-${i}` })));
    const drawn = results.flatMap((r) => r.allocations).reduce((sum, a) => sum + Number(a.amount.toFixed()), 0);
    expect(drawn).toBe(10);
    expect(results.reduce((sum, r) => sum + Number(r.shortfall.toFixed()), 0)).toBe(8);
    const row = await db.creditGrant.findUniqueOrThrow({ where: { id: g.id } });
    expect(row.remaining.toFixed()).toBe("0");
    expect((await balanceOf("race")).balance).toBe("-8.00");

    const same = await Promise.all(Array.from({ length: 5 }, () => consumeCredits(org.ctx, { customerId, amount: "1", reference: "same" })));
    expect(same.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(same.map((r) => r.entryId)).size).toBe(1);
    expect((await balanceOf("race")).balance).toBe("-9.00");
  });
});

describe("expiry", () => {
  it("writes one expiry entry for what is left of each grant past its expiry, idempotently", async () => {
    const { id: customerId } = await createCustomer("expiring");
    const soon = await grant("expiring", { amount: "4", expiresAt: inDays(1).toISOString() });
    const later = await grant("expiring", { amount: "6", expiresAt: inDays(5).toISOString() });
    await consumeCredits(org.ctx, { customerId, amount: "1", reference: "e-1" });
    expect((await expireCredits(db, { now: inDays(2), customerId })).grantsExpired).toBe(1);
    expect((await expireCredits(db, { now: inDays(2), customerId })).grantsExpired).toBe(0);
    const entries = (await rest("GET", "/customers/expiring/credit-ledger?type=expiry", { key: org.apiKey })).json.data;
    expect(entries).toMatchObject([{ type: "expiry", amount: "-3.00", grantId: soon.id }]);
    // A consumption after the expiry draws from what is still valid then.
    const r = await consumeCredits(org.ctx, { customerId, amount: "2", reference: "e-2", at: inDays(3) });
    expect(r.allocations.map((a) => a.grantId)).toEqual([later.id]);
    // At the second expiry the consumption just made is not expired again.
    await expireCredits(db, { now: inDays(6), customerId });
    const all = (await rest("GET", "/customers/expiring/credit-ledger", { key: org.apiKey })).json.data as { type: string; amount: string }[];
    expect(all.map((e) => [e.type, e.amount])).toEqual([
      ["grant", "4.00"],
      ["grant", "6.00"],
      ["consumption", "-1.00"],
      ["expiry", "-3.00"],
      ["consumption", "-2.00"],
      ["expiry", "-4.00"],
    ]);
    expect(await balanceOf("expiring")).toMatchObject({ balance: "0.00", granted: "10.00", consumed: "3.00", expired: "7.00" });
  });

  it("happens on read, without the cron", async () => {
    const customer = await createCustomer("on-read");
    const past = new Date(Date.now() - 10 * DAY);
    // Granted ten days ago for three days (the service takes the instant).
    await grantCredits(org.ctx, "on-read", { amount: "7", paid: false, expiresAt: new Date(past.getTime() + 3 * DAY) }, { now: past });
    await grant("on-read", { amount: "2" });
    expect(await balanceOf("on-read")).toMatchObject({ balance: "2.00", granted: "9.00", expired: "7.00" });
    const grants = (await rest("GET", "/customers/on-read/credits", { key: org.apiKey })).json.data as { status: string; remaining: string }[];
    expect(grants.map((g) => [g.status, g.remaining])).toEqual([
      ["expired", "0.00"],
      ["active", "2.00"],
    ]);
    expect(await db.creditLedgerEntry.count({ where: { customerId: customer.id, type: "expiry" } })).toBe(1);
  });

  it("runs as an Inngest cron function over every organization", async () => {
    await createCustomer("cron");
    const past = new Date(Date.now() - 2 * DAY);
    await grantCredits(org.ctx, "cron", { amount: "3", paid: false, expiresAt: new Date(past.getTime() + DAY) }, { now: past });
    const { result } = await new InngestTestEngine({ function: expireCreditsJob }).execute();
    expect((result as { grantsExpired: number }).grantsExpired).toBeGreaterThanOrEqual(1);
    const again = await new InngestTestEngine({ function: expireCreditsJob }).execute();
    expect(again.result).toEqual({ grantsExpired: 0 });
    const customer = await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "cron" } });
    expect(await db.creditLedgerEntry.count({ where: { customerId: customer.id, type: "expiry" } })).toBe(1);
  });
});

describe("currency", () => {
  it("is fixed once credits exist", async () => {
    await createCustomer("credited");
    await grant("credited", { amount: "1" });
    expect((await rest("PATCH", "/customers/credited", { key: org.apiKey, body: { currency: "EUR" } })).status).toBe(409);
  });
});
