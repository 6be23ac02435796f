import { describe, expect, it } from "vitest";
import { contractMrr, monthlyAmount } from "@/server/billing/mrr";
import type { Charge } from "@/server/billing/types";
import { expectDecimal } from "./expect-decimal";

const flat = (amount: string): Charge => ({ type: "flat", name: "Platform fee", amount, timing: "advance", prorate: true });
const usage: Charge = { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.000002" };

describe("monthlyAmount", () => {
  it("keeps a monthly amount", () => expectDecimal(monthlyAmount("49.99", "month"), "49.99"));
  it("weekly × 52 / 12", () => expectDecimal(monthlyAmount("12", "week"), "52"));
  it("quarterly ÷ 3", () => expectDecimal(monthlyAmount("300", "quarter"), "100"));
  it("yearly ÷ 12", () => expectDecimal(monthlyAmount("1200", "year"), "100"));
  it("stays exact: no rounding until the total", () => {
    // 10 × 52 / 12 = 43.333…: three contracts sum to 130 exactly once rounded.
    const each = monthlyAmount("10", "week");
    expect(each.toFixed(2)).toBe("43.33");
    expect(each.times(3).toDecimalPlaces(2).toFixed(2)).toBe("130.00");
  });
});

describe("contractMrr", () => {
  it("sums flat fees and the commitment, ignores usage charges", () => {
    expectDecimal(contractMrr({ interval: "month", charges: [flat("100"), usage, flat("25.50")], commitment: { type: "minimum", amount: "500" } }), "625.5");
  });

  it("normalizes the whole period's recurring amount", () => {
    expectDecimal(contractMrr({ interval: "year", charges: [flat("1200")], commitment: { type: "prepaid", amount: "2400" } }), "300");
    expectDecimal(contractMrr({ interval: "quarter", charges: [flat("90")], commitment: null }), "30");
    expectDecimal(contractMrr({ interval: "week", charges: [flat("3")], commitment: { type: "minimum", amount: "3" } }), "26");
  });

  it("is zero for a usage-only plan", () => {
    expectDecimal(contractMrr({ interval: "month", charges: [usage], commitment: null }), "0");
  });
});
