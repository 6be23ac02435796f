import { describe, expect, it } from "vitest";
import { toDecimal } from "@/server/billing/decimal";
import type { UsageCharge } from "@/server/billing/types";
import { dayCosts } from "@/server/portal/usage-day-costs";

const days = (...quantities: (number | null)[]) => quantities.map((q) => ({ quantity: toDecimal(String(q ?? 0)), eventCount: q === null ? 0 : 1 }));
const costs = (input: Parameters<typeof dayCosts>[0]) => dayCosts(input)?.map((c) => c.toFixed(2)) ?? null;

describe("dayCosts", () => {
  it("charges a package on the day usage opens it, and the days add up to the line", () => {
    const charge: UsageCharge = { type: "usage", metric: "calls", model: "package", packageSize: "1000", packagePrice: "5" };
    // 400, 700 (opens the 2nd package), 0, 901 (opens the 3rd): 2,001 in all = 3 packages = 15.00.
    expect(costs({ charge, aggregation: "sum", currency: "USD", days: days(400, 700, null, 901) })).toEqual(["5.00", "5.00", "0.00", "5.00"]);
  });

  it("rounds what is owed up to each day, so the cents land where they add up", () => {
    const charge: UsageCharge = { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.003" };
    // 0.003 a day: 0.00, 0.01 (0.006), 0.01 (0.009) — the line is 0.01.
    expect(costs({ charge, aggregation: "count", currency: "USD", days: days(1, 1, 1) })).toEqual(["0.00", "0.01", "0.00"]);
  });

  it("follows the running peak for max and the last value for latest", () => {
    const charge: UsageCharge = { type: "usage", metric: "seats", model: "per_unit", unitPrice: "10" };
    expect(costs({ charge, aggregation: "max", currency: "USD", days: days(3, 2, 5) })).toEqual(["30.00", "0.00", "20.00"]);
    expect(costs({ charge, aggregation: "latest", currency: "USD", days: days(3, null, 2) })).toEqual(["30.00", "0.00", "-10.00"]);
  });

  it("puts a first tier's flat fee on the first day, even without usage", () => {
    const charge: UsageCharge = { type: "usage", metric: "calls", model: "graduated", tiers: [{ upTo: "100", unitPrice: "0", flatFee: "20" }, { upTo: null, unitPrice: "0.5" }] };
    expect(costs({ charge, aggregation: "sum", currency: "USD", days: days(null, 110) })).toEqual(["20.00", "5.00"]);
  });

  it("cannot split what daily figures do not determine", () => {
    const perUnit: UsageCharge = { type: "usage", metric: "m", model: "per_unit", unitPrice: "1" };
    expect(dayCosts({ charge: perUnit, aggregation: "avg", currency: "USD", days: days(1) })).toBeNull();
    expect(dayCosts({ charge: perUnit, aggregation: "unique_count", currency: "USD", days: days(1) })).toBeNull();
    const clamped: UsageCharge = { type: "usage", metric: "m", model: "percentage", rate: "0.02", minPerEvent: "0.3" };
    expect(dayCosts({ charge: clamped, aggregation: "sum", currency: "USD", days: days(1) })).toBeNull();
  });
});
