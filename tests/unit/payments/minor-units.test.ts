import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { fromMinorUnits, toMinorUnits } from "@/server/payments/minor-units";

describe("toMinorUnits", () => {
  it("scales by the currency's exponent: JPY 0, USD 2, KWD and BHD 3", () => {
    expect(toMinorUnits("1230", "JPY")).toBe(1230n);
    expect(toMinorUnits("12.30", "USD")).toBe(1230n);
    expect(toMinorUnits("12.3", "USD")).toBe(1230n);
    expect(toMinorUnits("1.234", "KWD")).toBe(1234n);
    expect(toMinorUnits("0.5", "BHD")).toBe(500n);
  });

  it("takes a Decimal as well as a string, including one with trailing zeros", () => {
    expect(toMinorUnits(new Decimal("1230"), "JPY")).toBe(1230n);
    expect(toMinorUnits(new Decimal("12.300"), "USD")).toBe(1230n);
    expect(toMinorUnits("1230.00", "JPY")).toBe(1230n);
  });

  it("keeps amounts beyond 2^53 exact", () => {
    expect(toMinorUnits("123456789012345678.91", "USD")).toBe(12345678901234567891n);
  });

  it("refuses an amount with more digits than the currency allows instead of rounding", () => {
    expect(() => toMinorUnits("12.345", "USD")).toThrow(RangeError);
    expect(() => toMinorUnits("1230.5", "JPY")).toThrow(RangeError);
    expect(() => toMinorUnits("1.2345", "KWD")).toThrow(RangeError);
    expect(() => toMinorUnits(new Decimal("0.001"), "EUR")).toThrow(/more than the currency's 2 decimal/);
  });

  it("refuses what is not an amount in a known currency", () => {
    expect(() => toMinorUnits("12,30", "USD")).toThrow(TypeError);
    expect(() => toMinorUnits("1", "usd")).toThrow(RangeError);
    expect(() => toMinorUnits("1", "XYZ")).toThrow(RangeError);
  });
});

describe("fromMinorUnits", () => {
  it("prints exactly the currency's digits", () => {
    expect(fromMinorUnits(1230n, "JPY")).toBe("1230");
    expect(fromMinorUnits(1230n, "USD")).toBe("12.30");
    expect(fromMinorUnits(1234n, "KWD")).toBe("1.234");
    expect(fromMinorUnits(5n, "USD")).toBe("0.05");
    expect(fromMinorUnits(0n, "BHD")).toBe("0.000");
    expect(fromMinorUnits(-5n, "USD")).toBe("-0.05");
  });

  it("round-trips with toMinorUnits", () => {
    for (const [amount, currency] of [["1230", "JPY"], ["12.30", "USD"], ["1.234", "KWD"], ["0.000", "BHD"], ["-7.01", "EUR"], ["98765432109876543.21", "USD"]] as const) {
      expect(fromMinorUnits(toMinorUnits(amount, currency), currency)).toBe(amount);
    }
    for (const minor of [0n, 1n, 99n, 100n, 123456789012345678901n, -42n]) {
      expect(toMinorUnits(fromMinorUnits(minor, "USD"), "USD")).toBe(minor);
    }
  });
});
