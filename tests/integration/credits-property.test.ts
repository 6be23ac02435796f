import Decimal from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { consumeCredits, expireCredits, getBalance, grantCredits } from "@/server/customers/credits";
import { createCustomer } from "@/server/customers/customers";
import { db } from "@/server/db";
import { createTestOrganization } from "./helpers";
import { prng } from "./prng";

// Replays random grant / consume / expire sequences against the real database and checks the
// ledger against an independent model: sums, non-negative grants, earliest-expiry-first order,
// and exact decimals (nothing lost to rounding). Seeded, so a failure replays identically.

const D = (v: Decimal.Value) => new Decimal(v);
const DAY = 86_400_000;

interface ModelGrant {
  id: string;
  seq: number;
  amount: Decimal;
  remaining: Decimal;
  expiresAt: Date | null;
}

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
/** What the sequences exercised, over all seeds: the property means little if a path never ran. */
const seen = { duplicates: 0, shortfalls: 0, splits: 0, expiryEntries: 0 };

beforeAll(async () => {
  org = await createTestOrganization("Ledger Property Org");
});

async function replay(seed: number, steps: number) {
  const rnd = prng(seed);
  const externalId = `prop-${seed}`;
  const customer = await createCustomer(org.ctx, {
    externalId,
    name: externalId,
    email: `${externalId}@example.test`,
    currency: "USD",
    timezone: "UTC",
    billingMode: "prepaid",
    taxRate: "0",
    metadata: {},
  });
  // Virtual time starts after the wall clock, so reads at the real now never expire anything early.
  let now = new Date(Date.now() + DAY);
  const grants: ModelGrant[] = [];
  const references: string[] = [];
  let granted = D(0);
  let consumed = D(0);
  let expired = D(0);
  const log: string[] = [];

  const expireModel = (at: Date) => {
    for (const g of grants) {
      if (g.expiresAt && g.expiresAt.getTime() <= at.getTime() && g.remaining.greaterThan(0)) {
        expired = expired.plus(g.remaining);
        g.remaining = D(0);
      }
    }
  };

  for (let step = 0; step < steps; step++) {
    const roll = rnd.next();
    if (roll < 0.35) {
      const amount = D(rnd.int(1, 10_000)).div(100);
      const expiresAt = rnd.next() < 0.3 ? null : new Date(now.getTime() + rnd.int(1, 20 * 24) * 3_600_000);
      log.push(`grant ${amount.toFixed()} until ${expiresAt?.toISOString() ?? "never"}`);
      const view = await grantCredits(org.ctx, externalId, { amount: amount.toFixed(), paid: rnd.next() < 0.5, expiresAt }, { now });
      grants.push({ id: view.id, seq: grants.length, amount, remaining: amount, expiresAt });
      granted = granted.plus(amount);
    } else if (roll < 0.8) {
      const duplicate = references.length > 0 && rnd.next() < 0.1;
      const reference = duplicate ? references[rnd.int(0, references.length - 1)]! : `${externalId}:${step}`;
      // Up to 60 with up to 6 decimals: real-time rating leaves fractions of a cent.
      const amount = D(rnd.int(0, 60_000_000)).div(1_000_000);
      log.push(`consume ${amount.toFixed()} ref ${reference}${duplicate ? " (again)" : ""}`);
      const result = await consumeCredits(org.ctx, { customerId: customer.id, amount: amount.toFixed(), reference, at: now });
      if (duplicate) {
        expect(result.duplicate, log.join("\n")).toBe(true);
        seen.duplicates += 1;
        continue;
      }
      references.push(reference);
      expireModel(now);
      // The model's own allocation: earliest expiry first, no expiry last, then grant order.
      const usable = grants
        .filter((g) => g.remaining.greaterThan(0))
        .sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.seq - b.seq);
      let left = amount;
      const expected: [string, string][] = [];
      for (const g of usable) {
        if (left.isZero()) break;
        const take = Decimal.min(left, g.remaining);
        expected.push([g.id, take.toFixed()]);
        g.remaining = g.remaining.minus(take);
        left = left.minus(take);
      }
      expect(result.allocations.map((a) => [a.grantId, a.amount.toFixed()]), log.join("\n")).toEqual(expected);
      expect(result.shortfall.toFixed()).toBe(left.toFixed());
      // Every grant drawn from but the last is emptied: nothing expiring earlier is left untouched.
      result.allocations.slice(0, -1).forEach((a) => expect(grants.find((g) => g.id === a.grantId)!.remaining.isZero()).toBe(true));
      consumed = consumed.plus(amount);
      if (result.shortfall.greaterThan(0)) seen.shortfalls += 1;
      if (result.allocations.length > 1) seen.splits += 1;
    } else {
      now = new Date(now.getTime() + rnd.int(0, 5 * 24) * 3_600_000);
      log.push(`expire at ${now.toISOString()}`);
      await expireCredits(db, { now, customerId: customer.id });
      expireModel(now);
    }

    // Invariants against the database after every step.
    const rows = await db.creditGrant.findMany({ where: { customerId: customer.id } });
    for (const row of rows) {
      const model = grants.find((g) => g.id === row.id)!;
      expect(D(row.remaining.toFixed()).isNegative(), `grant ${row.id} went negative`).toBe(false);
      expect(D(row.remaining.toFixed()).toFixed(), log.join("\n")).toBe(model.remaining.toFixed());
    }
    const sums = await db.creditLedgerEntry.groupBy({ by: ["type"], where: { customerId: customer.id }, _sum: { amount: true } });
    const sum = (type: string) => D(sums.find((s) => s.type === type)?._sum.amount?.toFixed() ?? "0");
    expect(sum("grant").toFixed()).toBe(granted.toFixed());
    expect(sum("consumption").negated().toFixed()).toBe(consumed.toFixed());
    expect(sum("expiry").negated().toFixed()).toBe(expired.toFixed());
  }

  // Each grant's amount is exactly what is left + what was drawn from it + what expired of it.
  const allocations = await db.creditAllocation.groupBy({ by: ["grantId"], where: { entry: { customerId: customer.id } }, _sum: { amount: true } });
  const expiries = await db.creditLedgerEntry.findMany({ where: { customerId: customer.id, type: "expiry" } });
  seen.expiryEntries += expiries.length;
  for (const g of grants) {
    const drawn = D(allocations.find((a) => a.grantId === g.id)?._sum.amount?.toFixed() ?? "0");
    const lapsed = expiries.filter((e) => e.grantId === g.id).reduce((s, e) => s.minus(e.amount.toFixed()), D(0));
    expect(g.remaining.plus(drawn).plus(lapsed).toFixed()).toBe(g.amount.toFixed());
  }
  // The balance the API reports: Σ grants − Σ consumptions − Σ expiries, exactly.
  const balance = await getBalance(org.ctx, externalId);
  const expectedBalance = granted.minus(consumed).minus(expired);
  expect(balance.balanceExact).toBe(expectedBalance.toFixed());
  expect(balance.balance).toBe(expectedBalance.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).replace(/^-0\.00$/, "0.00"));
  expect(balance.blocked).toBe(expectedBalance.lessThanOrEqualTo(0));
  return { steps: log.length, expectedBalance };
}

describe("the credit ledger (property)", () => {
  for (const seed of [1, 7, 42, 2024, 90210]) {
    it(`never loses a cent over a random sequence (seed ${seed})`, async () => {
      const { steps } = await replay(seed, 80);
      expect(steps).toBe(80);
    });
  }

  it("exercised duplicates, shortfalls, consumptions split over grants and expiries", () => {
    expect(seen.duplicates).toBeGreaterThan(0);
    expect(seen.shortfalls).toBeGreaterThan(0);
    expect(seen.splits).toBeGreaterThan(0);
    expect(seen.expiryEntries).toBeGreaterThan(0);
  });
});
