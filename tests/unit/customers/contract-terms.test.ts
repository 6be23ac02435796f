import { describe, expect, it } from "vitest";
import type { Charge } from "@/server/billing/types";
import { applyOverride, contractStatus, effectiveCharges } from "@/server/customers/contract-terms";

const T = (iso: string) => new Date(iso);
const base = { startsAt: T("2026-01-01T00:00:00Z"), endsAt: null, canceledAt: null, pastDueAt: null };

describe("contractStatus", () => {
  it("follows time: scheduled, active, ended", () => {
    const c = { ...base, endsAt: T("2026-03-01T00:00:00Z") };
    expect(contractStatus(c, T("2025-12-31T23:59:59.999Z"))).toBe("scheduled");
    expect(contractStatus(c, T("2026-01-01T00:00:00Z"))).toBe("active");
    expect(contractStatus(c, T("2026-03-01T00:00:00Z"))).toBe("ended");
    expect(contractStatus(base, T("2099-01-01T00:00:00Z"))).toBe("active");
  });

  it("is canceled once a canceled contract's end has come, or at once when canceled before it started", () => {
    const pending = { ...base, endsAt: T("2026-03-01T00:00:00Z"), canceledAt: T("2026-02-10T00:00:00Z") };
    expect(contractStatus(pending, T("2026-02-20T00:00:00Z"))).toBe("active");
    expect(contractStatus(pending, T("2026-03-01T00:00:00Z"))).toBe("canceled");
    const early = { ...base, startsAt: T("2027-01-01T00:00:00Z"), endsAt: T("2027-01-01T00:00:00Z"), canceledAt: T("2026-02-10T00:00:00Z") };
    expect(contractStatus(early, T("2026-02-10T00:00:00Z"))).toBe("canceled");
  });

  it("shows past_due while the contract runs", () => {
    const c = { ...base, endsAt: T("2026-03-01T00:00:00Z"), pastDueAt: T("2026-02-01T00:00:00Z") };
    expect(contractStatus(c, T("2026-02-02T00:00:00Z"))).toBe("past_due");
    expect(contractStatus(c, T("2026-03-02T00:00:00Z"))).toBe("ended");
  });
});

describe("price overrides", () => {
  const perUnit: Charge = { type: "usage", name: "Tokens", metric: "tokens", filters: { model: ["a"] }, model: "per_unit", unitPrice: "0.01" };
  const flat: Charge = { type: "flat", name: "Seat", amount: "10", timing: "advance", prorate: true };

  it("replace the given fields only", () => {
    expect(applyOverride(flat, { amount: "8" })).toEqual({ ...flat, amount: "8" });
    expect(applyOverride(perUnit, { unitPrice: "0.02" })).toEqual({ ...perUnit, unitPrice: "0.02" });
  });

  it("drop the old model's fields when the model changes, keeping what is billed", () => {
    const tiers = [{ upTo: null, unitPrice: "0.5" }];
    expect(applyOverride(perUnit, { model: "volume", tiers })).toEqual({ type: "usage", name: "Tokens", metric: "tokens", filters: { model: ["a"] }, model: "volume", tiers });
  });

  it("apply by charge index", () => {
    expect(effectiveCharges([flat, perUnit], [{ chargeIndex: 1, unitPrice: "0.03" }], "ct-1")).toEqual([flat, { ...perUnit, unitPrice: "0.03" }]);
  });
});
