import { describe, expect, it } from "vitest";
import { isStuckReportable, nextRecheckAt, pendingSince } from "@/server/reconciliation/backoff";
import { dailyScheduleKey, previousUtcDay, rangeIssues } from "@/server/reconciliation/range";

const since = new Date("2026-03-10T09:00:00Z");
const plus = (ms: number, from = since) => new Date(from.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("the re-check back-off", () => {
  it("asks 5 minutes and 1 hour after submission, then a day after each check", () => {
    expect(nextRecheckAt(since, 0, null)).toEqual(plus(5 * MIN));
    expect(nextRecheckAt(since, 1, plus(5 * MIN))).toEqual(plus(HOUR));
    expect(nextRecheckAt(since, 2, plus(HOUR))).toEqual(plus(HOUR + DAY));
    expect(nextRecheckAt(since, 3, plus(HOUR + DAY))).toEqual(plus(HOUR + 2 * DAY));
  });

  it("does not push the 1 hour check back when the first one ran late", () => {
    expect(nextRecheckAt(since, 1, plus(2 * HOUR))).toEqual(plus(HOUR));
  });

  it("reports only from the daily stage", () => {
    expect([0, 1, 2, 3].map(isStuckReportable)).toEqual([false, false, true, true]);
  });

  it("counts from submission, or from creation for a payment the gateway reported processing", () => {
    const createdAt = new Date("2026-03-10T08:00:00Z");
    expect(pendingSince({ submittedAt: since, processing: false, createdAt })).toEqual(since);
    expect(pendingSince({ submittedAt: null, processing: true, createdAt })).toEqual(createdAt);
    expect(pendingSince({ submittedAt: null, processing: false, createdAt })).toBeNull();
  });
});

describe("the range of a run", () => {
  const now = new Date("2026-03-11T02:30:00Z");
  const day = (d: string) => new Date(`${d}T00:00:00Z`);

  it("accepts up to 93 days ending no later than now", () => {
    expect(rangeIssues({ from: day("2026-03-10"), to: day("2026-03-11") }, now)).toEqual([]);
    expect(rangeIssues({ from: day("2025-12-08"), to: day("2026-03-11") }, now)).toEqual([]);
    expect(rangeIssues({ from: day("2026-03-10"), to: now }, now)).toEqual([]);
  });

  it("names the field of each problem", () => {
    expect(rangeIssues({ from: day("2026-03-10"), to: day("2026-03-10") }, now)).toEqual([{ path: "to", message: expect.stringContaining("must be after from") }]);
    expect(rangeIssues({ from: day("2025-12-07"), to: day("2026-03-11") }, now)).toEqual([{ path: "to", message: expect.stringContaining("at most 93 days") }]);
    expect(rangeIssues({ from: day("2026-03-10"), to: day("2026-03-12") }, now)).toEqual([{ path: "to", message: expect.stringContaining("must not be later than now") }]);
    expect(rangeIssues({ from: day("2026-03-12"), to: day("2026-03-13") }, now).map((i) => i.path)).toEqual(["to", "from"]);
  });

  it("the daily job takes the UTC day before, keyed by that day", () => {
    const range = previousUtcDay(now);
    expect(range).toEqual({ from: day("2026-03-10"), to: day("2026-03-11") });
    expect(dailyScheduleKey(range)).toBe("daily:2026-03-10");
    expect(previousUtcDay(day("2026-03-01"))).toEqual({ from: day("2026-02-28"), to: day("2026-03-01") });
  });
});

describe("displayRange", () => {
  it("shows one whole day as that day, and any other range as a period", async () => {
    const { displayRange } = await import("@/components/format");
    expect(displayRange("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")).toBe("Mar 10, 2026");
    expect(displayRange("2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z")).toBe("Mar 10 – Mar 11, 2026");
    expect(displayRange("2026-03-10T00:00:00Z", "2026-03-10T09:30:00Z")).toBe("Mar 10, 2026 – Mar 10, 2026, 09:30 UTC");
  });
});
