import { describe, expect, it } from "vitest";
import { bucketStart, contributionOf, groupKeyOf, matchesFilters, numericText, type MetricDef } from "@/server/usage/rollup-keys";

const metric = (over: Partial<MetricDef>): MetricDef => ({ id: "m", code: "m", aggregation: "sum", field: "tokens", filters: {}, dimensions: [], ...over });

describe("rollup keys", () => {
  it("cut quarter-hour buckets in UTC, so any real time zone's midnight is a boundary", () => {
    expect(bucketStart(new Date("2026-01-01T05:44:59.999Z")).toISOString()).toBe("2026-01-01T05:30:00.000Z");
    expect(bucketStart(new Date("2026-01-01T05:45:00Z")).toISOString()).toBe("2026-01-01T05:45:00.000Z");
    // Asia/Kathmandu is UTC+05:45: its midnight is 18:15 UTC.
    expect(bucketStart(new Date("2026-01-01T18:15:00Z")).toISOString()).toBe("2026-01-01T18:15:00.000Z");
  });

  it("match filters on the text of string, number and boolean values", () => {
    expect(matchesFilters({ model: ["gpt-4o"] }, { model: "gpt-4o" })).toBe(true);
    expect(matchesFilters({ model: ["gpt-4o"] }, { model: "gpt-4o-mini" })).toBe(false);
    expect(matchesFilters({ model: ["gpt-4o"] }, {})).toBe(false);
    expect(matchesFilters({ cached: ["true"], tier: ["2"] }, { cached: true, tier: 2 })).toBe(true);
  });

  it("build canonical group keys whatever the property order, with missing values as null", () => {
    expect(groupKeyOf(["region", "model"], { model: "a", region: "eu", other: 1 })).toBe('{"model":"a","region":"eu"}');
    expect(groupKeyOf(["region", "model"], { region: "eu", model: "a" })).toBe('{"model":"a","region":"eu"}');
    expect(groupKeyOf(["model"], {})).toBe('{"model":null}');
    expect(groupKeyOf([], { model: "a" })).toBe("{}");
  });

  it("keep numeric values exact as decimal strings", () => {
    expect(numericText(1500)).toBe("1500");
    expect(numericText("0.000002")).toBe("0.000002");
    expect(numericText("12,5")).toBeNull();
    expect(numericText(Number.NaN)).toBeNull();
  });

  it("count an event only when it passes the metric's filters and carries its field", () => {
    expect(contributionOf(metric({}), { tokens: 10 })).toEqual({ groupKey: "{}", value: "10", distinct: null });
    expect(contributionOf(metric({}), { other: 1 })).toBeNull();
    expect(contributionOf(metric({ aggregation: "count", field: null }), {})).toEqual({ groupKey: "{}", value: "0", distinct: null });
    expect(contributionOf(metric({ filters: { model: ["x"] } }), { tokens: 1, model: "y" })).toBeNull();
    expect(contributionOf(metric({ aggregation: "unique_count", field: "user" }), { user: "u1" })).toMatchObject({ distinct: "u1" });
    expect(contributionOf(metric({ aggregation: "unique_count", field: "user" }), {})).toBeNull();
  });
});
