import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumDecimals, toDecimal } from "@/server/billing/decimal";
import type { JournalDraft } from "@/server/ledger/postings";
import { firstDayEndsAt, nextRecognitionAt, planDays, recognitionEntries, recognitionReversedEntry, revenueSchedules, splitByDay, type ScheduleRef } from "@/server/ledger/recognition";

// The day-splitting rule of revenue recognition (docs/ledger.md): calendar days of the zone,
// each counted once, pieces cut to the minor unit with the remainder on the last day.

const at = (iso: string) => new Date(iso);
const split = (amount: string, start: string, end: string, timezone = "UTC", currency = "USD") => splitByDay({ amount, currency, periodStart: at(start), periodEnd: at(end), timezone });
const amounts = (days: ReturnType<typeof splitByDay>) => days.map((d) => d.amount.toFixed());
const rows = (draft: JournalDraft) => draft.lines.map((l) => [l.account, l.debit.toFixed(), l.credit.toFixed()]);

describe("splitting a line over the days of its service period", () => {
  it("gives each day the amount ÷ days cut to the cent, and the last day the remainder", () => {
    const days = split("100.00", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
    expect(days).toHaveLength(31);
    expect(amounts(days).slice(0, 30)).toEqual(Array(30).fill("3.22"));
    expect(days[30]).toMatchObject({ date: "2026-03-31", endsAt: at("2026-04-01T00:00:00Z") });
    expect(days[30]!.amount.toFixed()).toBe("3.4");
    expect(days[0]).toMatchObject({ date: "2026-03-01", endsAt: at("2026-03-02T00:00:00Z") });
    expect(sumDecimals(days.map((d) => d.amount)).toFixed()).toBe("100");
    expect(amounts(split("10.00", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z"))).toEqual(["3.33", "3.33", "3.34"]);
  });

  it("cuts to each currency's minor unit: none for JPY, three for BHD", () => {
    expect(amounts(split("1000", "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", "UTC", "JPY"))).toEqual(["142", "142", "142", "142", "142", "142", "148"]);
    expect(amounts(split("1.000", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z", "UTC", "BHD"))).toEqual(["0.333", "0.333", "0.334"]);
  });

  it("splits a negative line (a credit for unused days) alike, toward zero with the remainder last", () => {
    expect(amounts(split("-10.00", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z"))).toEqual(["-3.33", "-3.33", "-3.34"]);
    // Less than a cent a day: the whole amount falls on the last day.
    expect(amounts(split("0.02", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z"))).toEqual(["0", "0", "0.02"]);
  });

  it("counts the days of the customer's zone, a 23-hour and a 25-hour DST day once each", () => {
    // New York, March 2026: clocks go forward on the 8th.
    const spring = split("310.00", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z", "America/New_York");
    expect(spring).toHaveLength(31);
    expect(amounts(spring)).toEqual(Array(31).fill("10"));
    expect(spring[6]).toMatchObject({ date: "2026-03-07", endsAt: at("2026-03-08T05:00:00Z") });
    expect(spring[7]).toMatchObject({ date: "2026-03-08", endsAt: at("2026-03-09T04:00:00Z") });
    // Berlin, October 2026: clocks go back on the 25th.
    const autumn = split("31.00", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", "Europe/Berlin");
    expect(autumn).toHaveLength(31);
    expect(autumn[23]).toMatchObject({ date: "2026-10-24", endsAt: at("2026-10-24T22:00:00Z") });
    expect(autumn[24]).toMatchObject({ date: "2026-10-25", endsAt: at("2026-10-25T23:00:00Z") });
    expect(amounts(autumn)).toEqual(Array(31).fill("1"));
    // Tokyo's March starts on the last day of February in UTC.
    const tokyo = split("31.00", "2026-02-28T15:00:00Z", "2026-03-31T15:00:00Z", "Asia/Tokyo");
    expect(tokyo).toHaveLength(31);
    expect(tokyo[0]).toMatchObject({ date: "2026-03-01", endsAt: at("2026-03-01T15:00:00Z") });
  });

  it("knows leap years: 29 days in February 2028, 366 in 2028", () => {
    expect(amounts(split("29.00", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"))).toEqual(Array(29).fill("1"));
    const february2026 = split("29.00", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
    expect(february2026).toHaveLength(28);
    expect(february2026[27]!.amount.toFixed()).toBe("1.19");
    expect(split("366.00", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z")).toHaveLength(366);
    expect(split("365.00", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")).toHaveLength(365);
  });

  it("counts the partial days a period touches, as proration does", () => {
    // An anniversary period: 12 days of May and 20 of June; the last ends with the period.
    const days = split("32.00", "2026-05-20T10:00:00Z", "2026-06-20T10:00:00Z");
    expect(days).toHaveLength(32);
    expect(days[0]).toMatchObject({ date: "2026-05-20", endsAt: at("2026-05-21T00:00:00Z") });
    expect(days[31]).toMatchObject({ date: "2026-06-20", endsAt: at("2026-06-20T10:00:00Z") });
    expect(firstDayEndsAt({ periodStart: at("2026-05-20T10:00:00Z"), periodEnd: at("2026-06-20T10:00:00Z"), timezone: "UTC" })).toEqual(at("2026-05-21T00:00:00Z"));
    // An end at midnight does not touch the day it opens.
    expect(split("16.00", "2026-01-16T00:00:00Z", "2026-02-01T00:00:00Z")).toHaveLength(16);
    // A period inside one day is that day, earned when the period ends.
    const [only, ...none] = split("5.00", "2026-03-03T10:00:00Z", "2026-03-03T18:00:00Z");
    expect(none).toEqual([]);
    expect(only).toMatchObject({ date: "2026-03-03", endsAt: at("2026-03-03T18:00:00Z") });
    expect(only!.amount.toFixed()).toBe("5");
    expect(firstDayEndsAt({ periodStart: at("2026-03-03T10:00:00Z"), periodEnd: at("2026-03-03T18:00:00Z"), timezone: "UTC" })).toEqual(at("2026-03-03T18:00:00Z"));
  });

  it("refuses an empty period and an unknown zone", () => {
    expect(() => split("1.00", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z")).toThrow(/empty/);
    expect(() => split("1.00", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "Mars/Olympus")).toThrow(/Unknown IANA timezone/);
  });

  it("always adds up to the line, with days in order and the last ending with the period (property)", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago"];
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 60_000, max: 100 * 86_400_000 }),
        fc.constantFrom(...zones),
        (cents, start, length, timezone) => {
          const amount = toDecimal(String(cents)).dividedBy(100);
          const period = { amount, currency: "USD", periodStart: new Date(start), periodEnd: new Date(start + length), timezone };
          const days = splitByDay(period);
          const plan = planDays(period);
          expect(sumDecimals(days.map((d) => d.amount)).equals(amount)).toBe(true);
          expect(plan.share(0, plan.count).equals(amount)).toBe(true);
          // Counting ended days from the date `now` is in agrees with each day's end.
          days.forEach((day, i) => {
            expect(plan.earnedBy(new Date(day.endsAt.getTime() - 1))).toBe(i);
            expect(plan.earnedBy(day.endsAt)).toBe(i + 1);
          });
          expect(days.at(-1)!.endsAt.getTime()).toBe(start + length);
          for (let i = 1; i < days.length; i++) expect(days[i]!.endsAt.getTime()).toBeGreaterThan(days[i - 1]!.endsAt.getTime());
          expect(new Set(days.slice(0, -1).map((d) => d.amount.toFixed())).size).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 150, seed: 20261203 },
    );
  });
});

describe("recognizing the days earned", () => {
  const march = planDays({ amount: "310.00", currency: "USD", periodStart: at("2026-03-01T05:00:00Z"), periodEnd: at("2026-04-01T04:00:00Z"), timezone: "America/New_York" });
  const schedule: ScheduleRef = { id: "s1", invoiceId: "inv", customerId: "c", currency: "USD", account: "revenue_subscription", finalizedAt: at("2026-03-01T06:00:00Z") };

  it("counts a day once it has ended", () => {
    expect(march.earnedBy(at("2026-03-01T05:00:00Z"))).toBe(0);
    expect(march.earnedBy(at("2026-03-02T04:59:59.999Z"))).toBe(0);
    expect(march.earnedBy(at("2026-03-02T05:00:00Z"))).toBe(1);
    // The last day ends with the period, not at its local midnight.
    expect(march.earnedBy(at("2026-04-01T03:59:59.999Z"))).toBe(30);
    expect(march.earnedBy(at("2026-04-01T04:00:00Z"))).toBe(31);
    expect(march.earnedBy(at("2026-05-01T00:00:00Z"))).toBe(31);
    expect(march.share(0, 31).toFixed()).toBe("310");
    expect(march.share(3, 5).toFixed()).toBe("20");
    expect(march.share(5, 5).toFixed()).toBe("0");
    expect(nextRecognitionAt(schedule, march, 1)).toEqual(at("2026-03-03T05:00:00Z"));
    expect(nextRecognitionAt(schedule, march, 31)).toBeNull();
  });

  it("posts deferred revenue to revenue, one entry per UTC month, each day at its last instant", () => {
    // Catching up all of March at once: New York's March 31 ends on April 1 in UTC.
    const [inMarch, inApril, ...rest] = recognitionEntries(schedule, march, 0, 31);
    expect(rest).toEqual([]);
    expect(inMarch).toMatchObject({ kind: "revenue_recognized", sourceKey: "revenue-recognized:s1:2026-03-30", occurredAt: at("2026-03-31T03:59:59.999Z"), invoiceId: "inv", customerId: "c" });
    expect(rows(inMarch!)).toEqual([
      ["deferred_revenue", "300", "0"],
      ["revenue_subscription", "0", "300"],
    ]);
    expect(inApril).toMatchObject({ sourceKey: "revenue-recognized:s1:2026-03-31", occurredAt: at("2026-04-01T03:59:59.999Z") });
    expect(rows(inApril!)).toEqual([
      ["deferred_revenue", "10", "0"],
      ["revenue_subscription", "0", "10"],
    ]);
    // The same days again are the same entries (the journal keeps one per source key).
    expect(recognitionEntries(schedule, march, 0, 31).map((d) => d.sourceKey)).toEqual([inMarch!.sourceKey, inApril!.sourceKey]);
  });

  it("never dates a day before its invoice was finalized, and a negative line recognizes the other way", () => {
    const late = { ...schedule, finalizedAt: at("2026-03-10T12:00:00Z") };
    const [first] = recognitionEntries(late, march, 0, 4);
    expect(first!.occurredAt).toEqual(at("2026-03-10T12:00:00Z"));
    expect(nextRecognitionAt(late, march, 0)).toEqual(at("2026-03-10T12:00:00Z"));
    const credit = planDays({ amount: "-3.00", currency: "USD", periodStart: at("2026-03-01T00:00:00Z"), periodEnd: at("2026-03-04T00:00:00Z"), timezone: "UTC" });
    expect(rows(recognitionEntries({ ...schedule, account: "revenue_usage" }, credit, 0, 3)[0]!)).toEqual([
      ["deferred_revenue", "0", "3"],
      ["revenue_usage", "3", "0"],
    ]);
  });

  it("moves what a voided invoice's schedules recognized back to deferred revenue", () => {
    const reversal = recognitionReversedEntry({ id: "inv", customerId: "c", currency: "USD", number: "INV-1", at: at("2026-03-11T00:00:00Z") }, [
      { account: "revenue_subscription", amount: "100" },
      { account: "revenue_commitment", amount: "50" },
      { account: "revenue_subscription", amount: "10" },
    ]);
    expect(reversal).toMatchObject({ kind: "invoice_voided", sourceKey: "invoice-voided-recognized:inv" });
    expect(rows(reversal)).toEqual([
      ["revenue_subscription", "110", "0"],
      ["revenue_commitment", "50", "0"],
      ["deferred_revenue", "0", "160"],
    ]);
  });

  it("schedules the lines finalize deferred, on the revenue account of their kind", () => {
    const scheduled = revenueSchedules(
      {
        id: "inv",
        customerId: "c",
        currency: "USD",
        finalizedAt: at("2026-03-01T00:30:00Z"),
        lines: [
          { position: 0, kind: "usage", amount: "12.00", periodStart: at("2026-02-01T00:00:00Z"), periodEnd: at("2026-03-01T00:00:00Z") },
          { position: 1, kind: "flat", amount: "310.00", periodStart: at("2026-03-01T00:00:00Z"), periodEnd: at("2026-04-01T00:00:00Z") },
          { position: 2, kind: "commitment", amount: "0.00", periodStart: at("2026-03-01T00:00:00Z"), periodEnd: at("2026-04-01T00:00:00Z") },
          { position: 3, kind: "commitment", amount: "90.00", periodStart: at("2026-02-27T00:00:00Z"), periodEnd: at("2026-03-27T00:00:00Z") },
        ],
      },
      "UTC",
    );
    expect(scheduled.map((s) => [s.position, s.account, s.amount.toFixed(), s.nextRecognitionAt.toISOString()])).toEqual([
      [1, "revenue_subscription", "310", "2026-03-02T00:00:00.000Z"],
      // Its first days ended before the invoice existed: due at once.
      [3, "revenue_commitment", "90", "2026-03-01T00:30:00.000Z"],
    ]);
  });
});
