import { describe, expect, it } from "vitest";
import {
  findEndedPeriods,
  firstPeriod,
  fullPeriodFor,
  nextPeriod,
  periodContaining,
  periodsBetween,
  type PeriodSchedule,
} from "@/server/billing/periods";
import type { Period } from "@/server/billing/types";
import { utc } from "./expect-decimal";

const HOUR = 3_600_000;

function iso(period: Period | null): [string, string] | null {
  return period && [period.start.toISOString(), period.end.toISOString()];
}

function schedule(overrides: Partial<PeriodSchedule> & Pick<PeriodSchedule, "startsAt">): PeriodSchedule {
  return { interval: "month", anchor: "calendar", timezone: "UTC", ...overrides };
}

function containing(s: PeriodSchedule, instant: string) {
  return iso(periodContaining({ ...s, instant: utc(instant) }));
}

describe("calendar anchor", () => {
  it("a contract starting mid-month first gets [startsAt, 1st of next month)", () => {
    const s = schedule({ startsAt: utc("2026-01-16T00:00:00") });
    expect(containing(s, "2026-01-20T12:00:00")).toEqual(["2026-01-16T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
    expect(containing(s, "2026-02-10T00:00:00")).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });

  it("a contract starting on the boundary gets full periods", () => {
    const s = schedule({ startsAt: utc("2026-01-01T00:00:00") });
    expect(iso(firstPeriod(s))).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
  });

  it("periods are half-open: the boundary instant belongs to the next period", () => {
    const s = schedule({ startsAt: utc("2026-01-01T00:00:00") });
    expect(containing(s, "2026-01-31T23:59:59.999")?.[1]).toBe("2026-02-01T00:00:00.000Z");
    expect(containing(s, "2026-02-01T00:00:00")?.[0]).toBe("2026-02-01T00:00:00.000Z");
  });

  it("weeks start on Monday 00:00", () => {
    const s = schedule({ interval: "week", startsAt: utc("2026-01-01T00:00:00") });
    // 2026-03-11 is a Wednesday
    expect(containing(s, "2026-03-11T12:00:00")).toEqual(["2026-03-09T00:00:00.000Z", "2026-03-16T00:00:00.000Z"]);
    // a Sunday belongs to the week of the Monday before
    expect(containing(s, "2026-03-15T23:00:00")?.[0]).toBe("2026-03-09T00:00:00.000Z");
    // the contract starts on a Thursday: first period runs to Monday
    expect(iso(firstPeriod(s))).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-05T00:00:00.000Z"]);
  });

  it("quarters start on Jan/Apr/Jul/Oct 1st", () => {
    const s = schedule({ interval: "quarter", startsAt: utc("2026-01-01T00:00:00") });
    expect(containing(s, "2026-05-20T10:00:00")).toEqual(["2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"]);
    expect(containing(s, "2026-12-31T23:59:59")).toEqual(["2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(containing(s, "2027-01-01T00:00:00")).toEqual(["2027-01-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z"]);
  });

  it("years start on Jan 1st", () => {
    const s = schedule({ interval: "year", startsAt: utc("2026-03-15T00:00:00") });
    expect(iso(firstPeriod(s))).toEqual(["2026-03-15T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(containing(s, "2028-02-29T12:00:00")).toEqual(["2028-01-01T00:00:00.000Z", "2029-01-01T00:00:00.000Z"]);
  });

  it("scenario 16: periods are cut at the customer's local midnight (America/New_York)", () => {
    const s = schedule({ timezone: "America/New_York", startsAt: utc("2026-01-01T05:00:00") });
    const january = ["2026-01-01T05:00:00.000Z", "2026-02-01T05:00:00.000Z"];
    expect(iso(firstPeriod(s))).toEqual(january);
    // 2026-02-01T03:00Z is still Jan 31, 22:00 in New York
    expect(containing(s, "2026-02-01T03:00:00")).toEqual(january);
    expect(containing(s, "2026-02-01T06:00:00")?.[0]).toBe("2026-02-01T05:00:00.000Z");
  });

  it("a contract starting mid-day in Tokyo ends its first period at Tokyo midnight", () => {
    const s = schedule({ timezone: "Asia/Tokyo", startsAt: utc("2026-01-15T03:00:00") });
    expect(iso(firstPeriod(s))).toEqual(["2026-01-15T03:00:00.000Z", "2026-01-31T15:00:00.000Z"]);
  });

  describe("DST", () => {
    it("America/New_York March month: local midnights, one hour short", () => {
      const s = schedule({ timezone: "America/New_York", startsAt: utc("2026-01-01T05:00:00") });
      const march = periodContaining({ ...s, instant: utc("2026-03-15T12:00:00") });
      expect(iso(march)).toEqual(["2026-03-01T05:00:00.000Z", "2026-04-01T04:00:00.000Z"]);
      expect(march && march.end.getTime() - march.start.getTime()).toBe(31 * 24 * HOUR - HOUR);
    });

    it("America/New_York November month: one hour long", () => {
      const s = schedule({ timezone: "America/New_York", startsAt: utc("2026-01-01T05:00:00") });
      const november = periodContaining({ ...s, instant: utc("2026-11-15T12:00:00") });
      expect(iso(november)).toEqual(["2026-11-01T04:00:00.000Z", "2026-12-01T05:00:00.000Z"]);
      expect(november && november.end.getTime() - november.start.getTime()).toBe(30 * 24 * HOUR + HOUR);
    });

    it("America/New_York week over the spring-forward Sunday is 167 hours", () => {
      const s = schedule({ interval: "week", timezone: "America/New_York", startsAt: utc("2026-01-05T05:00:00") });
      const week = periodContaining({ ...s, instant: utc("2026-03-08T12:00:00") });
      expect(iso(week)).toEqual(["2026-03-02T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    });

    it("America/New_York week over the fall-back Sunday is 169 hours", () => {
      const s = schedule({ interval: "week", timezone: "America/New_York", startsAt: utc("2026-01-05T05:00:00") });
      const week = periodContaining({ ...s, instant: utc("2026-11-01T12:00:00") });
      expect(iso(week)).toEqual(["2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
    });

    it("Europe/Berlin months around both changes", () => {
      const s = schedule({ timezone: "Europe/Berlin", startsAt: utc("2025-12-31T23:00:00") });
      expect(containing(s, "2026-03-29T12:00:00")).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
      expect(containing(s, "2026-10-25T12:00:00")).toEqual(["2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z"]);
    });

    it("a month whose 1st has no midnight (America/Asuncion, 2023-10-01 00:00 → 01:00) starts at 01:00", () => {
      const s = schedule({ timezone: "America/Asuncion", startsAt: utc("2023-01-01T03:00:00") });
      expect(containing(s, "2023-10-15T12:00:00")).toEqual(["2023-10-01T04:00:00.000Z", "2023-11-01T03:00:00.000Z"]);
      expect(containing(s, "2023-09-30T12:00:00")?.[1]).toBe("2023-10-01T04:00:00.000Z");
    });
  });
});

describe("anniversary anchor", () => {
  const anniversary = (overrides: Partial<PeriodSchedule> & Pick<PeriodSchedule, "startsAt">) =>
    schedule({ anchor: "anniversary", ...overrides });

  it("period n starts at startsAt + n months", () => {
    const s = anniversary({ startsAt: utc("2026-01-15T10:00:00") });
    expect(iso(firstPeriod(s))).toEqual(["2026-01-15T10:00:00.000Z", "2026-02-15T10:00:00.000Z"]);
    expect(containing(s, "2026-06-15T09:59:59")).toEqual(["2026-05-15T10:00:00.000Z", "2026-06-15T10:00:00.000Z"]);
    expect(containing(s, "2026-06-15T10:00:00")).toEqual(["2026-06-15T10:00:00.000Z", "2026-07-15T10:00:00.000Z"]);
  });

  it("Jan 31 clamps to Feb 28, then returns to Mar 31 (computed from startsAt, not chained)", () => {
    const s = anniversary({ startsAt: utc("2026-01-31T00:00:00") });
    const periods = periodsBetween({ ...s, from: utc("2026-01-31T00:00:00"), to: utc("2026-06-01T00:00:00") });
    expect(periods.map((p) => p.start.toISOString().slice(0, 10))).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
  });

  it("Jan 31 clamps to Feb 29 in a leap year (2028)", () => {
    const s = anniversary({ startsAt: utc("2028-01-31T00:00:00") });
    expect(containing(s, "2028-03-01T00:00:00")).toEqual(["2028-02-29T00:00:00.000Z", "2028-03-31T00:00:00.000Z"]);
  });

  it("a Feb 29 yearly anniversary falls on Feb 28 in common years and Feb 29 again in 2032", () => {
    const s = anniversary({ interval: "year", startsAt: utc("2028-02-29T00:00:00") });
    expect(containing(s, "2029-06-01T00:00:00")).toEqual(["2029-02-28T00:00:00.000Z", "2030-02-28T00:00:00.000Z"]);
    expect(containing(s, "2031-06-01T00:00:00")).toEqual(["2031-02-28T00:00:00.000Z", "2032-02-29T00:00:00.000Z"]);
  });

  it("quarterly: every three months from startsAt, clamped", () => {
    const s = anniversary({ interval: "quarter", startsAt: utc("2025-11-30T00:00:00") });
    expect(containing(s, "2026-03-01T00:00:00")).toEqual(["2026-02-28T00:00:00.000Z", "2026-05-30T00:00:00.000Z"]);
  });

  it("weekly: every 7 days from startsAt, whatever the weekday", () => {
    const s = anniversary({ interval: "week", startsAt: utc("2026-01-01T08:00:00") });
    expect(containing(s, "2026-01-20T00:00:00")).toEqual(["2026-01-15T08:00:00.000Z", "2026-01-22T08:00:00.000Z"]);
  });

  it("keeps the local wall-clock time across DST (America/New_York, monthly from Jan 31 00:00 EST)", () => {
    const s = anniversary({ timezone: "America/New_York", startsAt: utc("2026-01-31T05:00:00") });
    // Feb 28 00:00 EST, Mar 31 00:00 EDT
    expect(containing(s, "2026-03-15T00:00:00")).toEqual(["2026-02-28T05:00:00.000Z", "2026-03-31T04:00:00.000Z"]);
    // Oct 31 00:00 EDT, Nov 30 00:00 EST
    expect(containing(s, "2026-11-15T00:00:00")).toEqual(["2026-10-31T04:00:00.000Z", "2026-11-30T05:00:00.000Z"]);
  });

  it("keeps 09:00 local in Europe/Berlin across the March change", () => {
    const s = anniversary({ timezone: "Europe/Berlin", startsAt: utc("2026-03-15T08:00:00") });
    expect(iso(firstPeriod(s))).toEqual(["2026-03-15T08:00:00.000Z", "2026-04-15T07:00:00.000Z"]);
  });

  it("a weekly anniversary over the spring-forward weekend is 167 hours long", () => {
    const s = anniversary({ interval: "week", timezone: "America/New_York", startsAt: utc("2026-03-02T14:00:00") });
    const second = periodContaining({ ...s, instant: utc("2026-03-09T12:00:00") });
    expect(iso(second)).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z"]);
  });

  it("a wall-clock time skipped by DST moves forward by the gap (02:30 → 03:30 on 2026-03-08 in New York)", () => {
    const s = anniversary({ timezone: "America/New_York", startsAt: utc("2026-01-08T07:30:00") });
    expect(containing(s, "2026-03-08T12:00:00")?.[0]).toBe("2026-03-08T07:30:00.000Z");
  });

  it("an ambiguous fall-back wall-clock time (01:30 on 2026-11-01 in New York) takes the origin's offset", () => {
    const winter = anniversary({ timezone: "America/New_York", startsAt: utc("2026-01-01T06:30:00") });
    expect(containing(winter, "2026-11-15T00:00:00")?.[0]).toBe("2026-11-01T06:30:00.000Z");
    const summer = anniversary({ timezone: "America/New_York", startsAt: utc("2026-07-01T05:30:00") });
    expect(containing(summer, "2026-11-15T00:00:00")?.[0]).toBe("2026-11-01T05:30:00.000Z");
  });

  it("anchorAt keeps an earlier billing cycle for a contract starting later (plan change)", () => {
    const s = anniversary({ startsAt: utc("2026-02-20T00:00:00"), anchorAt: utc("2026-01-10T00:00:00") });
    const first = firstPeriod(s);
    expect(iso(first)).toEqual(["2026-02-20T00:00:00.000Z", "2026-03-10T00:00:00.000Z"]);
    expect(first && iso(fullPeriodFor(s, first))).toEqual(["2026-02-10T00:00:00.000Z", "2026-03-10T00:00:00.000Z"]);
  });
});

describe("contract bounds", () => {
  const s = schedule({ startsAt: utc("2026-01-16T00:00:00"), endsAt: utc("2026-03-20T12:00:00") });

  it("null before startsAt and at/after endsAt", () => {
    expect(containing(s, "2026-01-15T23:59:59")).toBeNull();
    expect(containing(s, "2026-03-20T12:00:00")).toBeNull();
    expect(containing(s, "2027-01-01T00:00:00")).toBeNull();
  });

  it("the last period ends at endsAt", () => {
    expect(containing(s, "2026-03-20T11:59:59")).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-20T12:00:00.000Z"]);
  });

  it("nextPeriod walks the contract and stops at its end", () => {
    const first = firstPeriod(s);
    const second = first && nextPeriod(s, first);
    const third = second && nextPeriod(s, second);
    expect(iso(second)).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
    expect(iso(third)).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-20T12:00:00.000Z"]);
    expect(third && nextPeriod(s, third)).toBeNull();
  });

  it("a contract ending before it starts has no period", () => {
    expect(firstPeriod({ ...s, endsAt: s.startsAt })).toBeNull();
  });

  it("an anniversary contract ending mid-period", () => {
    const a = schedule({ anchor: "anniversary", startsAt: utc("2026-01-15T00:00:00"), endsAt: utc("2026-01-20T00:00:00") });
    const only = firstPeriod(a);
    expect(iso(only)).toEqual(["2026-01-15T00:00:00.000Z", "2026-01-20T00:00:00.000Z"]);
    expect(only && iso(fullPeriodFor(a, only))).toEqual(["2026-01-15T00:00:00.000Z", "2026-02-15T00:00:00.000Z"]);
  });

  it("rejects an unknown timezone instead of falling back to UTC", () => {
    expect(() => firstPeriod(schedule({ startsAt: utc("2026-01-01T00:00:00"), timezone: "Mars/Olympus" }))).toThrow(/timezone/);
  });

  it("rejects an invalid Date", () => {
    expect(() => firstPeriod(schedule({ startsAt: new Date("nope") }))).toThrow(/startsAt/);
  });
});

describe("periodsBetween", () => {
  const s = schedule({ startsAt: utc("2026-01-16T00:00:00") });

  it("lists periods overlapping [from, to) in order", () => {
    const periods = periodsBetween({ ...s, from: utc("2026-01-01T00:00:00"), to: utc("2026-04-01T00:00:00") });
    expect(periods.map(iso)).toEqual([
      ["2026-01-16T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
      ["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ]);
  });

  it("includes a period partly overlapping `from`, excludes one starting at `to`", () => {
    const periods = periodsBetween({ ...s, from: utc("2026-02-15T00:00:00"), to: utc("2026-03-01T00:00:00") });
    expect(periods.map(iso)).toEqual([["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]]);
  });

  it("is empty for an empty range", () => {
    expect(periodsBetween({ ...s, from: utc("2026-02-15T00:00:00"), to: utc("2026-02-15T00:00:00") })).toEqual([]);
  });
});

describe("findEndedPeriods", () => {
  const s = schedule({ startsAt: utc("2026-01-16T00:00:00") });

  it("lists the periods a billing run at asOf must close", () => {
    const ended = findEndedPeriods({ ...s, asOf: utc("2026-03-01T00:00:00") });
    expect(ended.map(iso)).toEqual([
      ["2026-01-16T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
      ["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
    ]);
  });

  it("skips periods already closed and the running one", () => {
    const ended = findEndedPeriods({ ...s, after: utc("2026-02-01T00:00:00"), asOf: utc("2026-03-15T00:00:00") });
    expect(ended.map(iso)).toEqual([["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]]);
  });

  it("closes nothing before the first period ends", () => {
    expect(findEndedPeriods({ ...s, asOf: utc("2026-01-31T23:59:59") })).toEqual([]);
  });
});

describe("fullPeriodFor", () => {
  it("the calendar month a partial first period belongs to", () => {
    const s = schedule({ startsAt: utc("2026-01-16T00:00:00") });
    const first = firstPeriod(s);
    expect(first && iso(fullPeriodFor(s, first))).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
  });

  it("the quarter of [May 20 10:00, Jun 20 10:00)", () => {
    const s = schedule({ interval: "quarter", startsAt: utc("2026-05-20T10:00:00"), endsAt: utc("2026-06-20T10:00:00") });
    const only = firstPeriod(s);
    expect(iso(only)).toEqual(["2026-05-20T10:00:00.000Z", "2026-06-20T10:00:00.000Z"]);
    expect(only && iso(fullPeriodFor(s, only))).toEqual(["2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"]);
  });
});
