import { describe, expect, it } from "vitest";
import { AGING_BUCKETS, agingBucket, agingDueRange, bucketAging, daysPastDue } from "@/server/reports/aging";

const at = (iso: string) => new Date(iso);

describe("daysPastDue", () => {
  const now = at("2026-12-03T12:00:00Z");
  it("is 0 before the due instant and on the due day", () => {
    expect(daysPastDue(at("2026-12-10T00:00:00Z"), now)).toBe(0);
    expect(daysPastDue(at("2026-12-03T00:00:00Z"), now)).toBe(0);
  });
  it("counts whole days after it", () => {
    expect(daysPastDue(at("2026-12-02T12:00:00Z"), now)).toBe(1);
    expect(daysPastDue(at("2026-12-02T12:00:01Z"), now)).toBe(0);
    expect(daysPastDue(at("2026-09-04T12:00:00Z"), now)).toBe(90);
  });
  it("an invoice without a due date is current", () => expect(daysPastDue(null, now)).toBe(0));
});

describe("agingBucket", () => {
  it.each([
    [0, "current"],
    [1, "1-30"],
    [30, "1-30"],
    [31, "31-60"],
    [60, "31-60"],
    [61, "61-90"],
    [90, "61-90"],
    [91, "over-90"],
    [400, "over-90"],
  ] as const)("%i days past due → %s", (days, bucket) => expect(agingBucket(days)).toBe(bucket));
});

describe("bucketAging", () => {
  it("sums amounts and counts per bucket, every bucket present", () => {
    const aging = bucketAging([
      { daysPastDue: 0, amountDue: "100.10", count: 2 },
      { daysPastDue: 5, amountDue: "20", count: 1 },
      { daysPastDue: 30, amountDue: "0.05", count: 1 },
      { daysPastDue: 91, amountDue: "7", count: 3 },
    ]);
    expect(Object.keys(aging)).toEqual([...AGING_BUCKETS]);
    expect(aging.current.amount.toFixed()).toBe("100.1");
    expect(aging.current.count).toBe(2);
    expect(aging["1-30"].amount.toFixed()).toBe("20.05");
    expect(aging["1-30"].count).toBe(2);
    expect(aging["31-60"].amount.toFixed()).toBe("0");
    expect(aging["61-90"].count).toBe(0);
    expect(aging["over-90"].amount.toFixed()).toBe("7");
  });
});

describe("agingDueRange", () => {
  const now = at("2026-12-03T12:00:00Z");
  it("holds exactly the due instants whose days past due fall in the bucket", () => {
    for (const bucket of AGING_BUCKETS) {
      const { after, atOrBefore } = agingDueRange(bucket, now);
      for (const days of [0, 1, 2, 29, 30, 31, 60, 61, 90, 91, 500]) {
        for (const extraMs of [0, 1, 86_399_999]) {
          const due = new Date(now.getTime() - days * 86_400_000 - extraMs);
          const inRange = (after === null || due > after) && (atOrBefore === null || due <= atOrBefore);
          expect(inRange, `${bucket}, due ${days} days and ${extraMs} ms ago`).toBe(agingBucket(daysPastDue(due, now)) === bucket);
        }
      }
    }
  });
});
