import { describe, expect, it } from "vitest";
import type { ContractTerms, ChargeUsage } from "@/server/billing/contract-terms";
import { sumDecimals } from "@/server/billing/decimal";
import { closingLines, openingLines, trialEndLines, type PeriodLines } from "@/server/billing/period-lines";
import type { Charge, InvoiceLine, Period } from "@/server/billing/types";
import { utc } from "./expect-decimal";

function contract(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    interval: "month",
    anchor: "calendar",
    timezone: "UTC",
    currency: "USD",
    startsAt: utc("2026-01-01T00:00:00"),
    charges: [],
    ...overrides,
  };
}

const period = (start: string, end: string): Period => ({ start: utc(start), end: utc(end) });
const JANUARY = period("2026-01-01T00:00:00", "2026-02-01T00:00:00");
const FEBRUARY = period("2026-02-01T00:00:00", "2026-03-01T00:00:00");

/** Lines as plain strings, the shape the API returns them in. */
function summarize(lines: readonly InvoiceLine[]) {
  return lines.map((line) => ({
    kind: line.kind,
    description: line.description,
    amount: line.amount.toFixed(2),
    periodStart: line.periodStart.toISOString(),
    periodEnd: line.periodEnd.toISOString(),
  }));
}

function kindsAndAmounts(result: PeriodLines | null) {
  return result?.lines.map((line) => `${line.kind} ${line.amount.toFixed(2)}`);
}

function total(result: PeriodLines): string {
  return sumDecimals(result.lines.map((line) => line.amount)).toFixed(2);
}

const seat = (timing: "advance" | "arrears", amount = "30.00", prorate = true): Charge => ({
  type: "flat",
  name: "Seat",
  amount,
  timing,
  prorate,
});

const units = (unitPrice = "1.00"): Charge => ({ type: "usage", metric: "units", model: "per_unit", unitPrice });

describe("openingLines", () => {
  it("scenario 9: an advance flat fee for a contract starting Jan 16 is prorated 16/31 → 15.48", () => {
    const result = openingLines({ contract: contract({ startsAt: utc("2026-01-16T00:00:00"), charges: [seat("advance")] }) });
    expect(result?.period).toEqual(period("2026-01-16T00:00:00", "2026-02-01T00:00:00"));
    expect(summarize(result?.lines ?? [])).toEqual([
      {
        kind: "flat",
        description: "Seat (16/31 days)",
        amount: "15.48",
        periodStart: "2026-01-16T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
    ]);
    expect(result?.lines[0]?.unitPrice).toBeUndefined();
  });

  it("a full first period charges the full fee with its unit price", () => {
    const result = openingLines({ contract: contract({ charges: [seat("advance")] }) });
    expect(kindsAndAmounts(result)).toEqual(["flat 30.00"]);
    expect(result?.lines[0]?.unitPrice?.toFixed(2)).toBe("30.00");
    expect(result?.lines[0]?.description).toBe("Seat");
    expect(result?.lines[0]?.chargeIndex).toBe(0);
  });

  it("prorate: false charges the full amount for a partial period", () => {
    const result = openingLines({ contract: contract({ startsAt: utc("2026-01-16T00:00:00"), charges: [seat("advance", "30.00", false)] }) });
    expect(kindsAndAmounts(result)).toEqual(["flat 30.00"]);
  });

  it("scenario 14: a prepaid commitment is billed in advance", () => {
    const result = openingLines({ contract: contract({ charges: [units()], commitment: { type: "prepaid", amount: "100.00" } }) });
    expect(summarize(result?.lines ?? [])).toEqual([
      {
        kind: "commitment",
        description: "Prepaid commitment",
        amount: "100.00",
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
    ]);
  });

  it("a prepaid commitment of a partial first period is prorated", () => {
    const result = openingLines({
      contract: contract({ startsAt: utc("2026-01-16T00:00:00"), commitment: { type: "prepaid", amount: "31.00" } }),
    });
    expect(kindsAndAmounts(result)).toEqual(["commitment 16.00"]);
  });

  it("BILLING.md quarterly example: [May 20 10:00, Jun 20 10:00) pays 32/91 of the quarter", () => {
    const c = contract({
      interval: "quarter",
      startsAt: utc("2026-05-20T10:00:00"),
      endsAt: utc("2026-06-20T10:00:00"),
      charges: [seat("advance", "91.00")],
      commitment: { type: "prepaid", amount: "182.00" },
    });
    expect(kindsAndAmounts(openingLines({ contract: c }))).toEqual(["flat 32.00", "commitment 64.00"]);
  });

  it("nothing in advance without advance items (no lines → no invoice)", () => {
    expect(openingLines({ contract: contract({ charges: [units(), seat("arrears")] }) })?.lines).toEqual([]);
  });

  it("null when the contract has no period", () => {
    expect(openingLines({ contract: contract({ endsAt: utc("2026-01-01T00:00:00") }) })).toBeNull();
  });

  it("rounds to the currency: JPY", () => {
    const result = openingLines({
      contract: contract({ currency: "JPY", startsAt: utc("2026-01-16T00:00:00"), charges: [seat("advance", "1000")] }),
    });
    // 1000 × 16/31 = 516.13
    expect(result?.lines[0]?.amount.toFixed()).toBe("516");
  });
});

describe("closingLines: arrears items", () => {
  it("scenario 1: a usage charge yields a line even at zero quantity", () => {
    const c = contract({ charges: [units("0.05")] });
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [] }))).toEqual(["usage 0.00"]);
    const used = closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "1000" }] });
    expect(kindsAndAmounts(used)).toEqual(["usage 50.00"]);
    expect(used.lines[0]).toMatchObject({ metric: "units", description: "units", chargeIndex: 0 });
    expect(used.lines[0]?.quantity.toFixed()).toBe("1000");
    expect(used.lines[0]?.unitPrice?.toFixed()).toBe("0.05");
    expect(used.lines[0]?.periodStart).toEqual(JANUARY.start);
    expect(used.lines[0]?.periodEnd).toEqual(JANUARY.end);
  });

  it("a zero line of a graduated charge still bills the first tier's flat fee (scenario 5, c2)", () => {
    const c = contract({
      charges: [
        {
          type: "usage",
          metric: "units",
          model: "graduated",
          tiers: [
            { upTo: "5", unitPrice: "5", flatFee: "10" },
            { upTo: null, unitPrice: "4", flatFee: "20" },
          ],
        },
      ],
    });
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [] }))).toEqual(["usage 10.00"]);
  });

  it("groupBy: one line per group that had events, each priced and rounded separately", () => {
    const c = contract({ charges: [{ type: "usage", name: "Requests", metric: "requests", groupBy: ["region"], model: "per_unit", unitPrice: "0.001" }] });
    const usage: ChargeUsage[] = [
      { chargeIndex: 0, group: { region: "eu" }, quantity: "5" },
      { chargeIndex: 0, group: { region: "us" }, quantity: "5" },
    ];
    const result = closingLines({ contract: c, period: JANUARY, usage });
    // 0.005 each: rounded per line, half-up
    expect(kindsAndAmounts(result)).toEqual(["usage 0.01", "usage 0.01"]);
    expect(result.lines.map((line) => [line.description, line.group])).toEqual([
      ["Requests (region: eu)", { region: "eu" }],
      ["Requests (region: us)", { region: "us" }],
    ]);
  });

  it("groupBy with no events: one zero line without a group", () => {
    const c = contract({ charges: [{ type: "usage", metric: "requests", groupBy: ["region"], model: "per_unit", unitPrice: "1" }] });
    const result = closingLines({ contract: c, period: JANUARY, usage: [] });
    expect(kindsAndAmounts(result)).toEqual(["usage 0.00"]);
    expect(result.lines[0]?.group).toBeUndefined();
  });

  it("rounds a line once, after the whole line is computed (never per tier)", () => {
    const c = contract({
      charges: [
        {
          type: "usage",
          metric: "units",
          model: "graduated",
          tiers: [
            { upTo: "1", unitPrice: "0.004" },
            { upTo: null, unitPrice: "0.004" },
          ],
        },
      ],
    });
    // per tier: 0.00 + 0.00; whole line: 0.008 → 0.01
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "2" }] }))).toEqual([
      "usage 0.01",
    ]);
  });

  it("percentage with per-event min/max prices from the events' values", () => {
    const c = contract({
      charges: [{ type: "usage", metric: "amount", model: "percentage", rate: "0.01", minPerEvent: "0.50", maxPerEvent: "5" }],
    });
    const usage: ChargeUsage[] = [{ chargeIndex: 0, quantity: "1110", eventCount: 3, eventValues: ["10", "100", "1000"] }];
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage }))).toEqual(["usage 6.50"]);
  });

  it("scenario 8: arrears flat fee, usage and a minimum true-up in plan order", () => {
    const c = contract({ charges: [{ ...seat("arrears", "50.00"), name: "Platform" }, units("10")], commitment: { type: "minimum", amount: "100.00" } });
    const result = closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 1, quantity: "3" }] });
    expect(kindsAndAmounts(result)).toEqual(["flat 50.00", "usage 30.00", "commitment 20.00"]);
    expect(result.lines[2]?.description).toBe("Minimum commitment true-up");
    expect(total(result)).toBe("100.00");
  });

  it("no true-up line when spending reaches the minimum", () => {
    const c = contract({ charges: [units("10")], commitment: { type: "minimum", amount: "100.00" } });
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "12" }] }))).toEqual([
      "usage 120.00",
    ]);
  });

  it("advance flat fees of the period count toward the minimum", () => {
    const c = contract({ charges: [seat("advance", "50.00"), units("10")], commitment: { type: "minimum", amount: "100.00" } });
    const result = closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 1, quantity: "3" }] });
    expect(kindsAndAmounts(result)).toEqual(["usage 30.00", "commitment 20.00", "flat 50.00"]);
    expect(result.lines[2]?.periodStart).toEqual(FEBRUARY.start);
  });

  it("a minimum of a partial period is prorated", () => {
    const c = contract({ startsAt: utc("2026-01-16T00:00:00"), charges: [units("1")], commitment: { type: "minimum", amount: "31.00" } });
    const first = period("2026-01-16T00:00:00", "2026-02-01T00:00:00");
    const result = closingLines({ contract: c, period: first, usage: [{ chargeIndex: 0, quantity: "6" }] });
    expect(kindsAndAmounts(result)).toEqual(["usage 6.00", "commitment 10.00"]);
    expect(result.lines[1]?.periodStart).toEqual(first.start);
  });

  it("an arrears flat fee of a partial period is prorated", () => {
    const c = contract({ startsAt: utc("2026-01-16T00:00:00"), charges: [seat("arrears")] });
    const result = closingLines({ contract: c, period: period("2026-01-16T00:00:00", "2026-02-01T00:00:00"), usage: [] });
    expect(kindsAndAmounts(result)).toEqual(["flat 15.48"]);
  });

  it("scenario 16: a New York contract closes at New York midnight", () => {
    const c = contract({ timezone: "America/New_York", startsAt: utc("2026-01-01T05:00:00"), charges: [units()] });
    const january = period("2026-01-01T05:00:00", "2026-02-01T05:00:00");
    const result = closingLines({ contract: c, period: january, usage: [{ chargeIndex: 0, quantity: "2" }] });
    expect(total(result)).toBe("2.00");
    expect(() => closingLines({ contract: c, period: JANUARY, usage: [] })).toThrow(/not a period of this contract/);
  });
});

describe("closingLines: prepaid commitment", () => {
  const c = contract({ charges: [units()], commitment: { type: "prepaid", amount: "100.00" } });

  it("scenario 14: usage, then the drawdown credit, then next period's commitment", () => {
    const result = closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "130" }] });
    expect(summarize(result.lines)).toEqual([
      {
        kind: "usage",
        description: "units",
        amount: "130.00",
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
      {
        kind: "credit",
        description: "Prepaid commitment applied",
        amount: "-100.00",
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
      {
        kind: "commitment",
        description: "Prepaid commitment",
        amount: "100.00",
        periodStart: "2026-02-01T00:00:00.000Z",
        periodEnd: "2026-03-01T00:00:00.000Z",
      },
    ]);
    expect(total(result)).toBe("130.00");
  });

  it("usage under the commitment is fully covered; the unused rest expires", () => {
    const result = closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "40" }] });
    expect(kindsAndAmounts(result)).toEqual(["usage 40.00", "credit -40.00", "commitment 100.00"]);
  });

  it("no drawdown line when there was no usage", () => {
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [] }))).toEqual(["usage 0.00", "commitment 100.00"]);
  });

  it("the drawdown of a partial first period is capped at the prorated commitment billed", () => {
    const partial = contract({ ...c, startsAt: utc("2026-01-16T00:00:00") });
    const result = closingLines({
      contract: partial,
      period: period("2026-01-16T00:00:00", "2026-02-01T00:00:00"),
      usage: [{ chargeIndex: 0, quantity: "130" }],
    });
    // 100 × 16/31 = 51.61
    expect(kindsAndAmounts(result)).toEqual(["usage 130.00", "credit -51.61", "commitment 100.00"]);
  });

  it("the drawdown follows all of the period's usage lines", () => {
    const mixed = contract({ ...c, charges: [units(), seat("arrears", "5.00"), units("2.00")] });
    const usage: ChargeUsage[] = [
      { chargeIndex: 0, quantity: "10" },
      { chargeIndex: 2, quantity: "10" },
    ];
    const kinds = kindsAndAmounts(closingLines({ contract: mixed, period: JANUARY, usage }));
    expect(kinds).toEqual(["usage 10.00", "flat 5.00", "usage 20.00", "credit -30.00", "commitment 100.00"]);
  });
});

describe("closingLines: the next period", () => {
  it("scenario 9: the closing invoice carries the next full period's advance fee", () => {
    const c = contract({ startsAt: utc("2026-01-16T00:00:00"), charges: [seat("advance")] });
    const result = closingLines({ contract: c, period: period("2026-01-16T00:00:00", "2026-02-01T00:00:00"), usage: [] });
    expect(summarize(result.lines)).toEqual([
      { kind: "flat", description: "Seat", amount: "30.00", periodStart: "2026-02-01T00:00:00.000Z", periodEnd: "2026-03-01T00:00:00.000Z" },
    ]);
  });

  it("no advance items when the contract ends with the period", () => {
    const c = contract({ endsAt: JANUARY.end, charges: [seat("advance")], commitment: { type: "prepaid", amount: "10" } });
    expect(closingLines({ contract: c, period: JANUARY, usage: [] }).lines).toEqual([]);
  });

  it("a last period cut short by endsAt prorates the next advance fee", () => {
    const c = contract({ endsAt: utc("2026-02-15T00:00:00"), charges: [seat("advance", "28.00")] });
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [] }))).toEqual(["flat 14.00"]);
  });
});

describe("trials", () => {
  const trialContract = (overrides: Partial<ContractTerms> = {}) =>
    contract({ trialDays: 14, charges: [seat("advance", "31.00"), seat("arrears", "62.00"), units()], ...overrides });

  it("no advance items at the start while the trial runs", () => {
    expect(openingLines({ contract: trialContract() })?.lines).toEqual([]);
  });

  it("advance fees for the rest of the period are invoiced when the trial ends, prorated", () => {
    const result = trialEndLines({ contract: trialContract() });
    expect(result?.period).toEqual(period("2026-01-15T00:00:00", "2026-02-01T00:00:00"));
    // 31 × 17/31
    expect(summarize(result?.lines ?? [])).toEqual([
      {
        kind: "flat",
        description: "Seat (17/31 days)",
        amount: "17.00",
        periodStart: "2026-01-15T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
    ]);
  });

  it("usage is never waived; arrears fees start at the trial's end", () => {
    const result = closingLines({ contract: trialContract(), period: JANUARY, usage: [{ chargeIndex: 2, quantity: "7" }] });
    // arrears 62 × 17/31 = 34; then February's advance fee in full
    expect(kindsAndAmounts(result)).toEqual(["flat 34.00", "usage 7.00", "flat 31.00"]);
    expect(result.lines[0]?.periodStart).toEqual(utc("2026-01-15T00:00:00"));
    expect(result.lines[1]?.periodStart).toEqual(JANUARY.start);
  });

  it("a trial covering whole periods waives their flat fees and commitments", () => {
    const c = contract({
      interval: "week",
      startsAt: utc("2026-01-05T00:00:00"), // a Monday
      trialDays: 10, // ends Thursday Jan 15
      charges: [seat("advance", "7.00"), units()],
      commitment: { type: "minimum", amount: "70.00" },
    });
    const week1 = period("2026-01-05T00:00:00", "2026-01-12T00:00:00");
    const week2 = period("2026-01-12T00:00:00", "2026-01-19T00:00:00");
    expect(kindsAndAmounts(closingLines({ contract: c, period: week1, usage: [] }))).toEqual(["usage 0.00"]);
    expect(kindsAndAmounts(trialEndLines({ contract: c }))).toEqual(["flat 4.00"]);
    // week 2: minimum 70 × 4/7 = 40, flat 4 (billed at trial end), usage 1 → true-up 35; then week 3 in full
    expect(kindsAndAmounts(closingLines({ contract: c, period: week2, usage: [{ chargeIndex: 1, quantity: "1" }] }))).toEqual([
      "usage 1.00",
      "commitment 35.00",
      "flat 7.00",
    ]);
  });

  it("a trial ending on a period boundary needs no trial-end invoice", () => {
    const c = trialContract({ trialDays: 31 });
    expect(trialEndLines({ contract: c })).toBeNull();
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [] }))).toEqual(["usage 0.00", "flat 31.00"]);
  });

  it("no trial-end invoice without a trial or when the contract ended first", () => {
    expect(trialEndLines({ contract: contract({ charges: [seat("advance")] }) })).toBeNull();
    expect(trialEndLines({ contract: trialContract({ endsAt: utc("2026-01-10T00:00:00") }) })).toBeNull();
  });

  it("trial days are local calendar days (New York, across the March DST change)", () => {
    const c = trialContract({ timezone: "America/New_York", startsAt: utc("2026-03-01T05:00:00") });
    const result = trialEndLines({ contract: c });
    // Mar 15 00:00 EDT
    expect(result?.period.start).toEqual(utc("2026-03-15T04:00:00"));
    expect(result?.lines[0]?.description).toBe("Seat (17/31 days)");
  });

  it("a prepaid commitment follows the flat-fee schedule", () => {
    const c = contract({ trialDays: 14, charges: [units()], commitment: { type: "prepaid", amount: "31.00" } });
    expect(openingLines({ contract: c })?.lines).toEqual([]);
    expect(kindsAndAmounts(trialEndLines({ contract: c }))).toEqual(["commitment 17.00"]);
    expect(kindsAndAmounts(closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "20" }] }))).toEqual([
      "usage 20.00",
      "credit -17.00",
      "commitment 31.00",
    ]);
  });
});

describe("immediate cancellation", () => {
  const cancelledAt = utc("2026-01-11T00:00:00");
  const usedJanuary = period("2026-01-01T00:00:00", "2026-01-11T00:00:00");

  it("arrears fees prorated to the used days, a credit for the unused days of advance fees", () => {
    const c = contract({ endsAt: cancelledAt, charges: [seat("advance", "31.00"), seat("arrears", "62.00"), units()] });
    const result = closingLines({ contract: c, period: usedJanuary, usage: [{ chargeIndex: 2, quantity: "3" }], advanceBilledUntil: JANUARY.end });
    expect(summarize(result.lines)).toEqual([
      {
        kind: "flat",
        description: "Seat (10/31 days)",
        amount: "20.00",
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-01-11T00:00:00.000Z",
      },
      {
        kind: "usage",
        description: "units",
        amount: "3.00",
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-01-11T00:00:00.000Z",
      },
      {
        kind: "credit",
        description: "Unused time: Seat (21/31 days)",
        amount: "-21.00",
        periodStart: "2026-01-11T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
    ]);
    expect(result.lines[2]?.chargeIndex).toBe(0);
  });

  it("the cancellation day counts as used when cancelled during it", () => {
    const at = utc("2026-01-11T12:00:00");
    const c = contract({ endsAt: at, charges: [seat("advance", "31.00")] });
    const result = closingLines({ contract: c, period: { start: JANUARY.start, end: at }, usage: [], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(result)).toEqual(["credit -20.00"]);
  });

  it("no credit for a fee with prorate: false, which also charges arrears in full", () => {
    const c = contract({ endsAt: cancelledAt, charges: [seat("advance", "31.00", false), seat("arrears", "62.00", false)] });
    const result = closingLines({ contract: c, period: usedJanuary, usage: [], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(result)).toEqual(["flat 62.00"]);
  });

  it("no credit when nothing was billed past the end (a fixed-term contract)", () => {
    const c = contract({ endsAt: cancelledAt, charges: [seat("advance", "31.00")] });
    expect(closingLines({ contract: c, period: usedJanuary, usage: [] }).lines).toEqual([]);
    expect(closingLines({ contract: c, period: usedJanuary, usage: [], advanceBilledUntil: cancelledAt }).lines).toEqual([]);
  });

  it("a prepaid commitment: drawdown capped at the used days, a credit for the unused ones", () => {
    const c = contract({ endsAt: cancelledAt, charges: [units()], commitment: { type: "prepaid", amount: "100.00" } });
    const result = closingLines({ contract: c, period: usedJanuary, usage: [{ chargeIndex: 0, quantity: "50" }], advanceBilledUntil: JANUARY.end });
    // allowance 100 × 10/31 = 32.26; unused 100 × 21/31 = 67.74
    expect(result.lines.map((line) => [line.description, line.amount.toFixed(2)])).toEqual([
      ["units", "50.00"],
      ["Prepaid commitment applied", "-32.26"],
      ["Unused time: prepaid commitment", "-67.74"],
    ]);
  });

  it("a minimum is prorated to the used days and counts the advance fee net of its credit", () => {
    const c = contract({ endsAt: cancelledAt, charges: [seat("advance", "31.00"), units()], commitment: { type: "minimum", amount: "62.00" } });
    const result = closingLines({ contract: c, period: usedJanuary, usage: [{ chargeIndex: 1, quantity: "5" }], advanceBilledUntil: JANUARY.end });
    // minimum 62 × 10/31 = 20; spent: seat 31 − 21 = 10, usage 5 → true-up 5
    expect(kindsAndAmounts(result)).toEqual(["usage 5.00", "commitment 5.00", "credit -21.00"]);
  });

  it("a cancelled anniversary period prorates against the full anniversary interval", () => {
    const c = contract({
      anchor: "anniversary",
      startsAt: utc("2026-01-15T00:00:00"),
      endsAt: utc("2026-01-20T00:00:00"),
      charges: [seat("arrears", "31.00")],
    });
    const result = closingLines({ contract: c, period: period("2026-01-15T00:00:00", "2026-01-20T00:00:00"), usage: [] });
    // 5 of the 31 days of [Jan 15, Feb 15)
    expect(kindsAndAmounts(result)).toEqual(["flat 5.00"]);
  });

  it("refuses a period the contract does not have (endsAt must be the cancellation)", () => {
    const c = contract({ charges: [seat("advance")] });
    expect(() => closingLines({ contract: c, period: usedJanuary, usage: [] })).toThrow(/not a period of this contract/);
  });
});

describe("plan change", () => {
  it("= cancellation of the old contract at `at` + a new contract from `at` on the same anchor", () => {
    const at = utc("2026-01-11T00:00:00");
    const oldPlan = contract({ endsAt: at, charges: [seat("advance", "31.00")] });
    const newPlan = contract({ startsAt: at, charges: [{ ...seat("advance", "62.00"), name: "Pro seat" }] });
    const closing = closingLines({ contract: oldPlan, period: { start: JANUARY.start, end: at }, usage: [], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(closing)).toEqual(["credit -21.00"]);
    const opening = openingLines({ contract: newPlan });
    expect(opening?.period).toEqual({ start: at, end: JANUARY.end });
    expect(kindsAndAmounts(opening)).toEqual(["flat 42.00"]);
  });
});

describe("plan change: the day holding `at` belongs to the new contract", () => {
  const at = utc("2026-01-11T15:00:00");
  const oldPeriod = { start: JANUARY.start, end: at };

  it("the old contract's used days are the days before the change day: Jan 1–10, 21 days credited", () => {
    const oldPlan = contract({ endsAt: at, endedByPlanChange: true, charges: [seat("advance", "31.00")] });
    const closing = closingLines({ contract: oldPlan, period: oldPeriod, usage: [], advanceBilledUntil: JANUARY.end });
    expect(closing.lines.map((l) => [l.description, l.amount.toFixed(2)])).toEqual([["Unused time: Seat (21/31 days)", "-21.00"]]);
    // The new contract's first period touches Jan 11–31: 21 days. 10 + 21 = 31, no day twice.
    const opening = openingLines({ contract: contract({ startsAt: at, charges: [seat("advance", "31.00")] }) });
    expect(opening?.lines.map((l) => [l.description, l.amount.toFixed(2)])).toEqual([["Seat (21/31 days)", "21.00"]]);
  });

  it("a plain cancellation at the same instant counts its day as used", () => {
    const cancelled = contract({ endsAt: at, charges: [seat("advance", "31.00")] });
    const closing = closingLines({ contract: cancelled, period: oldPeriod, usage: [], advanceBilledUntil: JANUARY.end });
    expect(closing.lines.map((l) => [l.description, l.amount.toFixed(2)])).toEqual([["Unused time: Seat (20/31 days)", "-20.00"]]);
  });

  it("arrears fees, minimums and prepaid commitments count the same used days", () => {
    const oldPlan = contract({ endsAt: at, endedByPlanChange: true, charges: [seat("arrears", "62.00"), units()], commitment: { type: "minimum", amount: "93.00" } });
    const closing = closingLines({ contract: oldPlan, period: oldPeriod, usage: [{ chargeIndex: 1, quantity: "5" }], advanceBilledUntil: JANUARY.end });
    // seat 62 × 10/31 = 20; minimum 93 × 10/31 = 30; spent 20 + 5 → true-up 5
    expect(kindsAndAmounts(closing)).toEqual(["flat 20.00", "usage 5.00", "commitment 5.00"]);
    const prepaid = contract({ endsAt: at, endedByPlanChange: true, charges: [units()], commitment: { type: "prepaid", amount: "31.00" } });
    const drawn = closingLines({ contract: prepaid, period: oldPeriod, usage: [{ chargeIndex: 0, quantity: "50" }], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(drawn)).toEqual(["usage 50.00", "credit -10.00", "credit -21.00"]);
  });

  it("a change on the period's first day leaves the old contract no used day: the advance fee is credited in full", () => {
    const firstDay = utc("2026-01-01T10:00:00");
    const oldPlan = contract({ endsAt: firstDay, endedByPlanChange: true, charges: [seat("advance", "31.00"), seat("arrears", "62.00")] });
    const closing = closingLines({ contract: oldPlan, period: { start: JANUARY.start, end: firstDay }, usage: [], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(closing)).toEqual(["flat 0.00", "credit -31.00"]);
  });

  it("a change exactly at local midnight moves no day: the days before it are used", () => {
    const midnight = utc("2026-01-11T00:00:00");
    const oldPlan = contract({ endsAt: midnight, endedByPlanChange: true, charges: [seat("advance", "31.00")] });
    const closing = closingLines({ contract: oldPlan, period: { start: JANUARY.start, end: midnight }, usage: [], advanceBilledUntil: JANUARY.end });
    expect(kindsAndAmounts(closing)).toEqual(["credit -21.00"]);
  });

  it("the day is the customer's local day: 02:00 UTC on Jan 11 is still Jan 10 in New York", () => {
    const nyAt = utc("2026-01-11T02:00:00");
    const nyJanuary = { start: utc("2026-01-01T05:00:00"), end: utc("2026-02-01T05:00:00") };
    const oldPlan = contract({ timezone: "America/New_York", startsAt: nyJanuary.start, endsAt: nyAt, endedByPlanChange: true, charges: [seat("advance", "31.00")] });
    const closing = closingLines({ contract: oldPlan, period: { start: nyJanuary.start, end: nyAt }, usage: [], advanceBilledUntil: nyJanuary.end });
    // Used Jan 1–9 local; Jan 10 (local) belongs to the new plan: 22 days credited.
    expect(kindsAndAmounts(closing)).toEqual(["credit -22.00"]);
  });

  it("only the final period is affected", () => {
    const later = utc("2026-02-11T15:00:00");
    const oldPlan = contract({ endsAt: later, endedByPlanChange: true, charges: [seat("arrears", "31.00")] });
    expect(kindsAndAmounts(closingLines({ contract: oldPlan, period: JANUARY, usage: [] }))).toEqual(["flat 31.00"]);
  });
});

describe("usage input validation", () => {
  const c = contract({ charges: [seat("arrears"), units(), { type: "usage", metric: "r", groupBy: ["region"], model: "per_unit", unitPrice: "1" }] });

  it("refuses usage for a charge that is not a usage charge", () => {
    expect(() => closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 0, quantity: "1" }] })).toThrow(/not a usage charge/);
    expect(() => closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 9, quantity: "1" }] })).toThrow(/not a usage charge/);
  });

  it("refuses several entries for a charge without groupBy", () => {
    const usage: ChargeUsage[] = [
      { chargeIndex: 1, quantity: "1" },
      { chargeIndex: 1, quantity: "2" },
    ];
    expect(() => closingLines({ contract: c, period: JANUARY, usage })).toThrow(/no groupBy/);
  });

  it("refuses a grouped charge's entry without its group", () => {
    expect(() => closingLines({ contract: c, period: JANUARY, usage: [{ chargeIndex: 2, quantity: "1" }] })).toThrow(/has no group/);
  });
});
