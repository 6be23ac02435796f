import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createApiKey, post, signUp } from "./helpers";

// `npm start` answers POST /api/v1/events and /events/batch before Next.js (scripts/lib/
// production-server.ts). Through the real server: the same answers as the Next route handlers.
test("the production server's ingestion endpoints store, deduplicate and refuse like the API says", async ({ page, request }) => {
  await signUp(page, "Ingest HTTP");
  const key = await createApiKey(page);
  const auth = { authorization: `Bearer ${key}` };
  await post(request, key, "/event-schemas", { code: "llm", name: "LLM", fields: [{ name: "tokens", type: "integer", required: true }] });
  await post(request, key, "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await post(request, key, "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.001" }] });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme", email: "acme@example.com", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });

  const id = `evt-${randomBytes(6).toString("hex")}`;
  const event = { id, customer: "acme", type: "llm", timestamp: new Date(Date.now() - 60_000).toISOString(), properties: { tokens: 1200 } };
  const first = await request.post("/api/v1/events", { headers: auth, data: event });
  expect(first.status()).toBe(202);
  expect(await first.json()).toEqual({ accepted: 1, duplicates: 0 });
  const again = await request.post("/api/v1/events", { headers: auth, data: event });
  expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });

  const bad = await request.post("/api/v1/events", { headers: auth, data: { ...event, id: `${id}-b`, properties: { tokens: "many" } } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "properties.tokens", message: "must be an integer" }] });

  const batch = await request.post("/api/v1/events/batch", {
    headers: auth,
    data: { events: [{ ...event, id: `${id}-c` }, { ...event, id: `${id}-d`, customer: "nobody" }, event] },
  });
  expect(batch.status()).toBe(200);
  expect(await batch.json()).toEqual({ accepted: 1, duplicates: 1, rejected: 1, errors: [{ index: 1, id: `${id}-d`, message: 'customer: unknown customer "nobody"' }] });

  const cloud = await request.post("/api/v1/events", {
    headers: { ...auth, "content-type": "application/cloudevents+json" },
    data: JSON.stringify({ specversion: "1.0", id: `${id}-e`, source: "/tests", type: "llm", subject: "acme", data: { tokens: 5 } }),
  });
  expect(cloud.status()).toBe(202);

  expect((await request.post("/api/v1/events", { headers: { authorization: "Bearer eb_sk_nope" }, data: event })).status()).toBe(401);
  const tooBig = await request.post("/api/v1/events/batch", { headers: auth, data: { events: Array.from({ length: 10_001 }, (_, i) => ({ ...event, id: `${id}-${i}` })) } });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).message).toContain("at most 10000 events");

  // What was accepted is there: 1,200 + 1,200 + 5 tokens.
  // Read over the day before the events (a usage range spans at most a year, whatever today is).
  const from = new Date(Date.parse(event.timestamp) - 86_400_000).toISOString();
  const usage = await request.get(`/api/v1/customers/acme/usage?metric=tokens&from=${from}`, { headers: auth });
  expect(usage.status()).toBe(200);
  expect((await usage.json()).data).toEqual([expect.objectContaining({ value: "2405" })]);
});
