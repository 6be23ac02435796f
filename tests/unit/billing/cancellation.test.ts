import { describe, expect, it } from "vitest";
import { planCancellation } from "@/server/billing/cancellation";
import type { PeriodSchedule } from "@/server/billing/periods";
import { utc } from "./expect-decimal";

const schedule: PeriodSchedule = { interval: "month", anchor: "calendar", startsAt: utc("2026-01-01T00:00:00"), timezone: "UTC" };

describe("planCancellation", () => {
  it("immediate: ends at `at`, advance items were billed to the running period's end", () => {
    expect(planCancellation(schedule, "immediate", utc("2026-01-11T15:00:00"))).toEqual({ endsAt: utc("2026-01-11T15:00:00"), advanceBilledUntil: utc("2026-02-01T00:00:00") });
  });

  it("immediate on a period boundary: nothing was billed past it", () => {
    expect(planCancellation(schedule, "immediate", utc("2026-02-01T00:00:00"))).toEqual({ endsAt: utc("2026-02-01T00:00:00"), advanceBilledUntil: null });
  });

  it("end of period: ends with the period holding `at`", () => {
    expect(planCancellation(schedule, "end_of_period", utc("2026-01-11T15:00:00"))).toEqual({ endsAt: utc("2026-02-01T00:00:00"), advanceBilledUntil: null });
  });

  it("before the start, or immediately at it: no period at all", () => {
    expect(planCancellation(schedule, "end_of_period", utc("2025-12-31T00:00:00"))).toEqual({ endsAt: schedule.startsAt, advanceBilledUntil: null });
    expect(planCancellation(schedule, "immediate", schedule.startsAt)).toEqual({ endsAt: schedule.startsAt, advanceBilledUntil: null });
  });
});
