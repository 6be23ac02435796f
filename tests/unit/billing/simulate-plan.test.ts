import { describe, expect, it } from "vitest";
import { simulatePlan } from "@/server/billing/simulate-plan";
import type { Charge } from "@/server/billing/types";

const graduated: Charge = {
  type: "usage",
  metric: "tokens",
  model: "graduated",
  tiers: [
    { upTo: "1000", unitPrice: "0.01" },
    { upTo: null, unitPrice: "0.008" },
  ],
};
const platformFee: Charge = { type: "flat", name: "Platform fee", amount: "49", timing: "advance", prorate: true };

describe("plan price simulator", () => {
  it("prices each charge for its quantity and totals the rounded lines (BILLING.md graduated example)", () => {
    const result = simulatePlan({ currency: "USD", charges: [platformFee, graduated], usage: { 1: { quantity: "1500" } } });
    expect(result.lines.map((l) => l.amount?.toFixed(2))).toEqual(["49.00", "14.00"]);
    expect(result.total.toFixed(2)).toBe("63.00");
  });

  it("adds the minimum-commitment true-up only when spend is below the minimum", () => {
    const below = simulatePlan({ currency: "USD", charges: [graduated], commitment: { type: "minimum", amount: "100" }, usage: { 0: { quantity: "1500" } } });
    expect(below.lines.at(-1)).toMatchObject({ kind: "commitment" });
    expect(below.lines.at(-1)?.amount?.toFixed(2)).toBe("86.00");
    expect(below.total.toFixed(2)).toBe("100.00");
    const above = simulatePlan({ currency: "USD", charges: [graduated], commitment: { type: "minimum", amount: "10" }, usage: { 0: { quantity: "1500" } } });
    expect(above.lines).toHaveLength(1);
    expect(above.total.toFixed(2)).toBe("14.00");
  });

  it("bills a prepaid commitment and draws usage down from it", () => {
    const result = simulatePlan({ currency: "USD", charges: [graduated], commitment: { type: "prepaid", amount: "10" }, usage: { 0: { quantity: "1500" } } });
    expect(result.lines.map((l) => [l.kind, l.amount?.toFixed(2)])).toEqual([
      ["usage", "14.00"],
      ["commitment", "10.00"],
      ["credit", "-10.00"],
    ]);
    expect(result.total.toFixed(2)).toBe("14.00");
  });

  it("reports a charge that is still invalid instead of failing, and leaves it out of the total", () => {
    const broken: Charge = { type: "usage", metric: "tokens", model: "volume", tiers: [{ upTo: "10", unitPrice: "1" }] };
    const result = simulatePlan({ currency: "USD", charges: [platformFee, broken], usage: { 1: { quantity: "5" } } });
    expect(result.lines[1]).toMatchObject({ amount: null, problem: expect.stringContaining("last tier") });
    expect(result.total.toFixed(2)).toBe("49.00");
  });

  it("uses zero usage for charges without a quantity, billing a first-tier flat fee", () => {
    const withFee: Charge = { type: "usage", metric: "tokens", model: "volume", tiers: [{ upTo: "10", unitPrice: "1", flatFee: "5" }, { upTo: null, unitPrice: "0.5" }] };
    expect(simulatePlan({ currency: "JPY", charges: [withFee], usage: {} }).total.toFixed(0)).toBe("5");
  });
});
