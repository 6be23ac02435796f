import { describe, expect, it } from "vitest";
import { formatAmount, isCurrencyCode, isRoundedTo, minorUnits, roundMoney } from "@/server/billing/money";
import { d, expectDecimal } from "./expect-decimal";

describe("minorUnits", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["BHD", 3],
    ["KWD", 3],
    ["TND", 3],
  ])("%s has %i decimals", (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
  });

  it.each([
    ["IDR", 2],
    ["HUF", 2],
    ["COP", 2],
    ["PKR", 2],
    ["IQD", 3],
  ])("%s follows ISO 4217 (%i), not Intl's display digits", (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
  });

  it("rejects unknown or badly formed codes", () => {
    expect(() => minorUnits("XYZ")).toThrow(/ISO 4217/);
    expect(() => minorUnits("usd")).toThrow(/ISO 4217/);
  });
});

describe("isCurrencyCode", () => {
  it("knows ISO 4217 codes, upper case only", () => {
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("JPY")).toBe(true);
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("US")).toBe(false);
    expect(isCurrencyCode("USDX")).toBe(false);
  });
});

describe("roundMoney", () => {
  it.each([
    ["1.005", "1.01"],
    ["1.004999", "1"],
    ["2.675", "2.68"], // a float would give 2.67
    ["0.125", "0.13"],
    ["15.483870967741935", "15.48"],
    ["-1.505", "-1.51"], // half-up is away from zero for negatives
    ["-1.504", "-1.5"],
    ["12.3", "12.3"],
  ])("USD %s → %s", (amount, expected) => {
    expectDecimal(roundMoney(amount, "USD"), expected);
  });

  it("rounds JPY to whole yen, half-up", () => {
    expectDecimal(roundMoney("1229.5", "JPY"), "1230");
    expectDecimal(roundMoney("1229.49", "JPY"), "1229");
    expectDecimal(roundMoney("-0.5", "JPY"), "-1");
  });

  it("rounds KWD to three decimals, half-up", () => {
    expectDecimal(roundMoney("1.0005", "KWD"), "1.001");
    expectDecimal(roundMoney("1.00049", "KWD"), "1");
  });

  it("accepts Decimal inputs", () => {
    expectDecimal(roundMoney(d("0.005"), "USD"), "0.01");
  });

  it("never yields negative zero", () => {
    expect(roundMoney("-0.001", "USD").isNegative()).toBe(false);
  });
});

describe("formatAmount", () => {
  it.each([
    ["12.3", "USD", "12.30"],
    ["1230", "JPY", "1230"],
    ["1229.5", "JPY", "1230"],
    ["-1.5", "USD", "-1.50"],
    ["0", "USD", "0.00"],
    ["-0.001", "USD", "0.00"],
    ["1.2345", "KWD", "1.235"],
    ["1e3", "USD", "1000.00"],
    ["0.000001", "USD", "0.00"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected);
  });
});

describe("isRoundedTo", () => {
  it("tells whether an amount fits the minor unit", () => {
    expect(isRoundedTo("1.23", "USD")).toBe(true);
    expect(isRoundedTo("1.230", "USD")).toBe(true);
    expect(isRoundedTo("1.235", "USD")).toBe(false);
    expect(isRoundedTo("5", "JPY")).toBe(true);
    expect(isRoundedTo("5.1", "JPY")).toBe(false);
  });
});
