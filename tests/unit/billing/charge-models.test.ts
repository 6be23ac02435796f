import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { incrementalCost, priceUsage } from "@/server/billing/charge-models";
import { findChargeModelIssues, InvalidChargeModelError } from "@/server/billing/charge-validation";
import { findVolumeTierIndex } from "@/server/billing/tier-pricing";
import type { Tier, UsageChargeModel } from "@/server/billing/types";
import { d, expectDecimal } from "./expect-decimal";

const price = (charge: UsageChargeModel, quantity: string) => priceUsage(charge, { quantity });

describe("per_unit", () => {
  const charge: UsageChargeModel = { model: "per_unit", unitPrice: "0.05" };

  it("prices q × unitPrice", () => {
    expectDecimal(price(charge, "1000"), "50");
  });

  it("prices zero usage at zero", () => {
    expectDecimal(price(charge, "0"), "0");
  });

  it("keeps fractional quantities and 12-decimal token prices exact", () => {
    expectDecimal(price({ model: "per_unit", unitPrice: "0.000002" }, "1234567"), "2.469134");
    expectDecimal(price({ model: "per_unit", unitPrice: "0.000000000001" }, "1000000000000000"), "1000");
    expectDecimal(price(charge, "2.5"), "0.125");
  });

  it("does not round: rounding is the invoice line's job", () => {
    expectDecimal(price({ model: "per_unit", unitPrice: "0.001" }, "5"), "0.005");
  });

  it("prices a negative net quantity at zero", () => {
    expectDecimal(price(charge, "-10"), "0");
  });

  it("accepts Decimal quantities from another decimal.js constructor without losing precision", () => {
    const low = Decimal.clone({ precision: 5 });
    const amount = priceUsage({ model: "per_unit", unitPrice: "0.000001" }, { quantity: new low("123456789") });
    expectDecimal(amount, "123.456789");
  });

  it("rejects a non-decimal string", () => {
    expect(() => price(charge, "12abc")).toThrow(/decimal/);
  });
});

// BILLING.md: tiers [0–1000 @ 0.01, 1001–∞ @ 0.008]
const rulebookTiers: Tier[] = [
  { upTo: "1000", unitPrice: "0.01" },
  { upTo: null, unitPrice: "0.008" },
];

// Stripe's example: 1–5 @ 7, 6–10 @ 6.50, 11+ @ 6
const stripeTiers: Tier[] = [
  { upTo: "5", unitPrice: "7.00" },
  { upTo: "10", unitPrice: "6.50" },
  { upTo: null, unitPrice: "6.00" },
];

const flatFeeTiers: Tier[] = [
  { upTo: "5", unitPrice: "5.00", flatFee: "10.00" },
  { upTo: "10", unitPrice: "4.00", flatFee: "20.00" },
  { upTo: "15", unitPrice: "3.00", flatFee: "30.00" },
  { upTo: "20", unitPrice: "2.00", flatFee: "40.00" },
  { upTo: null, unitPrice: "1.00", flatFee: "50.00" },
];

describe("graduated", () => {
  const graduated = (tiers: Tier[]): UsageChargeModel => ({ model: "graduated", tiers });

  it("BILLING.md example: q = 1500 → 1000 × 0.01 + 500 × 0.008 = 14.00", () => {
    expectDecimal(price(graduated(rulebookTiers), "1500"), "14");
  });

  it.each([
    ["0", "0"],
    ["1", "7"],
    ["5", "35"], // exactly at upTo: all in tier 1
    ["5.5", "38.25"], // fractional just above: 0.5 units in tier 2
    ["6", "41.5"],
    ["10", "67.5"],
    ["11", "73.5"],
    ["20", "127.5"],
    ["25", "157.5"],
  ])("Stripe tiers, q = %s → %s", (q, expected) => {
    expectDecimal(price(graduated(stripeTiers), q), expected);
  });

  it("q = 100.5 puts 0.5 units in the tier after upTo 100", () => {
    const tiers: Tier[] = [
      { upTo: "100", unitPrice: "1" },
      { upTo: null, unitPrice: "0.1" },
    ];
    expectDecimal(price(graduated(tiers), "100"), "100");
    expectDecimal(price(graduated(tiers), "100.5"), "100.05");
  });

  it("adds each tier's flatFee once when the tier has units (Stripe flat amounts: q = 12 → 111)", () => {
    // 5×5+10 + 5×4+20 + 2×3+30 = 35 + 40 + 36
    expectDecimal(price(graduated(flatFeeTiers), "12"), "111");
  });

  it("adds the next tier's flatFee as soon as any fraction of a unit is in it", () => {
    expectDecimal(price(graduated(flatFeeTiers), "5"), "35");
    expectDecimal(price(graduated(flatFeeTiers), "5.001"), "55.004");
  });

  it("bills the first tier's flatFee at q = 0", () => {
    expectDecimal(price(graduated(flatFeeTiers), "0"), "10");
  });

  it("bills nothing at q = 0 without a first-tier flatFee", () => {
    expectDecimal(price(graduated(rulebookTiers), "0"), "0");
  });

  it("a zero first tier avoids the flat fee at q = 0", () => {
    const tiers: Tier[] = [
      { upTo: "0", unitPrice: "0" },
      { upTo: null, unitPrice: "2", flatFee: "5" },
    ];
    expectDecimal(price(graduated(tiers), "0"), "0");
    expectDecimal(price(graduated(tiers), "0.5"), "6");
  });

  it("fills a single unbounded tier", () => {
    expectDecimal(price(graduated([{ upTo: null, unitPrice: "3", flatFee: "1" }]), "4"), "13");
  });
});

describe("volume", () => {
  const volume = (tiers: Tier[]): UsageChargeModel => ({ model: "volume", tiers });

  it("BILLING.md example: q = 1500 → 1500 × 0.008 = 12.00", () => {
    expectDecimal(price(volume(rulebookTiers), "1500"), "12");
  });

  it("q = 1000 (exactly upTo) stays in the first tier; 1000.5 moves up", () => {
    expectDecimal(price(volume(rulebookTiers), "1000"), "10");
    expectDecimal(price(volume(rulebookTiers), "1000.5"), "8.004");
  });

  it.each([
    ["0", "0"],
    ["1", "7"],
    ["5", "35"],
    ["5.5", "35.75"],
    ["6", "39"],
    ["10", "65"],
    ["10.5", "63"],
    ["20", "120"],
    ["25", "150"],
  ])("Stripe tiers, q = %s → %s", (q, expected) => {
    expectDecimal(price(volume(stripeTiers), q), expected);
  });

  it("adds the matched tier's flatFee only (Stripe flat amounts: q = 12 → 12 × 3 + 30 = 66)", () => {
    expectDecimal(price(volume(flatFeeTiers), "12"), "66");
  });

  it.each([
    ["0", "10"], // first tier's flatFee at q = 0
    ["5", "35"],
    ["5.01", "40.04"],
    ["20", "80"],
    ["21", "71"],
  ])("flat-fee tiers, q = %s → %s", (q, expected) => {
    expectDecimal(price(volume(flatFeeTiers), q), expected);
  });

  it("a zero first tier makes q = 0 free", () => {
    const tiers: Tier[] = [
      { upTo: "0", unitPrice: "0" },
      { upTo: null, unitPrice: "2", flatFee: "5" },
    ];
    expectDecimal(price(volume(tiers), "0"), "0");
    expectDecimal(price(volume(tiers), "0.5"), "6");
  });

  it("finds the tier q falls in with upTo inclusive", () => {
    expect(findVolumeTierIndex(stripeTiers, d("0"))).toBe(0);
    expect(findVolumeTierIndex(stripeTiers, d("5"))).toBe(0);
    expect(findVolumeTierIndex(stripeTiers, d("5.0000001"))).toBe(1);
    expect(findVolumeTierIndex(stripeTiers, d("10"))).toBe(1);
    expect(findVolumeTierIndex(stripeTiers, d("1000000"))).toBe(2);
  });
});

describe("package", () => {
  const pkg = (packageSize: string, packagePrice: string, freeUnits?: string): UsageChargeModel => ({
    model: "package",
    packageSize,
    packagePrice,
    ...(freeUnits === undefined ? {} : { freeUnits }),
  });

  it("BILLING.md example: size 1000 @ 5.00, q = 2001 → 3 × 5 = 15.00", () => {
    expectDecimal(price(pkg("1000", "5.00"), "2001"), "15");
  });

  it("BILLING.md example: q = 0 → 0", () => {
    expectDecimal(price(pkg("1000", "5.00"), "0"), "0");
  });

  it.each([
    ["1", "5"],
    ["999", "5"],
    ["1000", "5"],
    ["1000.5", "10"],
    ["2000", "10"],
  ])("size 1000 @ 5, q = %s → %s (a started package is a whole package)", (q, expected) => {
    expectDecimal(price(pkg("1000", "5"), q), expected);
  });

  it.each([
    ["0", "0"],
    ["100", "0"],
    ["101", "5"],
    ["200", "5"],
    ["201", "10"],
  ])("100 free, size 100 @ 5, q = %s → %s", (q, expected) => {
    expectDecimal(price(pkg("100", "5.00", "100"), q), expected);
  });

  it("handles fractional package sizes exactly", () => {
    expectDecimal(price(pkg("0.1", "1"), "0.3"), "3");
    expectDecimal(price(pkg("0.1", "1"), "0.30001"), "4");
  });

  it("rejects a zero package size", () => {
    expect(() => price(pkg("0", "1"), "1")).toThrow(InvalidChargeModelError);
  });
});

describe("percentage", () => {
  it("rate × q", () => {
    expectDecimal(price({ model: "percentage", rate: "0.029" }, "1000"), "29");
  });

  it("rate × max(0, q − freeUnits)", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0.01", freeUnits: "500" };
    expectDecimal(price(charge, "1500"), "10");
    expectDecimal(price(charge, "500"), "0");
    expectDecimal(price(charge, "200"), "0");
  });

  it("adds fixedFeePerEvent × number of events", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0.029", fixedFeePerEvent: "0.30" };
    expectDecimal(priceUsage(charge, { quantity: "1000", eventCount: 10 }), "32");
  });

  it("charges the fixed fee per event even on free units", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0.02", fixedFeePerEvent: "0.10", freeUnits: "100" };
    expectDecimal(priceUsage(charge, { quantity: "50", eventCount: 3 }), "0.3");
  });

  it("counts events from eventValues when no eventCount is given", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0", fixedFeePerEvent: "0.25" };
    expectDecimal(priceUsage(charge, { quantity: "30", eventValues: ["10", "20"] }), "0.5");
  });

  it("refuses to guess the event count for a fixed fee", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0.01", fixedFeePerEvent: "0.25" };
    expect(() => priceUsage(charge, { quantity: "30" })).toThrow(/eventCount/);
  });

  it("clamps each event's fee (rate × v + fixed) to [min, max] then sums", () => {
    const charge: UsageChargeModel = {
      model: "percentage",
      rate: "0.01",
      fixedFeePerEvent: "0.10",
      minPerEvent: "0.50",
      maxPerEvent: "5",
    };
    // 10 → 0.20 → 0.50 (min); 100 → 1.10; 1000 → 10.10 → 5 (max)
    expectDecimal(priceUsage(charge, { quantity: "1110", eventValues: ["10", "100", "1000"] }), "6.6");
  });

  it("clamps with only a minimum or only a maximum", () => {
    const values = ["10", "1000"];
    expectDecimal(priceUsage({ model: "percentage", rate: "0.01", minPerEvent: "1" }, { quantity: "1010", eventValues: values }), "11");
    expectDecimal(priceUsage({ model: "percentage", rate: "0.01", maxPerEvent: "2" }, { quantity: "1010", eventValues: values }), "2.1");
  });

  it("with min/max and no events prices 0", () => {
    expectDecimal(priceUsage({ model: "percentage", rate: "0.01", minPerEvent: "1" }, { quantity: "0", eventValues: [] }), "0");
  });

  it("needs eventValues for min/max", () => {
    expect(() => priceUsage({ model: "percentage", rate: "0.01", minPerEvent: "1" }, { quantity: "10", eventCount: 1 })).toThrow(
      /eventValues/,
    );
  });

  it("rejects freeUnits together with min/max", () => {
    const charge: UsageChargeModel = { model: "percentage", rate: "0.01", minPerEvent: "1", freeUnits: "10" };
    expect(() => priceUsage(charge, { quantity: "10", eventValues: ["10"] })).toThrow(InvalidChargeModelError);
  });
});

describe("incrementalCost", () => {
  it("crossing a graduated tier boundary prices each part at its tier", () => {
    const charge: UsageChargeModel = { model: "graduated", tiers: rulebookTiers };
    expectDecimal(incrementalCost(charge, { quantity: "900" }, { quantity: "1100" }), "1.8");
  });

  it("a volume crossing reprices the units already used", () => {
    const charge: UsageChargeModel = { model: "volume", tiers: rulebookTiers };
    // 1001 × 0.008 − 1000 × 0.01
    expectDecimal(incrementalCost(charge, { quantity: "1000" }, { quantity: "1001" }), "-1.992");
  });

  it("a package is charged once, when it is started", () => {
    const charge: UsageChargeModel = { model: "package", packageSize: "100", packagePrice: "5" };
    expectDecimal(incrementalCost(charge, { quantity: "0" }, { quantity: "1" }), "5");
    expectDecimal(incrementalCost(charge, { quantity: "1" }, { quantity: "100" }), "0");
    expectDecimal(incrementalCost(charge, { quantity: "100" }, { quantity: "101" }), "5");
  });

  it("increments sum to the period's price", () => {
    const charge: UsageChargeModel = { model: "graduated", tiers: stripeTiers };
    const steps = ["0", "3", "7", "7.5", "12", "25"];
    const total = steps.slice(1).reduce((sum, q, i) => sum.plus(incrementalCost(charge, { quantity: steps[i] ?? "0" }, { quantity: q })), d("0"));
    expectDecimal(total, price(charge, "25").toFixed());
  });

  it("scenario 13: 2000 then 500 units at 0.01 burn 20 then 5", () => {
    const charge: UsageChargeModel = { model: "per_unit", unitPrice: "0.01" };
    expectDecimal(incrementalCost(charge, { quantity: "0" }, { quantity: "2000" }), "20");
    expectDecimal(incrementalCost(charge, { quantity: "2000" }, { quantity: "2500" }), "5");
  });
});

describe("findChargeModelIssues", () => {
  it("accepts valid models", () => {
    expect(findChargeModelIssues({ model: "graduated", tiers: stripeTiers })).toEqual([]);
    expect(findChargeModelIssues({ model: "package", packageSize: "10", packagePrice: "1" })).toEqual([]);
  });

  it("requires ascending tiers ending with upTo null", () => {
    expect(findChargeModelIssues({ model: "volume", tiers: [] })).toEqual(["tiers must not be empty"]);
    expect(
      findChargeModelIssues({
        model: "volume",
        tiers: [
          { upTo: "10", unitPrice: "1" },
          { upTo: "10", unitPrice: "1" },
        ],
      }),
    ).toEqual(["the last tier's upTo must be null (infinity)", "tiers[1].upTo must be greater than the previous tier's"]);
    expect(
      findChargeModelIssues({
        model: "graduated",
        tiers: [
          { upTo: null, unitPrice: "1" },
          { upTo: null, unitPrice: "1" },
        ],
      }),
    ).toEqual(["tiers[0].upTo may be null (infinity) on the last tier only"]);
  });

  it("rejects negative prices and min above max", () => {
    expect(findChargeModelIssues({ model: "per_unit", unitPrice: "-1" })).toEqual(["unitPrice must not be negative"]);
    expect(findChargeModelIssues({ model: "percentage", rate: "0.1", minPerEvent: "2", maxPerEvent: "1" })).toEqual([
      "minPerEvent must not exceed maxPerEvent",
    ]);
  });

  it("priceUsage refuses an invalid model instead of pricing it", () => {
    expect(() => price({ model: "volume", tiers: [{ upTo: "10", unitPrice: "1" }] }, "20")).toThrow(InvalidChargeModelError);
  });
});
