import { describe, expect, it } from "vitest";
import { toEventSchema } from "@/server/catalog/event-schema-row";
import { toMetric, toMetricDef } from "@/server/catalog/metric-row";
import { toPlanVersion } from "@/server/catalog/plan-version-row";
import { contractTerms } from "@/server/customers/contract-terms";
import { toContract } from "@/server/customers/contract-row";
import { toCustomer } from "@/server/customers/customer-row";
import { CorruptRow } from "@/server/validation/json-column";

const flat = { type: "flat", name: "Platform", amount: "49.00", timing: "advance", prorate: true };
const tokens = { type: "usage", metric: "tokens", model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.01" }, { upTo: null, unitPrice: "0.008" }] };
const version = { id: "pv-1", interval: "month" as const, currency: "USD", charges: [flat, tokens], commitment: { type: "minimum", amount: "100.00" } };
const contract = {
  id: "ct-1",
  startsAt: new Date("2026-01-01T00:00:00Z"),
  endsAt: null,
  billingAnchor: "calendar" as const,
  anchorAt: null,
  timezone: "UTC",
  trialDays: 0,
  endedByPlanChange: false,
  priceOverrides: [{ chargeIndex: 0, amount: "39.00" }],
};

/** The CorruptRow a call throws, to look at its fields. */
function corruption(fn: () => unknown): CorruptRow {
  try {
    fn();
  } catch (error) {
    if (error instanceof CorruptRow) return error;
    throw error;
  }
  throw new Error("expected a CorruptRow");
}

describe("toPlanVersion", () => {
  it("parses charges and commitment", () => {
    const parsed = toPlanVersion(version);
    expect(parsed.charges).toEqual([flat, tokens]);
    expect(parsed.commitment).toEqual({ type: "minimum", amount: "100.00" });
    expect(toPlanVersion({ ...version, commitment: null }).commitment).toBeNull();
  });

  it("parses a row object once", () => {
    const row = { ...version };
    expect(toPlanVersion(row).charges).toBe(toPlanVersion(row).charges);
  });

  it("names the table, the id and the field path of a corrupt row", () => {
    const broken = { ...version, charges: [flat, { ...tokens, tiers: [{ upTo: null, unitPrice: "cheap" }] }] };
    const error = corruption(() => toPlanVersion(broken));
    expect(error.table).toBe("PlanVersion");
    expect(error.id).toBe("pv-1");
    expect(error.issues[0]!.path).toBe("charges.1.tiers.0.unitPrice");
    expect(error.message).toMatch(/^PlanVersion pv-1 holds corrupt JSON: charges\.1\.tiers\.0\.unitPrice: /);
  });

  it("refuses a commitment of the wrong shape", () => {
    expect(corruption(() => toPlanVersion({ ...version, id: "pv-2", commitment: { type: "maximum", amount: "1" } })).issues[0]!.path).toBe("commitment.type");
  });
});

describe("toContract", () => {
  it("parses price overrides", () => {
    expect(toContract(contract).priceOverrides).toEqual([{ chargeIndex: 0, amount: "39.00" }]);
  });

  it("names the row of a corrupt override list", () => {
    const error = corruption(() => toContract({ ...contract, priceOverrides: [{ chargeIndex: -1 }] }));
    expect(error.message).toMatch(/^Contract ct-1 holds corrupt JSON: priceOverrides\.0\.chargeIndex: /);
  });
});

describe("contractTerms", () => {
  it("gives the engine the plan's charges with the contract's overrides", () => {
    const terms = contractTerms(contract, version);
    expect(terms.charges).toEqual([{ ...flat, amount: "39.00" }, tokens]);
    expect(terms.commitment).toEqual({ type: "minimum", amount: "100.00" });
  });

  it("names the contract when an override no longer makes a valid charge", () => {
    const error = corruption(() => contractTerms({ ...contract, priceOverrides: [{ chargeIndex: 0, timing: "whenever" }] }, version));
    expect(error.table).toBe("Contract");
    expect(error.id).toBe("ct-1");
    expect(error.issues.map((i) => i.path)).toEqual(["priceOverrides.0.timing"]);
  });
});

describe("toEventSchema", () => {
  it("parses fields", () => {
    expect(toEventSchema({ id: "es-1", fields: [{ name: "tokens", type: "integer", required: true }] }).fields).toEqual([{ name: "tokens", type: "integer", required: true }]);
  });

  it("names the row and field of a corrupt schema", () => {
    const error = corruption(() => toEventSchema({ id: "es-1", fields: [{ name: "tokens", type: "float" }] }));
    expect(error.message).toMatch(/^EventSchema es-1 holds corrupt JSON: fields\.0\.type: /);
  });
});

describe("toMetric", () => {
  const metric = { id: "m-1", code: "tokens", aggregation: "sum" as const, field: "tokens", filters: { model: ["a"] }, dimensions: ["model"], eventSchemaId: "es-1" };

  it("parses filters and builds the rollup definition", () => {
    expect(toMetric(metric).filters).toEqual({ model: ["a"] });
    expect(toMetricDef(metric)).toEqual(metric);
  });

  it("names the row and field of corrupt filters", () => {
    expect(corruption(() => toMetric({ ...metric, filters: { model: "a" } })).message).toMatch(/^BillableMetric m-1 holds corrupt JSON: filters\.model: /);
  });
});

describe("toCustomer", () => {
  it("parses address and metadata", () => {
    const parsed = toCustomer({ id: "c-1", address: { city: "Paris" }, metadata: { plan: "pro" } });
    expect(parsed.address).toEqual({ city: "Paris" });
    expect(parsed.metadata).toEqual({ plan: "pro" });
    expect(toCustomer({ id: "c-1", address: null, metadata: {} }).address).toBeNull();
  });

  it("names the row and field of corrupt metadata", () => {
    expect(corruption(() => toCustomer({ id: "c-1", address: null, metadata: { plan: 3 } })).message).toMatch(/^Customer c-1 holds corrupt JSON: metadata\.plan: /);
  });
});
