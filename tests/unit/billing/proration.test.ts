import { describe, expect, it } from "vitest";
import { countProrationDays, countTouchedDays, prorateAmount, prorationFactor } from "@/server/billing/proration";
import { roundMoney } from "@/server/billing/money";
import { expectDecimal, utc } from "./expect-decimal";

const period = (start: string, end: string) => ({ start: utc(start), end: utc(end) });

describe("countTouchedDays", () => {
  it("an end exactly at midnight does not touch the next day", () => {
    expect(countTouchedDays(period("2026-01-01T00:00:00", "2026-01-02T00:00:00"), "UTC")).toBe(1);
    expect(countTouchedDays(period("2026-01-01T00:00:00", "2026-01-02T00:00:00.001"), "UTC")).toBe(2);
  });

  it("a day partly covered counts", () => {
    expect(countTouchedDays(period("2026-01-31T23:00:00", "2026-02-01T00:00:00"), "UTC")).toBe(1);
    expect(countTouchedDays(period("2026-01-01T23:00:00", "2026-01-02T01:00:00"), "UTC")).toBe(2);
  });

  it("an empty period touches nothing", () => {
    expect(countTouchedDays(period("2026-01-01T10:00:00", "2026-01-01T10:00:00"), "UTC")).toBe(0);
  });

  it("counts days in the customer's timezone", () => {
    // New York's January: 05:00Z to 05:00Z
    const january = period("2026-01-01T05:00:00", "2026-02-01T05:00:00");
    expect(countTouchedDays(january, "America/New_York")).toBe(31);
    expect(countTouchedDays(january, "UTC")).toBe(32);
  });

  it("23- and 25-hour DST days are one day each, and DST months keep their day count", () => {
    expect(countTouchedDays(period("2026-03-08T05:00:00", "2026-03-09T04:00:00"), "America/New_York")).toBe(1);
    expect(countTouchedDays(period("2026-03-01T05:00:00", "2026-04-01T04:00:00"), "America/New_York")).toBe(31);
    expect(countTouchedDays(period("2026-11-01T04:00:00", "2026-12-01T05:00:00"), "America/New_York")).toBe(30);
    expect(countTouchedDays(period("2026-10-24T22:00:00", "2026-10-25T23:00:00"), "Europe/Berlin")).toBe(1);
  });

  it("a year has 365 or 366 days", () => {
    expect(countTouchedDays(period("2026-01-01T00:00:00", "2027-01-01T00:00:00"), "UTC")).toBe(365);
    expect(countTouchedDays(period("2028-01-01T00:00:00", "2029-01-01T00:00:00"), "UTC")).toBe(366);
  });
});

describe("prorationFactor", () => {
  it("BILLING.md: [Jan 16 00:00, Feb 1 00:00) touches 16 of January's 31 days", () => {
    const input = {
      period: period("2026-01-16T00:00:00", "2026-02-01T00:00:00"),
      fullPeriod: period("2026-01-01T00:00:00", "2026-02-01T00:00:00"),
      timezone: "UTC",
    };
    expect(countProrationDays(input)).toEqual({ touched: 16, total: 31 });
    expect(prorationFactor(input).toFixed(10)).toBe("0.5161290323");
  });

  it("BILLING.md: a quarterly contract [May 20 10:00, Jun 20 10:00) touches 32 of the quarter's 91 days", () => {
    const input = {
      period: period("2026-05-20T10:00:00", "2026-06-20T10:00:00"),
      fullPeriod: period("2026-04-01T00:00:00", "2026-07-01T00:00:00"),
      timezone: "UTC",
    };
    expect(countProrationDays(input)).toEqual({ touched: 32, total: 91 });
  });

  it("a full period is exactly 1", () => {
    const full = period("2026-02-01T00:00:00", "2026-03-01T00:00:00");
    expect(prorationFactor({ period: full, fullPeriod: full, timezone: "UTC" }).toFixed()).toBe("1");
  });

  it("a partial period starting mid-day still touches its first day fully", () => {
    const input = {
      period: period("2026-01-16T10:00:00", "2026-02-01T00:00:00"),
      fullPeriod: period("2026-01-01T00:00:00", "2026-02-01T00:00:00"),
      timezone: "UTC",
    };
    expect(countProrationDays(input)).toEqual({ touched: 16, total: 31 });
  });

  it("counts New York days for a New York customer", () => {
    const input = {
      period: period("2026-03-16T04:00:00", "2026-04-01T04:00:00"),
      fullPeriod: period("2026-03-01T05:00:00", "2026-04-01T04:00:00"),
      timezone: "America/New_York",
    };
    expect(countProrationDays(input)).toEqual({ touched: 16, total: 31 });
  });
});

describe("prorateAmount", () => {
  it("scenario 9: 30.00 × 16/31 = 15.48", () => {
    expectDecimal(roundMoney(prorateAmount("30.00", { touched: 16, total: 31 }), "USD"), "15.48");
  });

  it("a full period charges the exact amount", () => {
    expectDecimal(prorateAmount("30.00", { touched: 31, total: 31 }), "30");
  });

  it("multiplies before dividing so an exact half-cent stays a tie and rounds up", () => {
    // 0.14 × 1/28 = 0.005 exactly; 0.14 × (1/28 rounded to 40 digits) would be 0.00499…
    expectDecimal(prorateAmount("0.14", { touched: 1, total: 28 }), "0.005");
    expectDecimal(roundMoney(prorateAmount("0.14", { touched: 1, total: 28 }), "USD"), "0.01");
  });
});
