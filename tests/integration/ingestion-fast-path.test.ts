import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { handleEventBatch } from "@/server/usage/http";
import { SETTLE_LOCK_KEY } from "@/server/usage/usage-locks";
import { createTestOrganization, rest, settleUsageRollups } from "./helpers";

// The batch path's moving parts: events by COPY, rollup deltas left pending for the settler,
// and the per-organization cache that a trigger-maintained version keeps honest.
type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let outsider: pg.Client;

async function batch(events: unknown[]) {
  const req = new Request("http://localhost/api/v1/events/batch", {
    method: "POST",
    headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const res = await handleEventBatch(req);
  return { status: res.status, json: (await res.json()) as { accepted: number; duplicates: number; rejected: number; errors: { index: number; message: string }[] } };
}

const event = (id: string, customer: string, tokens: number, timestamp = "2026-01-10T12:00:00Z") => ({ id, customer, type: "fp", timestamp, properties: { tokens } });

async function customer(externalId: string) {
  const created = await rest("POST", "/customers", { key: org.apiKey, body: { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD" } });
  expect(created.status).toBe(201);
  expect((await rest("POST", `/customers/${externalId}/contracts`, { key: org.apiKey, body: { planCode: "fp", startsAt: "2026-01-01T00:00:00Z" } })).status).toBe(201);
  return db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId } });
}

async function usageTotal(externalId: string) {
  const res = await rest("GET", `/customers/${externalId}/usage?metric=fp-tokens&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`, { key: org.apiKey });
  expect(res.status).toBe(200);
  return (res.json as unknown as { data: { value: string }[] }).data.map((d) => d.value);
}

const pendingRows = async (customerId: string) =>
  Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "UsagePendingRollup" WHERE "customerId" = $1`, customerId))[0]!.n);

beforeAll(async () => {
  org = await createTestOrganization("Fast Path Org");
  expect((await rest("POST", "/event-schemas", { key: org.apiKey, body: { code: "fp", name: "Fast path", fields: [{ name: "tokens", type: "integer", required: true }] } })).status).toBe(201);
  expect((await rest("POST", "/metrics", { key: org.apiKey, body: { code: "fp-tokens", name: "Tokens", eventType: "fp", aggregation: "sum", field: "tokens" } })).status).toBe(201);
  const plan = { code: "fp", name: "Fast path", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "fp-tokens", model: "per_unit", unitPrice: "0.001" }] };
  expect((await rest("POST", "/plans", { key: org.apiKey, body: plan })).status).toBe(201);
  // Another session, as another process would hold one: writes behind the services' back.
  outsider = new pg.Client({ connectionString: env.DATABASE_URL });
  await outsider.connect();
});

afterAll(async () => {
  await outsider.end();
});

describe("pending rollup deltas", () => {
  it("are counted by usage reads before they are settled, and settling them changes no total", async () => {
    const c = await customer("fp-pending");
    // Hold the settle lock, as a settler in another process would: deltas stay pending.
    await outsider.query("BEGIN");
    await outsider.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [SETTLE_LOCK_KEY]);
    try {
      expect((await batch([event("p-1", "fp-pending", 40), event("p-2", "fp-pending", 2, "2026-01-10T12:20:00Z")])).json.accepted).toBe(2);
      expect((await batch([event("p-3", "fp-pending", 100), event("p-1", "fp-pending", 40)])).json).toMatchObject({ accepted: 1, duplicates: 1 });
      await new Promise((r) => setTimeout(r, 400)); // a settle is due by now, and finds the lock taken
      expect(await pendingRows(c.id)).toBeGreaterThan(0);
      expect(await db.usageRollup.count({ where: { customerId: c.id } })).toBe(0);
      expect(await usageTotal("fp-pending")).toEqual(["142"]);
    } finally {
      await outsider.query("COMMIT");
    }
    await settleUsageRollups();
    expect(await pendingRows(c.id)).toBe(0);
    const rollups = await db.usageRollup.findMany({ where: { customerId: c.id }, orderBy: { bucketStart: "asc" } });
    expect(rollups.map((r) => [r.bucketStart.toISOString(), r.eventCount, r.sum.toString()])).toEqual([
      ["2026-01-10T12:00:00.000Z", BigInt(2), "140"],
      ["2026-01-10T12:15:00.000Z", BigInt(1), "2"],
    ]);
    expect(await usageTotal("fp-pending")).toEqual(["142"]);
  });

  it("are settled by the server itself within a second", async () => {
    const c = await customer("fp-settled");
    expect((await batch([event("s-1", "fp-settled", 7)])).json.accepted).toBe(1);
    const deadline = Date.now() + 1_000;
    while ((await pendingRows(c.id)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await pendingRows(c.id)).toBe(0);
    expect((await db.usageRollup.findFirstOrThrow({ where: { customerId: c.id } })).sum.toString()).toBe("7");
  });
});

describe("invoiced periods", () => {
  it("refuse late usage with 422 once the closing invoice is finalized, in batches and single events", async () => {
    await customer("fp-closed");
    expect((await batch([event("l-1", "fp-closed", 5, "2026-01-20T00:00:00Z")])).json.accepted).toBe(1);
    const run = await rest("POST", "/billing-runs", { key: org.apiKey, body: { asOf: "2026-02-01T01:00:00Z" } });
    expect(run.status).toBe(200);
    const late = await batch([event("l-2", "fp-closed", 5, "2026-01-31T23:59:59Z"), event("l-3", "fp-closed", 5, "2026-02-01T00:00:00Z")]);
    expect(late.json).toMatchObject({ accepted: 1, rejected: 1 });
    expect(late.json.errors[0]).toMatchObject({ index: 0, message: expect.stringMatching(/^timestamp: falls in a period already invoiced \(.+, 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z\)$/) });
    const single = await rest("POST", "/events", { key: org.apiKey, body: event("l-4", "fp-closed", 5, "2026-01-05T00:00:00Z") });
    expect(single.status).toBe(422);
    expect(single.json.issues?.[0]?.path).toBe("timestamp");
    expect(await db.usageEvent.count({ where: { organizationId: org.organizationId, eventId: { in: ["l-2", "l-4"] } } })).toBe(0);
  });
});

describe("the ingestion cache", () => {
  it("sees at once a contract ended and a customer created by another process", async () => {
    const c = await customer("fp-cache");
    expect((await batch([event("c-1", "fp-cache", 1, "2026-01-20T00:00:00Z")])).json.accepted).toBe(1);
    await outsider.query(`UPDATE "Contract" SET "endsAt" = '2026-01-15 00:00:00' WHERE "customerId" = $1`, [c.id]);
    const refused = await batch([event("c-2", "fp-cache", 1, "2026-01-20T00:00:00Z"), event("c-3", "fp-cache", 1, "2026-01-14T00:00:00Z")]);
    expect(refused.json).toMatchObject({ accepted: 1, rejected: 1 });
    expect(refused.json.errors[0]).toMatchObject({ index: 0, message: expect.stringContaining("no contract active") });

    expect((await batch([event("n-1", "fp-newcomer", 1)])).json.errors[0]!.message).toContain('unknown customer "fp-newcomer"');
    const id = `cus-${Date.now()}`;
    await outsider.query(
      `INSERT INTO "Customer" (id, "organizationId", "externalId", name, email, currency, metadata, "updatedAt") VALUES ($1, $2, 'fp-newcomer', 'N', 'n@example.com', 'USD', '{}', now())`,
      [id, org.organizationId],
    );
    const plan = await db.plan.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "fp" }, include: { versions: true } });
    await outsider.query(
      `INSERT INTO "Contract" (id, "organizationId", "customerId", "planId", "planVersionId", timezone, "startsAt", "priceOverrides", "updatedAt") VALUES ($1, $2, $3, $4, $5, 'UTC', '2026-01-01 00:00:00', '[]', now())`,
      [`con-${id}`, org.organizationId, id, plan.id, plan.versions[0]!.id],
    );
    expect((await batch([event("n-2", "fp-newcomer", 1)])).json).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it("stores every batch exactly once while another process keeps changing customers", async () => {
    const c = await customer("fp-churn");
    // Every update bumps the organization's version, so cached state keeps going stale; the last
    // attempt of a batch reads its state inside its own transaction and cannot.
    let stop = false;
    let updates = 0;
    const churn = (async () => {
      while (!stop) {
        await outsider.query(`UPDATE "Customer" SET "lowBalanceThreshold" = $2 WHERE id = $1`, [c.id, String(updates++ % 7)]);
      }
    })();
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, b) => batch(Array.from({ length: 50 }, (_, k) => event(`ch-${b}-${k}`, "fp-churn", 1, `2026-01-1${b}T00:00:00Z`)))),
      );
      for (const r of results) expect(r).toMatchObject({ status: 200, json: { accepted: 50, duplicates: 0, rejected: 0 } });
    } finally {
      stop = true;
      await churn;
    }
    expect(updates).toBeGreaterThan(6);
    expect(await db.usageEvent.count({ where: { organizationId: org.organizationId, customerId: c.id } })).toBe(300);
    expect(await usageTotal("fp-churn")).toEqual(["300"]);
  });

  it("knows at once an event schema created by another process", async () => {
    await customer("fp-schema");
    const r = await batch([{ id: "t-1", customer: "fp-schema", type: "fp-late", timestamp: "2026-01-10T12:00:00Z", properties: {} }]);
    expect(r.json.errors[0]!.message).toContain('unknown event type "fp-late"');
    await outsider.query(`INSERT INTO "EventSchema" (id, "organizationId", code, name, fields, "updatedAt") VALUES ($1, $2, 'fp-late', 'Late', '[]', now())`, [`es-${Date.now()}`, org.organizationId]);
    expect((await batch([{ id: "t-1", customer: "fp-schema", type: "fp-late", timestamp: "2026-01-10T12:00:00Z", properties: {} }])).json.accepted).toBe(1);
  });
});
