import { describe, expect, it } from "vitest";
import { addLocalDays, isTimezone } from "@/server/billing/local-time";
import { findFeeSpan, trialEndsAt } from "@/server/billing/trial";
import type { ContractTerms } from "@/server/billing/contract-terms";
import { utc } from "./expect-decimal";

const base: ContractTerms = {
  interval: "month",
  anchor: "calendar",
  timezone: "UTC",
  currency: "USD",
  startsAt: utc("2026-01-01T00:00:00"),
  charges: [],
};

describe("trialEndsAt", () => {
  it("is startsAt without a trial", () => {
    expect(trialEndsAt(base)).toEqual(base.startsAt);
    expect(trialEndsAt({ ...base, trialDays: null })).toEqual(base.startsAt);
  });

  it("adds local calendar days at the same wall-clock time across DST", () => {
    // 2026-03-01 00:00 EST + 14 days = 2026-03-15 00:00 EDT, 23 hours less than 14 × 24 h later
    expect(trialEndsAt({ ...base, timezone: "America/New_York", startsAt: utc("2026-03-01T05:00:00"), trialDays: 14 })).toEqual(
      utc("2026-03-15T04:00:00"),
    );
  });

  it("refuses fractional or negative trial days", () => {
    expect(() => trialEndsAt({ ...base, trialDays: 1.5 })).toThrow(/trialDays/);
    expect(() => trialEndsAt({ ...base, trialDays: -1 })).toThrow(/trialDays/);
  });
});

describe("findFeeSpan", () => {
  const january = { start: utc("2026-01-01T00:00:00"), end: utc("2026-02-01T00:00:00") };

  it("is the whole period without a trial", () => {
    expect(findFeeSpan(base, january)).toEqual(january);
  });

  it("starts at the trial's end inside the period", () => {
    expect(findFeeSpan({ ...base, trialDays: 10 }, january)).toEqual({ start: utc("2026-01-11T00:00:00"), end: january.end });
  });

  it("is null when the trial covers the period, including up to its very end", () => {
    expect(findFeeSpan({ ...base, trialDays: 31 }, january)).toBeNull();
    expect(findFeeSpan({ ...base, trialDays: 60 }, january)).toBeNull();
  });
});

describe("local time helpers", () => {
  it("knows IANA zones", () => {
    expect(isTimezone("Europe/Berlin")).toBe(true);
    expect(isTimezone("UTC")).toBe(true);
    expect(isTimezone("Mars/Olympus")).toBe(false);
    expect(isTimezone("")).toBe(false);
  });

  it("adds days keeping 09:00 in Berlin across the October change", () => {
    expect(addLocalDays(utc("2026-10-24T07:00:00"), 2, "Europe/Berlin")).toEqual(utc("2026-10-26T08:00:00"));
  });
});
