import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let other: Org;

const llmSchema = {
  code: "llm.completion",
  name: "LLM completion",
  fields: [
    { name: "tokens", type: "integer", required: true },
    { name: "model", type: "string", required: true, enum: ["gpt-4o", "gpt-4o-mini", "claude"] },
    { name: "region", type: "string" },
    { name: "user_id", type: "string" },
    { name: "amount", type: "number" },
    { name: "cached", type: "boolean" },
  ],
};

const paths = (r: { json: { issues?: { path: string }[] } }) => (r.json.issues ?? []).map((i) => i.path);

beforeAll(async () => {
  org = await createTestOrganization("Catalog Org");
  other = await createTestOrganization("Other Org");
  expect((await rest("POST", "/event-schemas", { key: org.apiKey, body: llmSchema })).status).toBe(201);
  for (const metric of [
    { code: "tokens", name: "Total tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens" },
    { code: "calls", name: "Calls", eventType: "llm.completion", aggregation: "count", groupBy: ["model"] },
    { code: "spend", name: "Spend", eventType: "llm.completion", aggregation: "sum", field: "amount" },
  ]) {
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: metric })).status).toBe(201);
  }
});

describe("event schemas", () => {
  it("are created, read back, listed with cursors, and scoped to the organization", async () => {
    const got = await rest("GET", "/event-schemas/llm.completion", { key: org.apiKey });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ code: "llm.completion", fields: expect.arrayContaining([{ name: "tokens", type: "integer", required: true }]) });
    expect((await rest("GET", "/event-schemas/llm.completion", { key: other.apiKey })).status).toBe(404);

    for (const code of ["a1", "a2", "a3"]) await rest("POST", "/event-schemas", { key: org.apiKey, body: { code, name: code } });
    const first = await rest("GET", "/event-schemas?limit=2", { key: org.apiKey });
    expect(first.json.data).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await rest("GET", `/event-schemas?limit=2&cursor=${first.json.nextCursor}`, { key: org.apiKey });
    const codes = [...(first.json.data as { code: string }[]), ...(second.json.data as { code: string }[])].map((s) => s.code);
    expect(codes).toEqual(["llm.completion", "a1", "a2", "a3"]);
    expect(second.json.nextCursor).toBeNull();
    expect((await rest("GET", "/event-schemas?limit=500", { key: org.apiKey })).status).toBe(400);
  });

  it("refuse a duplicate code with 409", async () => {
    const r = await rest("POST", "/event-schemas", { key: org.apiKey, body: llmSchema });
    expect(r.status).toBe(409);
    expect(r.json.message).toContain("llm.completion");
    // The same code in another organization is fine.
    expect((await rest("POST", "/event-schemas", { key: other.apiKey, body: llmSchema })).status).toBe(201);
  });

  it.each([
    [{ name: "No code" }, ["code"]],
    [{ code: "bad code!", name: "x" }, ["code"]],
    [{ code: "x".repeat(65), name: "x" }, ["code"]],
    [{ code: "ok" }, ["name"]],
    [{ code: "ok", name: "x", fields: [{ name: "n", type: "decimal" }] }, ["fields.0.type"]],
    [{ code: "ok", name: "x", fields: [{ name: "n", type: "number", enum: ["a"] }] }, ["fields.0.enum"]],
    [{ code: "ok", name: "x", fields: [{ name: "a", type: "string" }, { name: "a", type: "number" }] }, ["fields.1.name"]],
    [{ code: "ok", name: "x", fields: [{ name: "1abc", type: "string" }] }, ["fields.0.name"]],
    [{ code: "ok", name: "x", fields: "tokens" }, ["fields"]],
  ])("answer 400 naming the field for %j", async (body, expected) => {
    const r = await rest("POST", "/event-schemas", { key: org.apiKey, body });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("BAD_REQUEST");
    expect(paths(r)).toEqual(expected);
    for (const p of expected) expect(r.json.message).toContain(p);
  });

  it("answer 400 for a body that is not JSON", async () => {
    const r = await rest("POST", "/event-schemas", { key: org.apiKey, body: "{not json" });
    expect(r.status).toBe(400);
  });

  it("always accept new optional fields, and refuse removing or retyping a field a metric uses (409 naming the metric)", async () => {
    const base = (await rest("GET", "/event-schemas/llm.completion", { key: org.apiKey })).json.fields as object[];
    const added = await rest("PATCH", "/event-schemas/llm.completion", { key: org.apiKey, body: { fields: [...base, { name: "latency_ms", type: "integer" }] } });
    expect(added.status).toBe(200);
    expect(added.json.fields).toHaveLength(base.length + 1);

    const withoutTokens = base.filter((f) => (f as { name: string }).name !== "tokens");
    const removed = await rest("PATCH", "/event-schemas/llm.completion", { key: org.apiKey, body: { fields: withoutTokens } });
    expect(removed.status).toBe(409);
    expect(removed.json.message).toContain('metric "tokens"');

    const retyped = base.map((f) => ((f as { name: string }).name === "model" ? { ...f, type: "integer", enum: undefined } : f));
    const r2 = await rest("PATCH", "/event-schemas/llm.completion", { key: org.apiKey, body: { fields: retyped } });
    expect(r2.status).toBe(409);
    expect(r2.json.message).toContain('metric "calls"');

    // A field no metric uses may go.
    const withoutCached = [...base, { name: "latency_ms", type: "integer" }].filter((f) => (f as { name: string }).name !== "cached");
    expect((await rest("PATCH", "/event-schemas/llm.completion", { key: org.apiKey, body: { fields: withoutCached } })).status).toBe(200);
  });
});

describe("billable metrics", () => {
  it("are read back and scoped to the organization", async () => {
    const r = await rest("GET", "/metrics/calls", { key: org.apiKey });
    expect(r.json).toMatchObject({ code: "calls", eventType: "llm.completion", aggregation: "count", field: null, groupBy: ["model"], filters: {} });
    expect((await rest("GET", "/metrics/calls", { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/metrics", { key: org.apiKey })).json.data).toHaveLength(3);
  });

  it.each([
    [{ code: "m", name: "m", eventType: "nope", aggregation: "count" }, ["eventType"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "median", field: "tokens" }, ["aggregation"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", field: "tokens" }, ["field"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "sum" }, ["field"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "sum", field: "model" }, ["field"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "avg", field: "region" }, ["field"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "max", field: "ghost" }, ["field"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", filters: { ghost: ["x"] } }, ["filters.ghost"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", filters: { model: ["gpt-5"] } }, ["filters.model"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", filters: { model: [] } }, ["filters.model"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", groupBy: ["model", "ghost"] }, ["groupBy.1"]],
    [{ code: "m", name: "m", eventType: "llm.completion", aggregation: "count", groupBy: ["model", "model"] }, ["groupBy"]],
  ])("answer 400 naming the field for %j", async (body, expected) => {
    const r = await rest("POST", "/metrics", { key: org.apiKey, body });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(expected);
  });

  it("accept unique_count on any field and latest on a numeric one", async () => {
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: { code: "users", name: "Users", eventType: "llm.completion", aggregation: "unique_count", field: "user_id" } })).status).toBe(201);
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: { code: "last", name: "Last", eventType: "llm.completion", aggregation: "latest", field: "tokens" } })).status).toBe(201);
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: { code: "users", name: "Again", eventType: "llm.completion", aggregation: "count" } })).status).toBe(409);
  });
});

const graduated = {
  code: "tokens-graduated",
  name: "Tokens",
  currency: "usd",
  interval: "month",
  charges: [
    { type: "flat", name: "Platform fee", amount: "49.00" },
    {
      type: "usage",
      metric: "tokens",
      model: "graduated",
      tiers: [
        { upTo: "1000000", unitPrice: "0.000002" },
        { upTo: null, unitPrice: "0.0000015", flatFee: "5" },
      ],
    },
  ],
};

describe("plans", () => {
  it("are created as version 1 with normalized currency and defaults", async () => {
    const r = await rest("POST", "/plans", { key: org.apiKey, body: graduated });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ code: "tokens-graduated", version: 1, currency: "USD", interval: "month", trialDays: 0, commitment: null });
    expect(r.json.charges).toEqual([
      { type: "flat", name: "Platform fee", amount: "49.00", timing: "advance", prorate: true },
      { type: "usage", metric: "tokens", model: "graduated", tiers: [{ upTo: "1000000", unitPrice: "0.000002" }, { upTo: null, unitPrice: "0.0000015", flatFee: "5" }] },
    ]);
    expect((await rest("POST", "/plans", { key: org.apiKey, body: graduated })).status).toBe(409);
    expect((await rest("GET", "/plans/tokens-graduated", { key: other.apiKey })).status).toBe(404);
  });

  it("publish immutable versions: n+1 is the latest, n stays as it was", async () => {
    const { code: _code, ...terms } = graduated;
    const v2 = await rest("POST", "/plans/tokens-graduated/versions", { key: org.apiKey, body: { ...terms, name: "Tokens v2", charges: [{ type: "flat", name: "Platform fee", amount: 59 }] } });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, name: "Tokens v2" });
    expect((await rest("GET", "/plans/tokens-graduated", { key: org.apiKey })).json).toMatchObject({ version: 2, charges: [{ amount: "59" }] });
    const v1 = await rest("GET", "/plans/tokens-graduated?version=1", { key: org.apiKey });
    expect(v1.json).toMatchObject({ version: 1, name: "Tokens" });
    expect(v1.json.charges).toHaveLength(2);
    expect(((await rest("GET", "/plans/tokens-graduated/versions", { key: org.apiKey })).json.data as { version: number }[]).map((p) => p.version)).toEqual([2, 1]);
    expect((await rest("POST", "/plans/nope/versions", { key: org.apiKey, body: terms })).status).toBe(404);
  });

  const usage = (model: object) => ({ code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", ...model }] });

  it.each([
    [{ ...graduated, code: "x", currency: "XYZ" }, ["currency"]],
    [{ ...graduated, code: "x", interval: "day" }, ["interval"]],
    [{ ...graduated, code: "x", trialDays: -1 }, ["trialDays"]],
    [{ ...graduated, code: "x", trialDays: 1.5 }, ["trialDays"]],
    [{ ...graduated, code: "x", charges: [] }, ["charges"]],
    [{ ...graduated, code: "x", commitment: { type: "minimum", amount: "0" } }, ["commitment.amount"]],
    [{ ...graduated, code: "x", commitment: { type: "maximum", amount: "10" } }, ["commitment.type"]],
    [{ ...graduated, code: "x", charges: [{ type: "flat", name: "Fee", amount: "-5" }] }, ["charges.0.amount"]],
    [{ ...graduated, code: "x", charges: [{ type: "flat", name: "Fee", amount: 0.1 + 0.2 }] }, ["charges.0.amount"]],
    [{ ...graduated, code: "x", charges: [{ type: "flat", name: "Fee", amount: "1.0000000000001" }] }, ["charges.0.amount"]],
    [{ ...graduated, code: "x", charges: [{ type: "flat", name: "Fee", amount: "12,30" }] }, ["charges.0.amount"]],
    [{ ...graduated, code: "x", charges: [{ type: "flat", name: "Fee", amount: "5", timing: "later" }] }, ["charges.0.timing"]],
    [{ ...graduated, code: "x", charges: [{ type: "bonus" }] }, ["charges.0.type"]],
    [usage({ model: "per_unit" }), ["charges.0.unitPrice"]],
    [usage({ model: "tiered", unitPrice: "1" }), ["charges.0.model"]],
    [usage({ model: "per_unit", unitPrice: "1", metric: "ghost" }), ["charges.0.metric"]],
    [usage({ model: "graduated", tiers: [] }), ["charges.0.tiers"]],
    [usage({ model: "graduated", tiers: [{ upTo: "100", unitPrice: "1" }, { upTo: "50", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] }), ["charges.0.tiers.1.upTo"]],
    [usage({ model: "volume", tiers: [{ upTo: "100", unitPrice: "1" }, { upTo: "100", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] }), ["charges.0.tiers.1.upTo"]],
    [usage({ model: "graduated", tiers: [{ upTo: null, unitPrice: "1" }, { upTo: null, unitPrice: "1" }] }), ["charges.0.tiers.0.upTo"]],
    [usage({ model: "volume", tiers: [{ upTo: "10", unitPrice: "1" }] }), ["charges.0.tiers.0.upTo"]],
    [usage({ model: "graduated", tiers: [{ upTo: "10", unitPrice: "-1" }, { upTo: null, unitPrice: "1" }] }), ["charges.0.tiers.0.unitPrice"]],
    [usage({ model: "package", packageSize: "0", packagePrice: "5" }), ["charges.0.packageSize"]],
    [usage({ model: "package", packageSize: "100" }), ["charges.0.packagePrice"]],
    [usage({ model: "percentage", rate: "0.02", metric: "calls" }), ["charges.0.model"]],
    [{ ...usage({ model: "percentage", rate: "2" }), charges: [{ type: "usage", metric: "spend", model: "percentage", rate: "2" }] }, ["charges.0.rate"]],
    [{ ...usage({}), charges: [{ type: "usage", metric: "spend", model: "percentage", rate: "0.02", minPerEvent: "1", maxPerEvent: "0.5" }] }, ["charges.0.minPerEvent"]],
    [{ ...usage({}), charges: [{ type: "usage", metric: "spend", model: "percentage", rate: "0.02", maxPerEvent: "5", freeUnits: "10" }] }, ["charges.0.freeUnits"]],
    [usage({ model: "per_unit", unitPrice: "1", filters: { ghost: ["x"] } }), ["charges.0.filters.ghost"]],
    [usage({ model: "per_unit", unitPrice: "1", groupBy: ["ghost"] }), ["charges.0.groupBy.0"]],
  ])("answer 400 naming the field for %j", async (body, expected) => {
    const r = await rest("POST", "/plans", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(400);
    expect(paths(r)).toEqual(expected);
  });

  it("accept every charge model with its parameters", async () => {
    const body = {
      code: "every-model",
      name: "Every model",
      currency: "EUR",
      interval: "quarter",
      trialDays: 14,
      commitment: { type: "minimum", amount: "100" },
      charges: [
        { type: "flat", name: "Seat", amount: 10, timing: "arrears", prorate: false },
        { type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.000002", filters: { model: ["gpt-4o"] } },
        { type: "usage", metric: "calls", model: "volume", groupBy: ["model"], tiers: [{ upTo: "0", unitPrice: "0" }, { upTo: "100.5", unitPrice: "1", flatFee: "2" }, { upTo: null, unitPrice: "0.5" }] },
        { type: "usage", metric: "calls", model: "package", packageSize: "100", packagePrice: "5.00", freeUnits: "100" },
        { type: "usage", metric: "spend", model: "percentage", rate: "0.029", fixedFeePerEvent: "0.30", minPerEvent: "0.50", maxPerEvent: "10" },
      ],
    };
    const r = await rest("POST", "/plans", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ currency: "EUR", interval: "quarter", trialDays: 14, commitment: { type: "minimum", amount: "100" } });
    expect((r.json.charges as object[])[0]).toEqual({ type: "flat", name: "Seat", amount: "10", timing: "arrears", prorate: false });
  });
});
