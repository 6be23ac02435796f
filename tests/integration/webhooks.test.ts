import { InngestTestEngine } from "@inngest/test";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { webhookDeliveryJob } from "@/server/inngest/functions/webhook-delivery";
import { webhookRetryJob } from "@/server/inngest/functions/webhook-retry";
import { attemptWebhookDelivery, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_TIMEOUT_MS } from "@/server/notify/webhook-delivery";
import { enqueueWebhookEvent, recordWebhookEvent, verifyWebhookSignature } from "@/server/notify/webhooks";
import { createTestOrganization, recordDeliveriesByHand, rest, settleEvents } from "./helpers";

// A real receiver on 127.0.0.1 (random port). Each path answers by its own script, so tests
// sharing the server never see each other's requests.
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; body?: string; delayMs?: number };

let server: Server;
let baseUrl: string;
const received: Received[] = [];
const scripts = new Map<string, Reply[]>();

function receiver(path: string, ...replies: Reply[]) {
  scripts.set(path, replies);
  return {
    url: `${baseUrl}${path}`,
    requests: () => received.filter((r) => r.path === path),
    /** Replaces the remaining replies (the last one repeats). */
    then: (...next: Reply[]) => scripts.set(path, next),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const queue = scripts.get(path) ?? [];
      const reply = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 200 };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { "content-type": "text/plain" }).end(reply.body ?? "ok");
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Org = Awaited<ReturnType<typeof createTestOrganization>>;

async function createEndpoint(org: Org, url: string, events: string[] = ["invoice.finalized"]) {
  const res = await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url, events } });
  expect(res.status).toBe(201);
  return res.json as { id: string; secret: string; url: string; events: string[] };
}

const delivery = (id: string) => db.webhookDelivery.findUniqueOrThrow({ where: { id } });
let eventCounter = 0;
const eventId = (label: string) => `${label}-${Date.now()}-${(eventCounter += 1)}`;

describe("webhook endpoints over REST", () => {
  it("creates an endpoint (201) with a whsec_ secret shown once; lists and gets it without the secret", async () => {
    const org = await createTestOrganization("Webhook Org");
    const res = await rest("POST", "/webhook-endpoints", {
      key: org.apiKey,
      body: { url: "https://example.com/hooks", events: ["invoice.paid", "invoice.created", "invoice.paid"], description: "ERP" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url: "https://example.com/hooks", events: ["invoice.paid", "invoice.created"], description: "ERP", disabled: false, disabledAt: null });
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(res.json.createdAt).toMatch(/Z$/);
    const id = res.json.id as string;

    const list = await rest("GET", "/webhook-endpoints", { key: org.apiKey });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ data: [{ id, url: "https://example.com/hooks" }], nextCursor: null });
    expect(list.text).not.toContain("whsec_");

    const got = await rest("GET", `/webhook-endpoints/${id}`, { key: org.apiKey });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, events: ["invoice.paid", "invoice.created"] });
    expect(got.json.secret).toBeUndefined();
  });

  it("accepts plain http only for localhost and 127.0.0.1", async () => {
    const org = await createTestOrganization();
    for (const url of ["http://localhost:4000/hooks", "http://127.0.0.1:9/x"]) {
      expect((await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url, events: ["balance.low"] } })).status).toBe(201);
    }
    const refused = await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url: "http://example.com/hooks", events: ["balance.low"] } });
    expect(refused.status).toBe(400);
    expect(refused.json.issues).toEqual([{ path: "url", message: expect.stringContaining("https") }]);
  });

  it("answers 400 naming each bad field", async () => {
    const org = await createTestOrganization();
    const bad = async (body: unknown) => {
      const res = await rest("POST", "/webhook-endpoints", { key: org.apiKey, body });
      expect(res.status).toBe(400);
      return res.json.issues!.map((i) => i.path).sort();
    };
    expect(await bad({})).toEqual(["events", "url"]);
    expect(await bad({ url: "not a url", events: [] })).toEqual(["events", "url"]);
    expect(await bad({ url: "ftp://example.com/x", events: ["invoice.created"] })).toEqual(["url"]);
    expect(await bad({ url: "https://example.com", events: ["invoice.created", "invoice.exploded"] })).toEqual(["events.1"]);
    expect(await bad({ url: "https://example.com", events: "invoice.created" })).toEqual(["events"]);

    const { id } = await createEndpoint(org, "https://example.com/ok");
    const patch = await rest("PATCH", `/webhook-endpoints/${id}`, { key: org.apiKey, body: { events: [], disabled: "yes" } });
    expect(patch.status).toBe(400);
    expect(patch.json.issues!.map((i) => i.path).sort()).toEqual(["disabled", "events"]);
  });

  it("updates, disables, re-enables and deletes an endpoint", async () => {
    const org = await createTestOrganization();
    const { id } = await createEndpoint(org, "https://example.com/a");
    const updated = await rest("PATCH", `/webhook-endpoints/${id}`, { key: org.apiKey, body: { url: "https://example.com/b", events: ["contract.ended"] } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ url: "https://example.com/b", events: ["contract.ended"], disabled: false });
    const disabled = await rest("PATCH", `/webhook-endpoints/${id}`, { key: org.apiKey, body: { disabled: true } });
    expect(disabled.json).toMatchObject({ disabled: true, disabledAt: expect.stringMatching(/Z$/) });
    const enabled = await rest("PATCH", `/webhook-endpoints/${id}`, { key: org.apiKey, body: { disabled: false } });
    expect(enabled.json).toMatchObject({ disabled: false, disabledAt: null });
    expect((await rest("DELETE", `/webhook-endpoints/${id}`, { key: org.apiKey })).status).toBe(200);
    expect((await rest("GET", `/webhook-endpoints/${id}`, { key: org.apiKey })).status).toBe(404);
  });

  it("hides another organization's endpoints and deliveries (404)", async () => {
    const owner = await createTestOrganization("Owner");
    const other = await createTestOrganization("Other");
    const hook = receiver("/cross-org");
    const { id } = await createEndpoint(owner, hook.url);
    const { deliveryIds } = await enqueueWebhookEvent(db, { organizationId: owner.organizationId, type: "invoice.finalized", eventId: eventId("x"), data: {} });
    expect(deliveryIds).toHaveLength(1);
    const calls: [string, string, unknown?][] = [
      ["GET", `/webhook-endpoints/${id}`],
      ["PATCH", `/webhook-endpoints/${id}`, { disabled: true }],
      ["DELETE", `/webhook-endpoints/${id}`],
      ["GET", `/webhook-endpoints/${id}/deliveries`],
      ["GET", `/webhook-deliveries/${deliveryIds[0]}`],
      ["POST", `/webhook-deliveries/${deliveryIds[0]}/resend`],
    ];
    for (const [method, path, body] of calls) {
      const res = await rest(method, path, { key: other.apiKey, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    expect((await rest("GET", "/webhook-endpoints", { key: other.apiKey })).json.data).toEqual([]);
    expect((await rest("GET", `/webhook-endpoints/${id}`, { key: owner.apiKey })).status).toBe(200);
    await settleEvents(owner.organizationId);
    expect(hook.requests()).toHaveLength(1);
  });

  it("is described in the OpenAPI document", async () => {
    const { openApiDocument } = await import("@/server/trpc/openapi");
    const paths = openApiDocument().paths ?? {};
    expect(Object.keys(paths["/webhook-endpoints"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/webhook-endpoints/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    expect(paths["/webhook-endpoints/{id}/deliveries"]?.get).toBeDefined();
    expect(paths["/webhook-deliveries/{id}/resend"]?.post).toBeDefined();
  });

  it("requires an API key", async () => {
    expect((await rest("GET", "/webhook-endpoints")).status).toBe(401);
  });
});

describe("webhook delivery", () => {
  it("POSTs the signed JSON body { id, type, createdAt, data } to each subscribed endpoint", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/signed");
    const endpoint = await createEndpoint(org, hook.url, ["invoice.finalized", "invoice.paid"]);
    const id = eventId("inv");
    const before = Math.floor(Date.now() / 1000);
    const { deliveryIds } = await enqueueWebhookEvent(db, {
      organizationId: org.organizationId,
      type: "invoice.finalized",
      eventId: id,
      data: { invoice: { id: "inv_1", total: "12.30", issuedAt: new Date("2026-11-01T00:00:00Z") } },
    });
    await settleEvents(org.organizationId);

    const [request] = hook.requests();
    expect(hook.requests()).toHaveLength(1);
    expect(request!.headers["content-type"]).toBe("application/json");
    const header = request!.headers["easybilling-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const t = Number(/^t=(\d+)/.exec(header)![1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(verifyWebhookSignature(endpoint.secret, header, request!.body, 300)).toBe(true);
    expect(verifyWebhookSignature(endpoint.secret, header, request!.body.replace("12.30", "99.99"), 300)).toBe(false);
    expect(verifyWebhookSignature("whsec_wrong", header, request!.body, 300)).toBe(false);

    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["id", "type", "createdAt", "data"]);
    expect(body).toEqual({
      id,
      type: "invoice.finalized",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      data: { invoice: { id: "inv_1", total: "12.30", issuedAt: "2026-11-01T00:00:00.000Z" } },
    });

    expect(await delivery(deliveryIds[0]!)).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lastError: null, lastResponseBody: "ok", nextAttemptAt: null });

    const log = await rest("GET", `/webhook-endpoints/${endpoint.id}/deliveries`, { key: org.apiKey });
    expect(log.status).toBe(200);
    expect(log.json.data).toEqual([
      expect.objectContaining({ id: deliveryIds[0], eventId: id, eventType: "invoice.finalized", status: "succeeded", attempts: 1, lastStatusCode: 200, deliveredAt: expect.stringMatching(/Z$/), payload: body }),
    ]);
    expect((await rest("GET", `/webhook-endpoints/${endpoint.id}/deliveries?status=failed`, { key: org.apiKey })).json.data).toEqual([]);
  });

  it("delivers an event once per endpoint however often it is enqueued, and only to enabled subscribers", async () => {
    const org = await createTestOrganization();
    const a = receiver("/idem-a");
    const b = receiver("/idem-b");
    const unsubscribed = receiver("/idem-unsubscribed");
    const disabled = receiver("/idem-disabled");
    await createEndpoint(org, a.url, ["contract.activated"]);
    await createEndpoint(org, b.url, ["contract.activated", "contract.ended"]);
    await createEndpoint(org, unsubscribed.url, ["contract.ended"]);
    const off = await createEndpoint(org, disabled.url, ["contract.activated"]);
    await rest("PATCH", `/webhook-endpoints/${off.id}`, { key: org.apiKey, body: { disabled: true } });

    const event = { organizationId: org.organizationId, type: "contract.activated" as const, eventId: eventId("contract"), data: { contractId: "c1" } };
    const first = await enqueueWebhookEvent(db, event);
    const second = await enqueueWebhookEvent(db, event);
    await Promise.all([enqueueWebhookEvent(db, event), enqueueWebhookEvent(db, event)]);
    expect(first.deliveryIds).toHaveLength(2);
    expect(second.deliveryIds).toEqual([]);
    expect(await db.webhookDelivery.count({ where: { organizationId: org.organizationId, eventId: event.eventId } })).toBe(2);
    await settleEvents(org.organizationId);
    expect(a.requests()).toHaveLength(1);
    expect(b.requests()).toHaveLength(1);
    expect(unsubscribed.requests()).toHaveLength(0);
    expect(disabled.requests()).toHaveLength(0);
  });

  it("refuses an unknown event type from the app", async () => {
    const org = await createTestOrganization();
    await expect(
      enqueueWebhookEvent(db, { organizationId: org.organizationId, type: "invoice.exploded" as "invoice.paid", eventId: "e", data: {} }),
    ).rejects.toMatchObject({ name: "Invalid", issues: [expect.objectContaining({ path: "type" })] });
  });

  it("records 5xx, 4xx, timeouts and refused connections and schedules the next attempt", async () => {
    const org = await createTestOrganization();
    const flaky = receiver("/flaky", { status: 503, body: "down for maintenance" });
    await createEndpoint(org, flaky.url, ["payment.failed"]);
    const started = Date.now();
    const { deliveryIds } = await enqueueWebhookEvent(db, { organizationId: org.organizationId, type: "payment.failed", eventId: eventId("pay"), data: {} });
    await settleEvents(org.organizationId);
    const id = deliveryIds[0]!;
    let row = await delivery(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 503, lastError: "HTTP 503", lastResponseBody: "down for maintenance", deliveredAt: null });
    // In-process there is no sleeping: the delivery waits for the retry cron, due in a minute.
    expect(row.nextAttemptAt!.getTime() - started).toBeGreaterThanOrEqual(60_000);
    expect(row.nextAttemptAt!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    // Not due yet: a due-driven attempt does nothing.
    expect(await attemptWebhookDelivery(db, id)).toMatchObject({ attempted: false, status: "pending", attempts: 1 });

    flaky.then({ status: 410, body: "gone" });
    expect(await attemptWebhookDelivery(db, id, { afterAttempts: 1 })).toMatchObject({ attempted: true, status: "pending", attempts: 2, statusCode: 410, error: "HTTP 410" });

    flaky.then({ status: 200, delayMs: 2_000 });
    const timedOut = await attemptWebhookDelivery(db, id, { afterAttempts: 2, timeoutMs: 300 });
    expect(timedOut).toMatchObject({ attempted: true, status: "pending", attempts: 3, statusCode: null, error: "Timed out after 0.3 s" });
    expect(WEBHOOK_TIMEOUT_MS).toBe(10_000);

    // The same attempt twice (a replayed step) posts nothing.
    const requests = flaky.requests().length;
    expect(await attemptWebhookDelivery(db, id, { afterAttempts: 2 })).toMatchObject({ attempted: false, attempts: 3 });
    expect(flaky.requests()).toHaveLength(requests);

    // Nothing listens on this port any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await rest("PATCH", `/webhook-endpoints/${row.endpointId}`, { key: org.apiKey, body: { url: `http://127.0.0.1:${port}/gone` } });
    const refused = await attemptWebhookDelivery(db, id, { afterAttempts: 3 });
    expect(refused).toMatchObject({ attempted: true, status: "pending", attempts: 4, statusCode: null, error: expect.stringContaining("ECONNREFUSED") });
    row = await delivery(id);
    expect(row.lastStatusCode).toBeNull();
  });

  it("backs off 1m, 5m, 30m, 2h, 8h and gives up after the sixth attempt", async () => {
    const org = await createTestOrganization();
    const down = receiver("/always-down", { status: 500 });
    await createEndpoint(org, down.url, ["balance.depleted"]);
    const [recorded] = await recordDeliveriesByHand({ organizationId: org.organizationId, type: "balance.depleted", eventId: eventId("bal"), data: {} });
    const id = recorded!.id;
    let now = new Date("2030-01-01T00:00:00Z");
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt += 1) {
      const result = await attemptWebhookDelivery(db, id, { now: () => now });
      expect(result).toMatchObject({ attempted: true, attempts: attempt });
      if (result.nextAttemptAt) {
        gaps.push((new Date(result.nextAttemptAt).getTime() - now.getTime()) / 60_000);
        now = new Date(result.nextAttemptAt);
      }
    }
    expect(gaps).toEqual([1, 5, 30, 120, 480]);
    expect(await delivery(id)).toMatchObject({ status: "failed", attempts: 6, nextAttemptAt: null, lastStatusCode: 500 });
    expect(down.requests()).toHaveLength(6);
    expect(await attemptWebhookDelivery(db, id, { now: () => new Date("2031-01-01T00:00:00Z") })).toMatchObject({ attempted: false, status: "failed" });
  });

  it("fails a pending delivery whose endpoint was disabled, without calling it", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/disabled-later");
    const endpoint = await createEndpoint(org, hook.url, ["invoice.created"]);
    // Disabled in the transaction that records the delivery, so the relay never sees it enabled.
    const [recorded] = await db.$transaction(async (tx) => {
      const deliveries = await recordWebhookEvent(tx, { organizationId: org.organizationId, type: "invoice.created", eventId: eventId("inv"), data: {} });
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date() } });
      return deliveries;
    });
    // Whoever attempts first (the relay or this call) finds the endpoint disabled.
    expect(await attemptWebhookDelivery(db, recorded!.id)).toMatchObject({ attempted: false, status: "failed", error: "Endpoint disabled" });
    expect(hook.requests()).toHaveLength(0);
    const resend = await rest("POST", `/webhook-deliveries/${recorded!.id}/resend`, { key: org.apiKey });
    expect(resend.status).toBe(409);
  });

  it("re-sends a delivery: a fresh attempt with the same event id", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/resend", { status: 500 });
    await createEndpoint(org, hook.url, ["invoice.paid"]);
    const id = eventId("paid");
    const { deliveryIds } = await enqueueWebhookEvent(db, { organizationId: org.organizationId, type: "invoice.paid", eventId: id, data: { n: 1 } });
    await settleEvents(org.organizationId);
    expect(await delivery(deliveryIds[0]!)).toMatchObject({ status: "pending", attempts: 1 });

    hook.then({ status: 204, body: "" });
    const resent = await rest("POST", `/webhook-deliveries/${deliveryIds[0]}/resend`, { key: org.apiKey });
    expect(resent.status).toBe(200);
    expect(resent.json).toMatchObject({ id: deliveryIds[0], status: "succeeded", attempts: 1, lastStatusCode: 204, lastError: null });
    // A succeeded delivery can be re-sent too (the receiver lost it).
    const again = await rest("POST", `/webhook-deliveries/${deliveryIds[0]}/resend`, { key: org.apiKey });
    expect(again.json).toMatchObject({ status: "succeeded", attempts: 1 });

    const bodies = hook.requests().map((r) => JSON.parse(r.body) as { id: string });
    expect(bodies.map((b) => b.id)).toEqual([id, id, id]);
    expect(new Set(hook.requests().map((r) => r.body)).size).toBe(1);
    expect((await rest("POST", "/webhook-deliveries/nope/resend", { key: org.apiKey })).status).toBe(404);
  });
});

describe("test events", () => {
  it("sends webhook.test to one endpoint whatever it subscribes to, and logs it", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/test-event");
    const endpoint = await createEndpoint(org, hook.url, ["invoice.paid"]);
    const res = await rest("POST", `/webhook-endpoints/${endpoint.id}/test`, { key: org.apiKey });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ eventType: "webhook.test", status: "succeeded", attempts: 1, lastStatusCode: 200 });
    const [request] = hook.requests();
    expect(verifyWebhookSignature(endpoint.secret, request!.headers["easybilling-signature"] as string, request!.body, 300)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({ id: res.json.eventId, type: "webhook.test", data: { endpointId: endpoint.id } });
    const log = await rest("GET", `/webhook-endpoints/${endpoint.id}/deliveries`, { key: org.apiKey });
    expect(log.json.data).toEqual([expect.objectContaining({ id: res.json.id, eventType: "webhook.test" })]);

    await rest("PATCH", `/webhook-endpoints/${endpoint.id}`, { key: org.apiKey, body: { disabled: true } });
    expect((await rest("POST", `/webhook-endpoints/${endpoint.id}/test`, { key: org.apiKey })).status).toBe(409);
    const other = await createTestOrganization();
    expect((await rest("POST", `/webhook-endpoints/${endpoint.id}/test`, { key: other.apiKey })).status).toBe(404);
  });
});

describe("webhook delivery on Inngest", () => {
  // Sleeps are mocked steps: each engine gets fresh mocks (the engine keeps state on them).
  const sleeps = () => ["backoff-1", "backoff-2", "backoff-3", "backoff-4", "backoff-5"].map((id) => ({ id, handler: () => undefined }));

  it("retries with step.sleep between attempts until the receiver accepts", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/inngest-retry", { status: 500 }, { status: 502 }, { status: 200 });
    await createEndpoint(org, hook.url, ["contract.ended"]);
    const [recorded] = await recordDeliveriesByHand({ organizationId: org.organizationId, type: "contract.ended", eventId: eventId("end"), data: {} });
    const event = { name: "webhook.delivery.requested", data: { organizationId: org.organizationId, deliveryId: recorded!.id } };

    const run = await new InngestTestEngine({ function: webhookDeliveryJob, steps: sleeps() }).execute({ events: [event] });
    expect(run.result).toMatchObject({ status: "succeeded", attempts: 3, statusCode: 200 });
    expect(run.ctx.step.sleep).toHaveBeenNthCalledWith(1, "backoff-1", "1m");
    expect(run.ctx.step.sleep).toHaveBeenNthCalledWith(2, "backoff-2", "5m");
    expect(run.ctx.step.sleep).toHaveBeenCalledTimes(2);
    expect(run.ctx.step.run).toHaveBeenCalledWith("attempt-3", expect.any(Function));
    expect(hook.requests()).toHaveLength(3);
    expect(await delivery(recorded!.id)).toMatchObject({ status: "succeeded", attempts: 3, deliveredAt: expect.any(Date) });

    // A duplicate run of the same event sends nothing more.
    const replay = await new InngestTestEngine({ function: webhookDeliveryJob, steps: sleeps() }).execute({ events: [event] });
    expect(replay.result).toMatchObject({ status: "succeeded", attempted: false });
    expect(hook.requests()).toHaveLength(3);
  });

  it("gives up after the last backoff (1m, 5m, 30m, 2h, 8h) and marks the delivery failed", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/inngest-down", { status: 500 });
    await createEndpoint(org, hook.url, ["balance.low"]);
    const [recorded] = await recordDeliveriesByHand({ organizationId: org.organizationId, type: "balance.low", eventId: eventId("low"), data: {} });
    const event = { name: "webhook.delivery.requested", data: { organizationId: org.organizationId, deliveryId: recorded!.id } };
    const run = await new InngestTestEngine({ function: webhookDeliveryJob, steps: sleeps() }).execute({ events: [event] });
    expect(run.result).toMatchObject({ status: "failed", attempts: 6 });
    expect(run.ctx.step.sleep.mock.calls.map((c) => c[1])).toEqual(["1m", "5m", "30m", "2h", "8h"]);
    expect(hook.requests()).toHaveLength(6);
  });

  it("the retry cron attempts deliveries left pending past their time", async () => {
    const org = await createTestOrganization();
    const hook = receiver("/cron", { status: 500 });
    await createEndpoint(org, hook.url, ["invoice.created"]);
    const { deliveryIds } = await enqueueWebhookEvent(db, { organizationId: org.organizationId, type: "invoice.created", eventId: eventId("cron"), data: {} });
    await settleEvents(org.organizationId);
    const id = deliveryIds[0]!;
    await db.webhookDelivery.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 10 * 60_000) } });
    hook.then({ status: 200 });
    // Only this test's delivery: the test database holds other tests' pending deliveries too.
    const steps = () => [{ id: "list-due-deliveries", handler: () => [id] }];
    const run = await new InngestTestEngine({ function: webhookRetryJob, steps: steps() }).execute();
    expect(run.result).toEqual({ due: 1, attempted: 1 });
    expect(run.ctx.step.run).toHaveBeenCalledWith(`attempt-${id}`, expect.any(Function));
    expect(await delivery(id)).toMatchObject({ status: "succeeded", attempts: 2 });
    const second = await new InngestTestEngine({ function: webhookRetryJob, steps: steps() }).execute();
    expect(second.result).toEqual({ due: 1, attempted: 0 });
    expect(hook.requests()).toHaveLength(2);
  });
});
