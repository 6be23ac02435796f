import { beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/server/auth/api-keys";
import { db } from "@/server/db";
import { groupCommitStats } from "@/server/usage/group-commit";
import { handleSingleEvent } from "@/server/usage/http";
import { createTestOrganization, rest, settleUsageRollups } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;

async function postSingle(body: unknown, key = org.apiKey) {
  const res = await handleSingleEvent(
    new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, json: (await res.json()) as { accepted?: number; duplicates?: number; issues?: { path: string }[]; message?: string } };
}

async function customerWithContract(externalId: string, startsAt = "2026-01-01T00:00:00Z") {
  const plan = await db.plan.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "gc" }, include: { versions: true } });
  const customer = await db.customer.create({
    data: { organizationId: org.organizationId, externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", metadata: {} },
  });
  await db.contract.create({
    data: { organizationId: org.organizationId, customerId: customer.id, planId: plan.id, planVersionId: plan.versions[0]!.id, timezone: "UTC", startsAt: new Date(startsAt), priceOverrides: [] },
  });
  return customer;
}

async function tokenTotal(customerId: string) {
  const metric = await db.billableMetric.findFirstOrThrow({ where: { organizationId: org.organizationId, code: "gc-tokens" } });
  await settleUsageRollups();
  const rows = await db.usageRollup.findMany({ where: { metricId: metric.id, customerId } });
  return { sum: rows.reduce((s, r) => s + Number(r.sum), 0), count: rows.reduce((s, r) => s + Number(r.eventCount), 0) };
}

const event = (id: string, customer: string, tokens: unknown, timestamp = "2026-01-10T12:00:00Z") => ({ id, customer, type: "gc", timestamp, properties: { tokens } });

beforeAll(async () => {
  org = await createTestOrganization("Group Commit Org");
  const ok = async (path: string, body: unknown) => expect((await rest("POST", path, { key: org.apiKey, body })).status).toBe(201);
  await ok("/event-schemas", { code: "gc", name: "GC", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("/metrics", { code: "gc-tokens", name: "Tokens", eventType: "gc", aggregation: "sum", field: "tokens" });
  await ok("/plans", { code: "gc", name: "GC", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "gc-tokens", model: "per_unit", unitPrice: "0.001" }] });
});

describe("group commit of concurrent single-event requests", () => {
  it("stores shared and distinct ids exactly once and answers each caller for its own event", async () => {
    const c = await customerWithContract("gc-1");
    const before = { ...groupCommitStats };
    // 20 ids, each sent by two concurrent callers, plus 20 ids sent once.
    const bodies = [
      ...Array.from({ length: 20 }, (_, i) => event(`shared-${i}`, "gc-1", i + 1)),
      ...Array.from({ length: 20 }, (_, i) => event(`shared-${i}`, "gc-1", i + 1)),
      ...Array.from({ length: 20 }, (_, i) => event(`own-${i}`, "gc-1", 100)),
    ];
    const answers = await Promise.all(bodies.map((b) => postSingle(b)));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    for (let i = 0; i < 20; i++) {
      const pair = [answers[i]!.json, answers[20 + i]!.json];
      expect(pair.map((j) => j.accepted).sort()).toEqual([0, 1]);
      expect(pair.map((j) => j.duplicates).sort()).toEqual([0, 1]);
    }
    expect(answers.slice(40).every((a) => a.json.accepted === 1 && a.json.duplicates === 0)).toBe(true);
    // They really were grouped: fewer groups than requests.
    expect(groupCommitStats.events - before.events).toBe(60);
    expect(groupCommitStats.groups - before.groups).toBeLessThan(60);

    expect(await db.usageEvent.count({ where: { customerId: c.id } })).toBe(40);
    expect(await tokenTotal(c.id)).toEqual({ sum: 210 + 2000, count: 40 });

    // Sent again later (another group): duplicates, nothing counted twice.
    const again = await Promise.all(bodies.slice(0, 20).map((b) => postSingle(b)));
    expect(again.every((a) => a.status === 202 && a.json.accepted === 0 && a.json.duplicates === 1)).toBe(true);
    expect(await tokenTotal(c.id)).toEqual({ sum: 2210, count: 40 });
  });

  it("reports each refusal to its own caller only, with the right status", async () => {
    const c = await customerWithContract("gc-2");
    await customerWithContract("gc-late", "2026-06-01T00:00:00Z");
    const bodies = [
      event("mix-ok-1", "gc-2", 5),
      event("mix-unknown", "nobody", 5),
      event("mix-ok-2", "gc-2", 6),
      event("mix-bad", "gc-2", "many"),
      event("mix-no-contract", "gc-late", 1),
      { customer: "gc-2", type: "gc", properties: { tokens: 1 } },
      event("mix-ok-3", "gc-2", 7),
    ];
    const answers = await Promise.all(bodies.map((b) => postSingle(b)));
    expect(answers.map((a) => a.status)).toEqual([202, 400, 202, 400, 422, 400, 202]);
    expect(answers[1]!.json.issues?.map((i) => i.path)).toEqual(["customer"]);
    expect(answers[3]!.json.issues?.map((i) => i.path)).toEqual(["properties.tokens"]);
    expect(answers[4]!.json.issues?.map((i) => i.path)).toEqual(["timestamp"]);
    expect(answers[5]!.json.issues?.map((i) => i.path)).toEqual(["id"]);
    expect(answers.filter((a) => a.status === 202).every((a) => a.json.accepted === 1)).toBe(true);
    expect(await tokenTotal(c.id)).toEqual({ sum: 18, count: 3 });
    const rejections = await db.usageRejection.findMany({ where: { organizationId: org.organizationId, eventId: { in: ["mix-unknown", "mix-bad", "mix-no-contract"] } } });
    expect(rejections.map((r) => r.eventId).sort()).toEqual(["mix-bad", "mix-no-contract", "mix-unknown"]);
  });

  it("isolates a caller whose event makes the group's transaction fail: the others are still stored", async () => {
    const c = await customerWithContract("gc-3");
    // Past the rollup column's 35 integer digits: the database refuses the group's upsert.
    const bodies = [event("iso-1", "gc-3", 1), event("iso-huge", "gc-3", 1e70), event("iso-2", "gc-3", 2)];
    const answers = await Promise.allSettled(bodies.map((b) => postSingle(b)));
    const value = (i: number) => {
      const a = answers[i]!;
      if (a.status === "rejected") throw new Error(`caller ${i} failed: ${String(a.reason)}`);
      return a.value;
    };
    expect([value(0), value(2)].map((v) => [v.status, v.json.accepted])).toEqual([
      [202, 1],
      [202, 1],
    ]);
    const huge = answers[1]!;
    expect(huge.status === "rejected" || (huge.status === "fulfilled" && huge.value.status >= 400)).toBe(true);
    expect(await db.usageEvent.count({ where: { customerId: c.id } })).toBe(2);
    expect(await tokenTotal(c.id)).toEqual({ sum: 3, count: 2 });
  });
});

describe("API key cache", () => {
  it("serves repeated lookups from memory, and a revocation takes effect at once in this process", async () => {
    const key = await createApiKey(org.ctx, { name: "cached" });
    expect(await authenticateApiKey(db, key.secret)).toMatchObject({ apiKeyId: key.id, organizationId: org.organizationId });
    expect(await authenticateApiKey(db, key.secret)).toMatchObject({ apiKeyId: key.id });
    await revokeApiKey(org.ctx, { id: key.id });
    expect(await authenticateApiKey(db, key.secret)).toBeNull();
    expect((await postSingle(event("after-revoke", "gc-1", 1), key.secret)).status).toBe(401);
  });
});
