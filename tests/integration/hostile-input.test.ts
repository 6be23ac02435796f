// What one caller sends never breaks billing for anyone (issue 12, items 1–4): bounded numbers
// and dates, unstorable text and deep nesting refused by field, strict UTF-8, object bodies with a
// size limit, and billing runs that bill every contract they can.
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { billingRunJob } from "@/server/inngest/functions/billing-run";
import { listBillingFailures } from "@/server/invoicing/billing-failures";
import { handleRestRequest } from "@/server/trpc/rest-handler";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;

const ok = async (method: string, path: string, body?: unknown) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.json;
};
const refused = async (method: string, path: string, body: unknown, status = 400) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
  return r.json;
};
const paths = (json: { issues?: { path: string }[] }) => (json.issues ?? []).map((i) => i.path);

beforeAll(async () => {
  org = await createTestOrganization("Hostile");
  await ok("POST", "/event-schemas", { code: "llm", name: "LLM", fields: [{ name: "tokens", type: "integer" }, { name: "cost", type: "number" }, { name: "model", type: "string" }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await ok("POST", "/plans", { code: "tok", name: "Tokens", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.000002" }] });
  await ok("POST", "/customers", { externalId: "h1", name: "H1", email: "h1@example.com", currency: "USD" });
  await ok("POST", "/customers/h1/contracts", { planCode: "tok", startsAt: "2026-01-01T00:00:00Z" });
});

const flatPlan = (code: string, amount: unknown, currency = "USD") => ({ code, name: code, currency, interval: "month", charges: [{ type: "flat", name: "Fee", amount }] });

describe("numbers are bounded by what the columns hold", () => {
  it("refuses a 40-digit flat amount, naming the field", async () => {
    const json = await refused("POST", "/plans", flatPlan("huge", "1".repeat(40)));
    expect(paths(json)).toEqual(["charges.0.amount"]);
    expect((await rest("GET", "/plans/huge", { key: org.apiKey })).status).toBe(404);
  });

  it("refuses 10^15 and more, and numbers JSON reads as infinity", async () => {
    expect(paths(await refused("POST", "/plans", flatPlan("p15", "1000000000000000")))).toEqual(["charges.0.amount"]);
    expect(paths(await refused("POST", "/plans", flatPlan("pinf", 1e300 * 1e300)))).toEqual(["charges.0.amount"]);
    await ok("POST", "/plans", flatPlan("p14", "999999999999999.99"));
  });

  it("flat amounts carry at most the currency's minor unit; unit prices take 12 decimals", async () => {
    expect(paths(await refused("POST", "/plans", flatPlan("usd3", "5.001")))).toEqual(["charges.0.amount"]);
    expect(paths(await refused("POST", "/plans", flatPlan("jpy1", "5.5", "JPY")))).toEqual(["charges.0.amount"]);
    await ok("POST", "/plans", flatPlan("usd2", "5.00"));
    const json = await refused("POST", "/customers/h1/credits", { amount: "5.001" });
    expect(paths(json)).toEqual(["amount"]);
  });

  it("refuses usage numbers of 10^15 or more by field, and keeps the valid events of a batch", async () => {
    const single = await refused("POST", "/events", { id: "big-1", customer: "h1", type: "llm", timestamp: "2026-01-05T00:00:00Z", properties: { tokens: 9e34 } });
    expect(paths(single)).toEqual(["properties.tokens"]);
    const batch = await ok("POST", "/events/batch", {
      events: [
        { id: "ok-1", customer: "h1", type: "llm", timestamp: "2026-01-05T00:00:00Z", properties: { tokens: 1000 } },
        { id: "big-2", customer: "h1", type: "llm", timestamp: "2026-01-05T00:00:00Z", properties: { tokens: "123456789012345678901234567890" } },
        { id: "big-3", customer: "h1", type: "llm", timestamp: "2026-01-05T00:00:00Z", properties: { cost: 1e35 } },
      ],
    });
    expect(batch).toMatchObject({ accepted: 1, rejected: 2 });
    expect((batch.errors as { index: number; message: string }[]).map((e) => e.index)).toEqual([1, 2]);
    expect((batch.errors as { message: string }[]).every((e) => /10\^15/.test(e.message))).toBe(true);
  });

  it("refuses 1e400 anywhere in an event (it would be stored as null)", async () => {
    const body = '{"id":"inf-1","customer":"h1","type":"llm","timestamp":"2026-01-05T00:00:00Z","properties":{"tokens":1,"note":1e400}}';
    const r = await rest("POST", "/events", { key: org.apiKey, body });
    expect(r.status).toBe(400);
    expect(paths(r.json)).toEqual(["properties"]);
  });
});

describe("instants are bounded", () => {
  it("refuses a contract starting in 9999 or 0000 and saves nothing", async () => {
    await ok("POST", "/customers", { externalId: "far", name: "Far", email: "far@example.com", currency: "USD" });
    for (const startsAt of ["9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"]) {
      expect(paths(await refused("POST", "/customers/far/contracts", { planCode: "tok", startsAt }))).toEqual(["startsAt"]);
    }
    expect(((await ok("GET", "/customers/far/contracts")).data as unknown[]).length).toBe(0);
    // The plan is still free for this customer.
    await ok("POST", "/customers/far/contracts", { planCode: "tok", startsAt: "2026-01-01T00:00:00Z" });
  });

  it("refuses an event before 2000 and a billing run asOf outside the window", async () => {
    expect(paths(await refused("POST", "/events", { id: "old-1", customer: "h1", type: "llm", timestamp: "1970-01-01T00:00:00Z", properties: { tokens: 1 } }))).toEqual(["timestamp"]);
    expect(paths(await refused("POST", "/billing-runs", { asOf: "0001-01-01T00:00:00Z" }))).toEqual(["asOf"]);
  });
});

describe("text and structure no column can store as sent", () => {
  it("refuses NUL in names, metadata, addresses and credit reasons, by field", async () => {
    expect(paths(await refused("POST", "/plans", { ...flatPlan("nul", "1.00"), name: "A\u0000B" }))).toEqual(["name"]);
    expect(paths(await refused("POST", "/customers", { externalId: "nul1", name: "N\u0000", email: "n@example.com", currency: "USD" }))).toEqual(["name"]);
    expect(paths(await refused("POST", "/customers", { externalId: "nul2", name: "N", email: "n@example.com", currency: "USD", metadata: { plan: "x\u0000" } }))).toEqual(["metadata.plan"]);
    expect(paths(await refused("POST", "/customers", { externalId: "nul3", name: "N", email: "n@example.com", currency: "USD", address: { line1: "\u0000" } }))).toEqual(["address.line1"]);
    expect(paths(await refused("POST", "/customers/h1/credits", { amount: "1.00", reason: "r\u0000" }))).toEqual(["reason"]);
    expect(paths(await refused("POST", "/events", { id: "e\u0000", customer: "h1", type: "llm", properties: {} }))).toEqual(["id"]);
  });

  it("refuses lone surrogates rather than storing U+FFFD", async () => {
    expect(paths(await refused("POST", "/customers", { externalId: "sur", name: "A\ud800B", email: "s@example.com", currency: "USD" }))).toEqual(["name"]);
    expect((await rest("GET", "/customers/sur", { key: org.apiKey })).status).toBe(404);
  });

  it("refuses invalid UTF-8 bytes in a body", async () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('","customer":"h1","type":"llm","properties":{}}')]);
    const headers = { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" };
    const { handleSingleEvent } = await import("@/server/usage/http");
    const event = await handleSingleEvent(new Request("http://localhost/api/v1/events", { method: "POST", headers, body: bytes }));
    expect(event.status).toBe(400);
    expect(((await event.json()) as { message: string }).message).toMatch(/UTF-8/);
    const customer = await handleRestRequest(new Request("http://localhost/api/v1/customers", { method: "POST", headers, body: Buffer.concat([Buffer.from('{"externalId":"u8","name":"'), Buffer.from([0xc3]), Buffer.from('","email":"u@example.com","currency":"USD"}')]) }));
    expect(customer.status).toBe(400);
  });

  it("refuses nesting 10,000 levels deep without a 500, in a single event, a batch and other endpoints", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const single = await rest("POST", "/events", { key: org.apiKey, body: `{"id":"deep-1","customer":"h1","type":"llm","timestamp":"2026-01-05T00:00:00Z","properties":{"tokens":1,"x":${deep}}}` });
    expect(single.status).toBe(400);
    expect(paths(single.json)).toEqual(["properties"]);
    const batch = await rest("POST", "/events/batch", {
      key: org.apiKey,
      body: `{"events":[{"id":"deep-ok","customer":"h1","type":"llm","timestamp":"2026-01-05T00:00:00Z","properties":{"tokens":1}},{"id":"deep-2","customer":"h1","type":"llm","properties":{"x":${deep}}}]}`,
    });
    expect(batch.status).toBe(200);
    expect(batch.json).toMatchObject({ accepted: 1, rejected: 1 });
    const customer = await rest("POST", "/customers", { key: org.apiKey, body: `{"externalId":"deep","name":"D","email":"d@example.com","currency":"USD","metadata":{"x":${deep}}}` });
    expect(customer.status).toBe(400);
  });
});

describe("bodies", () => {
  it("refuses a non-object body: an array to POST /billing-runs runs nothing", async () => {
    const before = await db.invoice.count({ where: { organizationId: org.organizationId } });
    const json = await refused("POST", "/billing-runs", []);
    expect(json.message).toMatch(/JSON object/);
    expect(await db.invoice.count({ where: { organizationId: org.organizationId } })).toBe(before);
  });

  it("answers 413 to a 10 MB body on a REST endpoint", async () => {
    const r = await rest("POST", "/customers", { key: org.apiKey, body: { externalId: "big", name: "x".repeat(10 * 1024 * 1024), email: "b@example.com", currency: "USD" } });
    expect(r.status).toBe(413);
    expect(r.json.message).toMatch(/1 MiB/);
  });
});

describe("a contract that cannot be billed", () => {
  /** A plan stored as an older version of the app might have (before amounts were bounded). */
  async function unbillable(target: Org, externalId: string) {
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await rest(method, path, { key: target.apiKey, body });
      expect(r.status, r.text).toBeLessThan(300);
      return r.json;
    };
    await call("POST", "/plans", flatPlan(`bad-${externalId}`, "10.00"));
    const plan = await db.plan.findFirstOrThrow({ where: { organizationId: target.organizationId, code: `bad-${externalId}` } });
    await db.planVersion.updateMany({ where: { planId: plan.id }, data: { charges: [{ type: "flat", name: "Fee", amount: "1".repeat(40), timing: "arrears", prorate: true }] } });
    await call("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD" });
    return call("POST", `/customers/${externalId}/contracts`, { planCode: `bad-${externalId}`, startsAt: "2026-01-01T00:00:00Z" });
  }

  it("is reported with its error in the run's answer and on the dashboard, and the others are billed", async () => {
    const bad = await unbillable(org, "unbillable");
    const run = await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    const failures = run.failures as { contractId: string; customer: string; message: string }[];
    expect(failures.map((f) => [f.contractId, f.customer])).toEqual([[bad.id, "unbillable"]]);
    expect(failures[0]!.message).toMatch(/too large to invoice/);
    // h1's January closed all the same.
    const invoices = (await ok("GET", "/invoices?customer=h1")).data as { periodStart: string }[];
    expect(invoices.map((i) => i.periodStart)).toContain("2026-01-01T00:00:00.000Z");
    expect((await listBillingFailures(org.ctx)).map((f) => f.contractId)).toEqual([bad.id]);

    // Fixed (the plan repaired), the next run bills it and the failure is gone.
    const plan = await db.plan.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "bad-unbillable" } });
    await db.planVersion.updateMany({ where: { planId: plan.id }, data: { charges: [{ type: "flat", name: "Fee", amount: "10.00", timing: "arrears", prorate: true }] } });
    const rerun = await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    expect(rerun.failures).toBeUndefined();
    expect(await listBillingFailures(org.ctx)).toEqual([]);
  });

  it("does not stop the hourly job: the organizations after it are billed", async () => {
    const broken = await createTestOrganization("Broken org");
    const healthy = await createTestOrganization("Healthy org");
    await unbillable(broken, "stuck");
    const call = (method: string, path: string, body?: unknown) => rest(method, path, { key: healthy.apiKey, body });
    await call("POST", "/plans", flatPlan("fine", "10.00"));
    await call("POST", "/customers", { externalId: "fine", name: "Fine", email: "fine@example.com", currency: "USD" });
    await call("POST", "/customers/fine/contracts", { planCode: "fine", startsAt: "2026-01-01T00:00:00Z" });
    const before = await db.invoice.count({ where: { organizationId: healthy.organizationId } });
    const steps = [{ id: "list-organizations", handler: () => [broken.organizationId, healthy.organizationId] }];
    const { result } = await new InngestTestEngine({ function: billingRunJob, steps }).execute();
    expect(result).toMatchObject({ contractsFailed: 1 });
    expect(await db.invoice.count({ where: { organizationId: healthy.organizationId } })).toBeGreaterThan(before);
    expect((await listBillingFailures(broken.ctx)).map((f) => f.customer)).toEqual(["stuck"]);
  });
});
