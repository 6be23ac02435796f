import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleEventBatch, handleSingleEvent } from "@/server/usage/http";
import { createTestOrganization, rest, settleUsageRollups } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;

async function post(path: "/events" | "/events/batch", body: unknown, contentType = "application/json", key = org.apiKey) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await (path === "/events" ? handleSingleEvent(req) : handleEventBatch(req));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { errors?: { index: number; id: string | null; message: string }[]; issues?: { path: string }[] } };
}

/** Customers and contracts straight through the database, so these tests only exercise ingestion. */
async function customerWithContract(externalId: string, startsAt = "2026-01-01T00:00:00Z", endsAt: string | null = null) {
  const plan = await db.plan.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "tokens" }, include: { versions: true } });
  const customer = await db.customer.create({
    data: { organizationId: org.organizationId, externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", metadata: {} },
  });
  await db.contract.create({
    data: {
      organizationId: org.organizationId,
      customerId: customer.id,
      planId: plan.id,
      planVersionId: plan.versions[0]!.id,
      timezone: "UTC",
      startsAt: new Date(startsAt),
      endsAt: endsAt ? new Date(endsAt) : null,
      priceOverrides: [],
    },
  });
  return customer;
}

async function rollupTotals(metricCode: string, customerId: string) {
  const metric = await db.billableMetric.findFirstOrThrow({ where: { organizationId: org.organizationId, code: metricCode } });
  await settleUsageRollups();
  const rows = await db.usageRollup.findMany({ where: { metricId: metric.id, customerId } });
  return rows;
}

const event = (id: string, customer: string, properties: Record<string, unknown>, timestamp = "2026-01-10T12:00:00Z") => ({ id, customer, type: "llm", timestamp, properties });

beforeAll(async () => {
  org = await createTestOrganization("Ingestion Org");
  const schema = {
    code: "llm",
    name: "LLM call",
    fields: [
      { name: "tokens", type: "integer", required: true },
      { name: "model", type: "string", enum: ["a", "b"] },
      { name: "user", type: "string" },
      { name: "price", type: "number" },
      { name: "cached", type: "boolean" },
      { name: "at", type: "timestamp" },
    ],
  };
  expect((await rest("POST", "/event-schemas", { key: org.apiKey, body: schema })).status).toBe(201);
  for (const metric of [
    { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" },
    { code: "calls", name: "Calls", eventType: "llm", aggregation: "count", groupBy: ["model"] },
    { code: "users", name: "Users", eventType: "llm", aggregation: "unique_count", field: "user" },
    { code: "peak", name: "Peak", eventType: "llm", aggregation: "max", field: "tokens" },
  ]) {
    expect((await rest("POST", "/metrics", { key: org.apiKey, body: metric })).status).toBe(201);
  }
  const plan = { code: "tokens", name: "Tokens", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.001" }] };
  expect((await rest("POST", "/plans", { key: org.apiKey, body: plan })).status).toBe(201);
});

describe("single events", () => {
  it("are accepted with 202 and rolled up, and a repeated id is a duplicate, never counted twice", async () => {
    const c = await customerWithContract("single-1");
    const first = await post("/events", event("s-1", "single-1", { tokens: 100, model: "a", user: "u1" }));
    expect(first).toEqual({ status: 202, json: { accepted: 1, duplicates: 0 } });
    const again = await post("/events", event("s-1", "single-1", { tokens: 100, model: "a", user: "u1" }));
    expect(again).toEqual({ status: 202, json: { accepted: 0, duplicates: 1 } });
    const tokens = await rollupTotals("tokens", c.id);
    expect(tokens.map((r) => r.sum.toString())).toEqual(["100"]);
    expect(await db.usageEvent.count({ where: { organizationId: org.organizationId, eventId: "s-1" } })).toBe(1);
  });

  it.each([
    [{ customer: "single-1", type: "llm", properties: { tokens: 1 } }, 400, "id"],
    [{ id: "x1", customer: "nobody", type: "llm", properties: { tokens: 1 } }, 400, "customer"],
    [{ id: "x2", customer: "single-1", type: "nope", properties: { tokens: 1 } }, 400, "type"],
    [{ id: "x3", customer: "single-1", type: "llm", properties: {} }, 400, "properties.tokens"],
    [{ id: "x4", customer: "single-1", type: "llm", properties: { tokens: 1.5 } }, 400, "properties.tokens"],
    [{ id: "x5", customer: "single-1", type: "llm", properties: { tokens: 1, model: "c" } }, 400, "properties.model"],
    [{ id: "x6", customer: "single-1", type: "llm", properties: { tokens: 1, price: "abc" } }, 400, "properties.price"],
    [{ id: "x7", customer: "single-1", type: "llm", properties: { tokens: 1, cached: "yes" } }, 400, "properties.cached"],
    [{ id: "x8", customer: "single-1", type: "llm", properties: { tokens: 1, at: "yesterday" } }, 400, "properties.at"],
    [{ id: "x9", customer: "single-1", type: "llm", timestamp: "2026-01-10", properties: { tokens: 1 } }, 400, "timestamp"],
    [{ id: "x10", customer: "single-1", type: "llm", timestamp: "2999-01-01T00:00:00Z", properties: { tokens: 1 } }, 400, "timestamp"],
    [{ id: "x11", customer: "single-1", type: "llm", timestamp: "2025-06-01T00:00:00Z", properties: { tokens: 1 } }, 422, "timestamp"],
  ])("are refused with a message naming the field: %j", async (body, status, path) => {
    const r = await post("/events", body);
    expect(r.status).toBe(status);
    expect(r.json.issues?.map((i) => i.path)).toContain(path);
    expect(await db.usageEvent.count({ where: { organizationId: org.organizationId, eventId: String((body as { id?: string }).id ?? "") } })).toBe(0);
  });

  it("answer 401 without a key, 415 for another content type, 400 for broken JSON", async () => {
    expect((await post("/events", event("k", "single-1", { tokens: 1 }), "application/json", "eb_sk_nope")).status).toBe(401);
    expect((await post("/events", "id=1", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post("/events", "{oops", "application/json")).status).toBe(400);
  });

  it("accept a structured-mode CloudEvent", async () => {
    const c = await customerWithContract("cloud-1");
    const r = await post(
      "/events",
      { specversion: "1.0", id: "ce-1", source: "/svc", type: "llm", subject: "cloud-1", time: "2026-01-10T00:00:00Z", datacontenttype: "application/json", data: { tokens: 7 } },
      "application/cloudevents+json",
    );
    expect(r).toEqual({ status: 202, json: { accepted: 1, duplicates: 0 } });
    expect((await rollupTotals("tokens", c.id))[0]?.sum.toString()).toBe("7");
  });
});

describe("batches", () => {
  it("keep valid events, report each rejected one by index, and count duplicates within and across batches", async () => {
    const c = await customerWithContract("batch-1");
    const events = [
      event("b-1", "batch-1", { tokens: 10, model: "a", user: "u1" }),
      event("b-2", "batch-1", { tokens: 20, model: "b", user: "u2" }, "2026-01-10T12:20:00Z"),
      event("b-1", "batch-1", { tokens: 10, model: "a", user: "u1" }),
      event("b-3", "nobody", { tokens: 1 }),
      event("b-4", "batch-1", { model: "a" }),
      { nonsense: true },
      event("b-5", "batch-1", { tokens: 30, model: "a", user: "u1" }, "2026-01-11T00:00:00Z"),
    ];
    const r = await post("/events/batch", { events });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ accepted: 3, duplicates: 1, rejected: 3 });
    expect(r.json.errors?.map((e) => [e.index, e.id])).toEqual([[3, "b-3"], [4, "b-4"], [5, null]]);
    expect(r.json.errors?.[1]?.message).toContain("properties.tokens");

    const again = await post("/events/batch", { events: events.slice(0, 2) });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });

    const tokens = await rollupTotals("tokens", c.id);
    expect(tokens.reduce((sum, r) => sum + Number(r.sum), 0)).toBe(60);
    const calls = await rollupTotals("calls", c.id);
    const byModel = new Map<string, number>();
    for (const row of calls) byModel.set(row.groupKey, (byModel.get(row.groupKey) ?? 0) + Number(row.eventCount));
    expect(Object.fromEntries(byModel)).toEqual({ '{"model":"a"}': 2, '{"model":"b"}': 1 });
    const peak = await rollupTotals("peak", c.id);
    // b-1 and b-2 fall in different quarter hours, b-5 on another day: one max per bucket.
    expect(peak.map((r) => r.max?.toString()).sort()).toEqual(["10", "20", "30"]);
    const users = await db.usageUniqueValue.findMany({ where: { customerId: c.id } });
    expect(new Set(users.map((u) => u.value))).toEqual(new Set(["u1", "u2"]));
  });

  it("store each id once under concurrent requests carrying the same ids", async () => {
    const c = await customerWithContract("race-1");
    const events = Array.from({ length: 50 }, (_, i) => event(`race-${i}`, "race-1", { tokens: 1 }));
    const results = await Promise.all(Array.from({ length: 6 }, () => post("/events/batch", { events })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.reduce((sum, r) => sum + (r.json.accepted as number), 0)).toBe(50);
    expect(results.reduce((sum, r) => sum + (r.json.duplicates as number), 0)).toBe(250);
    expect(await db.usageEvent.count({ where: { customerId: c.id } })).toBe(50);
    const tokens = await rollupTotals("tokens", c.id);
    expect(tokens.reduce((sum, r) => sum + Number(r.sum), 0)).toBe(50);
  });

  it("refuse an empty batch and more than 10,000 events with 413 naming the limit", async () => {
    expect((await post("/events/batch", { events: [] })).status).toBe(400);
    expect((await post("/events/batch", { nope: 1 })).status).toBe(400);
    const big = await post("/events/batch", { events: Array.from({ length: 10_001 }, (_, i) => ({ id: `x${i}` })) });
    expect(big.status).toBe(413);
    expect(big.json.message).toContain("10000");
  });

  it("accept a CloudEvents batch", async () => {
    await customerWithContract("cloud-batch");
    const events = [1, 2].map((i) => ({ specversion: "1.0", id: `ceb-${i}`, source: "/svc", type: "llm", subject: "cloud-batch", time: "2026-01-12T00:00:00Z", data: { tokens: i } }));
    const r = await post("/events/batch", events, "application/cloudevents-batch+json");
    expect(r.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: 0 });
  });

  it("refuse events outside every contract of the customer", async () => {
    await customerWithContract("ended-1", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    const r = await post("/events/batch", { events: [event("e-in", "ended-1", { tokens: 1 }, "2026-01-31T23:59:59Z"), event("e-out", "ended-1", { tokens: 1 }, "2026-02-01T00:00:00Z")] });
    expect(r.json).toMatchObject({ accepted: 1, rejected: 1 });
    expect(r.json.errors?.[0]?.message).toContain("no contract active");
  });

  it("keep recent refusals with their reasons for the event debugger", async () => {
    const rows = await db.usageRejection.findMany({ where: { organizationId: org.organizationId }, orderBy: { id: "desc" }, take: 50 });
    expect(rows.some((r) => r.eventId === "b-3" && r.message.includes("unknown customer"))).toBe(true);
  });
});

describe("usage API", () => {
  it("answers a metric's value per window and group from the rollups, with exact edges", async () => {
    await customerWithContract("usage-1");
    const events = [
      event("u-1", "usage-1", { tokens: 100, model: "a", user: "x" }, "2026-01-05T10:07:00Z"),
      event("u-2", "usage-1", { tokens: 50, model: "b", user: "y" }, "2026-01-05T23:59:59Z"),
      event("u-3", "usage-1", { tokens: 25, model: "a", user: "x" }, "2026-01-06T00:00:00Z"),
    ];
    expect((await post("/events/batch", { events })).json).toMatchObject({ accepted: 3 });
    const q = (query: string) => rest("GET", `/customers/usage-1/usage?${query}`, { key: org.apiKey });

    const total = await q("metric=tokens&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
    expect(total.status, total.text).toBe(200);
    expect(total.json).toMatchObject({ metric: "tokens", aggregation: "sum", data: [{ windowStart: "2026-01-01T00:00:00.000Z", windowEnd: "2026-02-01T00:00:00.000Z", group: {}, value: "175" }] });

    // An edge inside a quarter hour (10:07 → 10:10) is read exactly from raw events.
    const edge = await q("metric=tokens&from=2026-01-05T10:05:00Z&to=2026-01-05T10:10:00Z");
    expect((edge.json.data as { value: string }[])[0]?.value).toBe("100");
    const before = await q("metric=tokens&from=2026-01-05T10:00:00Z&to=2026-01-05T10:07:00Z");
    expect((before.json.data as { value: string }[])[0]?.value).toBe("0");

    const daily = await q("metric=tokens&from=2026-01-05T00:00:00Z&to=2026-01-07T00:00:00Z&window=day");
    expect((daily.json.data as { windowStart: string; value: string }[]).map((d) => [d.windowStart, d.value])).toEqual([
      ["2026-01-05T00:00:00.000Z", "150"],
      ["2026-01-06T00:00:00.000Z", "25"],
    ]);

    const byModel = await q("metric=calls&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=model");
    expect((byModel.json.data as { group: object; value: string }[]).map((d) => [d.group, d.value])).toEqual([
      [{ model: "a" }, "2"],
      [{ model: "b" }, "1"],
    ]);
    const users = await q("metric=users&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
    expect((users.json.data as { value: string }[])[0]?.value).toBe("2");
  });

  it("refuses bad queries with 400 naming the parameter, and unknown customers or metrics with 404", async () => {
    const q = (query: string, customer = "usage-1") => rest("GET", `/customers/${customer}/usage?${query}`, { key: org.apiKey });
    expect((await q("metric=tokens&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).json.issues?.map((i) => i.path)).toEqual(["from"]);
    expect((await q("metric=tokens&window=week")).json.issues?.map((i) => i.path)).toEqual(["window"]);
    expect((await q("metric=tokens&groupBy=user")).json.issues?.map((i) => i.path)).toEqual(["groupBy"]);
    expect((await q("metric=tokens&from=yesterday")).status).toBe(400);
    expect((await q("metric=nope")).status).toBe(404);
    expect((await q("metric=tokens", "nobody")).status).toBe(404);
  });
});

describe("metric dimensions", () => {
  it("grow when a plan charge filters by a new property, and the rollups are rebuilt from raw events", async () => {
    const c = await customerWithContract("dims-1");
    const events = [event("d-1", "dims-1", { tokens: 5, model: "a" }), event("d-2", "dims-1", { tokens: 7, model: "b" })];
    expect((await post("/events/batch", { events })).json).toMatchObject({ accepted: 2 });
    expect((await rollupTotals("tokens", c.id)).map((r) => r.groupKey)).toEqual(["{}"]);
    const plan = { code: "per-model", name: "Per model", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "1", filters: { model: ["a"] } }] };
    expect((await rest("POST", "/plans", { key: org.apiKey, body: plan })).status).toBe(201);
    const rows = await rollupTotals("tokens", c.id);
    expect(rows.map((r) => [r.groupKey, r.sum.toString()]).sort()).toEqual([
      ['{"model":"a"}', "5"],
      ['{"model":"b"}', "7"],
    ]);
    const byModel = await rest("GET", "/customers/dims-1/usage?metric=tokens&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=model", { key: org.apiKey });
    expect((byModel.json.data as { value: string }[]).map((d) => d.value)).toEqual(["5", "7"]);
  });
});
