import { describe, expect, it } from "vitest";
import type { Charge } from "@/server/billing/types";
import { describeCharge, describeCommitment, describePlanTerms, unitFromMetricName } from "@/server/catalog/charge-words";

const usd = { currency: "USD", interval: "month" as const };

describe("unitFromMetricName", () => {
  it("lower-cases a leading capital and takes a plain plural s off", () => {
    expect(unitFromMetricName("Tokens")).toEqual({ singular: "token", plural: "tokens" });
    expect(unitFromMetricName("Input tokens")).toEqual({ singular: "input token", plural: "input tokens" });
  });
  it("keeps acronyms and names that are not plurals", () => {
    expect(unitFromMetricName("API calls")).toEqual({ singular: "API call", plural: "API calls" });
    expect(unitFromMetricName("GB stored")).toEqual({ singular: "GB stored", plural: "GB stored" });
    expect(unitFromMetricName("Access")).toEqual({ singular: "access", plural: "access" });
  });
  it("falls back to units for an empty name", () => {
    expect(unitFromMetricName("  ")).toEqual({ singular: "unit", plural: "units" });
  });
});

describe("describeCharge", () => {
  it("per unit, with all the price's digits, grouped", () => {
    const charge: Charge = { type: "usage", metric: "tokens", groupBy: ["model"], model: "per_unit", unitPrice: "0.000002" };
    expect(describeCharge(charge, { ...usd, metricName: "Tokens" })).toEqual({ name: "Tokens", price: "$0.000002 per token, by model", details: [] });
  });

  it("names the filters and several group keys", () => {
    const charge: Charge = { type: "usage", name: "GPT-4o", metric: "tokens", filters: { model: ["gpt-4o", "gpt-4o-mini"] }, groupBy: ["model", "region"], model: "per_unit", unitPrice: "0.00001" };
    const words = describeCharge(charge, { ...usd, metricName: "Tokens" });
    expect(words.name).toBe("GPT-4o");
    expect(words.price).toBe("$0.00001 per token, by model and region");
    expect(words.details).toEqual(["For model gpt-4o or gpt-4o-mini only."]);
  });

  it("uses the metric's code when its name is unknown", () => {
    const charge: Charge = { type: "usage", metric: "api_calls", model: "per_unit", unitPrice: "0.01" };
    expect(describeCharge(charge, usd)).toMatchObject({ name: "api_calls", price: "$0.01 per api_call" });
  });

  it("graduated tiers, each tier's range and price, a first-tier fee once", () => {
    const charge: Charge = {
      type: "usage",
      metric: "calls",
      model: "graduated",
      tiers: [
        { upTo: "1000", unitPrice: "0.01", flatFee: "5" },
        { upTo: "5000", unitPrice: "0.008" },
        { upTo: null, unitPrice: "0.005" },
      ],
    };
    const words = describeCharge(charge, { ...usd, metricName: "API calls" });
    expect(words.price).toBe("Tiered: each tier prices the API calls that fall in it");
    expect(words.details).toEqual([
      "The first 1,000 API calls: $0.01 per API call + $5.00 once",
      "The next 4,000 API calls (to 5,000): $0.008 per API call",
      "Above 5,000 API calls: $0.005 per API call",
    ]);
  });

  it("volume tiers", () => {
    const charge: Charge = {
      type: "usage",
      metric: "seats",
      model: "volume",
      tiers: [
        { upTo: "10", unitPrice: "12", flatFee: "0" },
        { upTo: null, unitPrice: "9", flatFee: "20" },
      ],
    };
    const words = describeCharge(charge, { ...usd, metricName: "Seats" });
    expect(words.price).toBe("Volume: every seat is priced at the tier the total reaches");
    expect(words.details).toEqual(["Up to 10 seats: $12.00 per seat", "Above 10 seats: $9.00 per seat + $20.00"]);
  });

  it("a single open tier prices every unit", () => {
    const charge: Charge = { type: "usage", metric: "seats", model: "volume", tiers: [{ upTo: null, unitPrice: "3" }] };
    expect(describeCharge(charge, { ...usd, metricName: "Seats" }).details).toEqual(["Every seat: $3.00 per seat"]);
  });

  it("packages, with free units, and a single unit in the singular", () => {
    const charge: Charge = { type: "usage", metric: "emails", model: "package", packageSize: "1000", packagePrice: "5", freeUnits: "100" };
    expect(describeCharge(charge, { ...usd, metricName: "Emails" })).toEqual({
      name: "Emails",
      price: "$5.00 per 1,000 emails, the first 100 emails free",
      details: ["A started package is billed in full."],
    });
    const single: Charge = { type: "usage", metric: "emails", model: "package", packageSize: "1", packagePrice: "0.5" };
    expect(describeCharge(single, { ...usd, metricName: "Emails" }).price).toBe("$0.50 per email");
  });

  it("percentages, with a fixed fee and bounds per transaction", () => {
    const charge: Charge = { type: "usage", metric: "volume", model: "percentage", rate: "0.029", fixedFeePerEvent: "0.30", minPerEvent: "0.50", maxPerEvent: "10" };
    expect(describeCharge(charge, { ...usd, metricName: "Transaction amounts" })).toEqual({
      name: "Transaction amounts",
      price: "2.9 % of transaction amounts + $0.30 per transaction",
      details: ["Each transaction's fee is at least $0.50 and at most $10.00."],
    });
    const plain: Charge = { type: "usage", metric: "volume", model: "percentage", rate: "0.01", freeUnits: "1000" };
    expect(describeCharge(plain, usd).price).toBe("1 % of volume above the first 1,000");
  });

  it("flat fees: amount, interval, when billed, proration", () => {
    const advance: Charge = { type: "flat", name: "Platform fee", amount: "49", timing: "advance", prorate: true };
    expect(describeCharge(advance, usd)).toEqual({
      name: "Platform fee",
      price: "$49.00 per month, billed at the start of each month",
      details: ["A partial month is charged for the days it covers."],
    });
    const arrears: Charge = { type: "flat", name: "Support", amount: "1200", timing: "arrears", prorate: false };
    expect(describeCharge(arrears, { currency: "EUR", interval: "year" })).toEqual({ name: "Support", price: "€1,200.00 per year, billed at the end of each year", details: [] });
  });

  it("a currency without minor units", () => {
    const charge: Charge = { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.5" };
    expect(describeCharge(charge, { currency: "JPY", interval: "month", metricName: "Tokens" }).price).toBe("¥0.5 per token");
  });
});

describe("describeCommitment", () => {
  it("minimum and prepaid commitments, or none", () => {
    expect(describeCommitment({ type: "minimum", amount: "100" }, usd)).toBe("Minimum spend of $100.00 per month: a month billed below it is topped up to it.");
    expect(describeCommitment({ type: "prepaid", amount: "500" }, { currency: "USD", interval: "quarter" })).toBe(
      "$500.00 prepaid per quarter, billed at its start; usage draws it down and usage beyond it is billed on top.",
    );
    expect(describeCommitment(null, usd)).toBeNull();
  });
});

describe("describePlanTerms", () => {
  it("words every charge with its metric's name, and the commitment", () => {
    const words = describePlanTerms(
      {
        currency: "USD",
        interval: "month",
        commitment: { type: "minimum", amount: "20" },
        charges: [
          { type: "flat", name: "Base", amount: "10", timing: "advance", prorate: false },
          { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.000002" },
        ],
      },
      new Map([["tokens", "Tokens"]]),
    );
    expect(words.charges.map((c) => [c.name, c.price])).toEqual([
      ["Base", "$10.00 per month, billed at the start of each month"],
      ["Tokens", "$0.000002 per token"],
    ]);
    expect(words.commitment).toMatch(/^Minimum spend of \$20\.00 per month/);
  });
});
