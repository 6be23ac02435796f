import { describe, expect, it } from "vitest";
import { allocateConsumption, balanceFromLedger, findExpiredGrants, type CreditGrant } from "@/server/billing/credits";
import { detectBalanceCrossings, isBalanceBlocked } from "@/server/billing/balance-status";
import { expectDecimal, utc } from "./expect-decimal";

function grant(id: string, remaining: string, expiresAt: string | null, grantedAt = "2026-01-01T00:00:00"): CreditGrant {
  return { id, remaining, expiresAt: expiresAt === null ? null : utc(expiresAt), grantedAt: utc(grantedAt) };
}

function plain(result: ReturnType<typeof allocateConsumption>) {
  return {
    allocations: result.allocations.map((a) => [a.grantId, a.amount.toFixed()]),
    shortfall: result.shortfall.toFixed(),
  };
}

describe("allocateConsumption", () => {
  it("draws from the grant expiring first", () => {
    const grants = [grant("never", "100", null), grant("march", "10", "2026-03-01T00:00:00"), grant("feb", "5", "2026-02-01T00:00:00")];
    expect(plain(allocateConsumption(grants, "12"))).toEqual({
      allocations: [
        ["feb", "5"],
        ["march", "7"],
      ],
      shortfall: "0",
    });
  });

  it("grants without expiry come last", () => {
    const grants = [grant("never", "100", null), grant("dec", "1", "2030-12-01T00:00:00")];
    expect(plain(allocateConsumption(grants, "3")).allocations).toEqual([
      ["dec", "1"],
      ["never", "2"],
    ]);
  });

  it("ties on expiry go to the older grant, then by id", () => {
    const grants = [
      grant("b", "1", null, "2026-01-02T00:00:00"),
      grant("z", "1", null, "2026-01-01T00:00:00"),
      grant("a", "1", null, "2026-01-02T00:00:00"),
    ];
    expect(plain(allocateConsumption(grants, "3")).allocations.map(([id]) => id)).toEqual(["z", "a", "b"]);
  });

  it("reports the shortfall no grant covered", () => {
    expect(plain(allocateConsumption([grant("g", "10", null)], "20"))).toEqual({ allocations: [["g", "10"]], shortfall: "10" });
    expect(plain(allocateConsumption([], "2.5"))).toEqual({ allocations: [], shortfall: "2.5" });
  });

  it("skips empty grants and grants expired at `at`", () => {
    const grants = [grant("empty", "0", null), grant("expired", "10", "2026-02-01T00:00:00"), grant("ok", "10", null)];
    expect(plain(allocateConsumption(grants, "4", { at: utc("2026-02-01T00:00:00") })).allocations).toEqual([["ok", "4"]]);
  });

  it("keeps sub-cent amounts exact", () => {
    expect(plain(allocateConsumption([grant("g", "1", null)], "0.000014"))).toEqual({
      allocations: [["g", "0.000014"]],
      shortfall: "0",
    });
  });

  it("allocates nothing for a zero amount and refuses a negative one", () => {
    expect(plain(allocateConsumption([grant("g", "1", null)], "0"))).toEqual({ allocations: [], shortfall: "0" });
    expect(() => allocateConsumption([grant("g", "1", null)], "-1")).toThrow();
  });
});

describe("findExpiredGrants", () => {
  it("lists what is left on grants whose expiry has passed", () => {
    const grants = [grant("past", "3", "2026-01-31T00:00:00"), grant("future", "5", "2026-03-01T00:00:00"), grant("used", "0", "2026-01-01T00:00:00")];
    const expired = findExpiredGrants(grants, utc("2026-02-01T00:00:00"));
    expect(expired.map((e) => [e.grantId, e.amount.toFixed()])).toEqual([["past", "3"]]);
  });
});

describe("balanceFromLedger", () => {
  it("scenario 13 c1: 100 granted, 20 + 5 consumed → balance 75, consumed 25", () => {
    const summary = balanceFromLedger([
      { type: "grant", amount: "100.00" },
      { type: "consumption", amount: "-20.00" },
      { type: "consumption", amount: "-5.00" },
    ]);
    expectDecimal(summary.balance, "75");
    expectDecimal(summary.consumed, "25");
    expectDecimal(summary.granted, "100");
  });

  it("scenario 13 c2: 10 granted, 20 consumed → balance −10", () => {
    const summary = balanceFromLedger([
      { type: "grant", amount: "10.00" },
      { type: "consumption", amount: "-20.00" },
    ]);
    expectDecimal(summary.balance, "-10");
    expect(isBalanceBlocked(summary.balance)).toBe(true);
  });

  it("counts invoice applications as consumed and expiries apart", () => {
    const summary = balanceFromLedger([
      { type: "grant", amount: "50" },
      { type: "invoice_application", amount: "-30" },
      { type: "expiry", amount: "-15" },
    ]);
    expectDecimal(summary.balance, "5");
    expectDecimal(summary.consumed, "30");
    expectDecimal(summary.expired, "15");
  });

  it("an empty ledger is a zero balance", () => {
    expectDecimal(balanceFromLedger([]).balance, "0");
  });

  it("refuses entries signed the wrong way", () => {
    expect(() => balanceFromLedger([{ type: "grant", amount: "-1" }])).toThrow(/wrong sign/);
    expect(() => balanceFromLedger([{ type: "consumption", amount: "1" }])).toThrow(/wrong sign/);
  });
});

describe("balance status", () => {
  it("blocked at or below zero", () => {
    expect(isBalanceBlocked("0")).toBe(true);
    expect(isBalanceBlocked("-0.01")).toBe(true);
    expect(isBalanceBlocked("0.01")).toBe(false);
  });

  it("alerts low once when the threshold is crossed downwards", () => {
    expect(detectBalanceCrossings({ before: "30", after: "20", lowBalanceThreshold: "20" })).toEqual({ low: true, depleted: false });
    expect(detectBalanceCrossings({ before: "20", after: "10", lowBalanceThreshold: "20" })).toEqual({ low: false, depleted: false });
    expect(detectBalanceCrossings({ before: "10", after: "30", lowBalanceThreshold: "20" })).toEqual({ low: false, depleted: false });
  });

  it("alerts depleted when zero is crossed, and low too if the move jumps both", () => {
    expect(detectBalanceCrossings({ before: "30", after: "-5", lowBalanceThreshold: "20" })).toEqual({ low: true, depleted: true });
    expect(detectBalanceCrossings({ before: "5", after: "0", lowBalanceThreshold: "20" })).toEqual({ low: false, depleted: true });
    expect(detectBalanceCrossings({ before: "0", after: "-5", lowBalanceThreshold: "20" })).toEqual({ low: false, depleted: false });
  });

  it("without a threshold only depletion alerts", () => {
    expect(detectBalanceCrossings({ before: "5", after: "-1" })).toEqual({ low: false, depleted: true });
  });
});
