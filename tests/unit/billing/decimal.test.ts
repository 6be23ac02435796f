import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { BillingDecimal, sumDecimals, toCount, toDecimal } from "@/server/billing/decimal";
import { expectDecimal } from "./expect-decimal";

describe("engine Decimal", () => {
  it("keeps 40 significant digits", () => {
    expect(new BillingDecimal(1).div(3).toFixed()).toBe("0.3333333333333333333333333333333333333333");
  });

  it("is still a decimal.js Decimal for callers", () => {
    expect(toDecimal("1.5")).toBeInstanceOf(Decimal);
  });

  it("re-wraps a low-precision Decimal so later operations use 40 digits", () => {
    const low = Decimal.clone({ precision: 3 });
    expect(toDecimal(new low("1")).div(3).toFixed()).toBe("0.3333333333333333333333333333333333333333");
  });

  it("accepts decimal strings, with exponent or surrounding spaces", () => {
    expectDecimal(toDecimal(" 12.50 "), "12.5");
    expectDecimal(toDecimal("1e-12"), "0.000000000001");
    expectDecimal(toDecimal(".5"), "0.5");
    expectDecimal(toDecimal("-3"), "-3");
  });

  it.each(["", "abc", "1,5", "NaN", "Infinity", "0x10", "1.2.3"])("rejects %j", (value) => {
    expect(() => toDecimal(value)).toThrow();
  });

  it("rejects JS numbers for money at runtime", () => {
    expect(() => toDecimal(1.5 as unknown as string)).toThrow(/Decimal or a decimal string/);
  });

  it("takes counts as safe non-negative integers only", () => {
    expectDecimal(toCount(3), "3");
    expect(() => toCount(1.5)).toThrow();
    expect(() => toCount(-1)).toThrow();
  });

  it("sums exactly where floats would not", () => {
    expectDecimal(sumDecimals(["0.1", "0.2"]), "0.3");
    expectDecimal(sumDecimals([]), "0");
  });
});
