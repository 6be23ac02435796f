import { describe, expect, it } from "vitest";
import { minimumTrueUp, prepaidDrawdown } from "@/server/billing/commitments";
import { expectDecimal } from "./expect-decimal";

describe("minimumTrueUp", () => {
  it("scenario 8: M 100, flat 50, usage 30 → 20", () => {
    expectDecimal(minimumTrueUp({ minimum: "100.00", flatFees: "50.00", usageCharges: "30.00" }), "20");
  });

  it("nothing when spending reaches the minimum exactly", () => {
    expectDecimal(minimumTrueUp({ minimum: "100", flatFees: "50", usageCharges: "50" }), "0");
  });

  it("never negative when spending exceeds it", () => {
    expectDecimal(minimumTrueUp({ minimum: "100", flatFees: "50", usageCharges: "130" }), "0");
  });

  it("the whole minimum with no spending", () => {
    expectDecimal(minimumTrueUp({ minimum: "100", flatFees: "0", usageCharges: "0" }), "100");
  });

  it("takes a prorated minimum as given", () => {
    expectDecimal(minimumTrueUp({ minimum: "51.6129032258", flatFees: "0", usageCharges: "10" }), "41.6129032258");
  });
});

describe("prepaidDrawdown", () => {
  it("scenario 14: P 100, usage 130 → −100 (the 30 overage stays due)", () => {
    expectDecimal(prepaidDrawdown({ prepaid: "100", usageCharges: "130" }), "-100");
  });

  it("usage below P is fully covered; the rest expires", () => {
    expectDecimal(prepaidDrawdown({ prepaid: "100", usageCharges: "40" }), "-40");
  });

  it("zero usage draws nothing (and is not negative zero)", () => {
    const drawn = prepaidDrawdown({ prepaid: "100", usageCharges: "0" });
    expectDecimal(drawn, "0");
    expect(drawn.isNegative()).toBe(false);
  });
});
