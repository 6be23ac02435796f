import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as getOpenApiDocument } from "@/app/api/v1/openapi.json/route";
import { handleEventBatch, handleSingleEvent } from "@/server/usage/http";
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES } from "@/server/usage/limits";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
type Operation = {
  operationId: string;
  requestBody: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content: Record<string, { schema: Record<string, unknown> }> }>;
};

let org: Org;
let single: Operation;
let batch: Operation;

const ok = async (method: string, path: string, body?: unknown) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
};

beforeAll(async () => {
  const response = await getOpenApiDocument();
  expect(response.status).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, Operation>> };
  single = document.paths["/events"]!.post!;
  batch = document.paths["/events/batch"]!.post!;

  org = await createTestOrganization("OpenAPI events");
  await ok("POST", "/event-schemas", { code: "call", name: "Call", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "call", aggregation: "sum", field: "tokens" });
  await ok("POST", "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.001" }] });
  await ok("POST", "/customers", { externalId: "acme", name: "Acme", email: "acme@example.com", currency: "USD" });
  await ok("POST", "/customers/acme/contracts", { planCode: "p", startsAt: "2026-03-01T00:00:00Z" });
});

/** Sends a request to the handler the app routes (and `npm start`'s front) use. */
async function send(path: "/events" | "/events/batch", body: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json", ...headers }, body });
  const response = await (path === "/events" ? handleSingleEvent(request) : handleEventBatch(request));
  return { status: response.status, contentType: response.headers.get("content-type"), body: (await response.json()) as unknown };
}

/** The answer must be documented for its status, as JSON, and its body must match the documented schema. */
function expectDocumented(operation: Operation, answer: { status: number; contentType: string | null; body: unknown }) {
  const documented = operation.responses[String(answer.status)];
  expect(documented, `${operation.operationId} answers ${answer.status}, which the document does not list`).toBeDefined();
  expect(answer.contentType).toMatch(/^application\/json/);
  const schema = z.fromJSONSchema(documented!.content["application/json"]!.schema as never);
  const result = schema.safeParse(answer.body);
  expect(result.success, `${operation.operationId} ${answer.status} ${JSON.stringify(answer.body)}: ${result.error?.message}`).toBe(true);
}

/** A request body must match the documented schema of its content type. */
function expectValidRequest(operation: Operation, contentType: string, body: unknown, valid = true) {
  const schema = z.fromJSONSchema(operation.requestBody.content[contentType]!.schema as never);
  expect(schema.safeParse(body).success, `${operation.operationId} ${contentType}: ${JSON.stringify(body).slice(0, 200)}`).toBe(valid);
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({ id, customer: "acme", type: "call", timestamp: "2026-06-01T12:00:00Z", properties: { tokens: 5 }, ...extra });
const cloudEvent = (id: string) => ({ specversion: "1.0", id, source: "/gateway", type: "call", subject: "acme", time: "2026-06-01T12:00:00Z", datacontenttype: "application/json", data: { tokens: 7 } });

describe("the OpenAPI document lists the ingestion endpoints", () => {
  it("POST /events: JSON and CloudEvents bodies, 202 and each error the handler gives", () => {
    expect(single.operationId).toBe("events-ingest");
    expect(single.requestBody.required).toBe(true);
    expect(Object.keys(single.requestBody.content).sort()).toEqual(["application/cloudevents+json", "application/json"]);
    expect(Object.keys(single.responses).sort()).toEqual(["202", "400", "401", "403", "413", "415", "422"]);
    expectValidRequest(single, "application/json", event("a"));
    expectValidRequest(single, "application/json", { id: "a", customer: "acme", type: "call" });
    expectValidRequest(single, "application/json", { id: "a", customer: "acme" }, false);
    expectValidRequest(single, "application/json", event("a", { timestamp: "yesterday" }), false);
    expectValidRequest(single, "application/cloudevents+json", cloudEvent("a"));
    expectValidRequest(single, "application/cloudevents+json", { ...cloudEvent("a"), specversion: "0.3" }, false);
    // The answer schemas are strict: a wrong count or code does not pass.
    const answer = (status: string) => z.fromJSONSchema(single.responses[status]!.content["application/json"]!.schema as never);
    expect(answer("202").safeParse({ accepted: 2, duplicates: 0 }).success).toBe(false);
    expect(answer("401").safeParse({ message: "x", code: "BAD_REQUEST", issues: [] }).success).toBe(false);
    expect(answer("400").safeParse({ message: "x", code: "BAD_REQUEST", issues: [{ message: "no path" }] }).success).toBe(false);
  });

  it("POST /events/batch: JSON and CloudEvents batch bodies, 200 and each error the handler gives", () => {
    expect(batch.operationId).toBe("events-ingestBatch");
    expect(Object.keys(batch.requestBody.content).sort()).toEqual(["application/cloudevents-batch+json", "application/json"]);
    expect(Object.keys(batch.responses).sort()).toEqual(["200", "400", "401", "403", "413", "415"]);
    expectValidRequest(batch, "application/json", { events: [event("a"), event("b")] });
    expectValidRequest(batch, "application/json", { events: [] }, false);
    expectValidRequest(batch, "application/cloudevents-batch+json", [cloudEvent("a")]);
    const maxItems = (batch.requestBody.content["application/json"]!.schema as { properties: { events: { maxItems: number } } }).properties.events.maxItems;
    expect(maxItems).toBe(MAX_BATCH_EVENTS);
  });
});

describe("real answers of the handlers match the documented schemas", () => {
  it("POST /events", async () => {
    const body = JSON.stringify(event("s-1"));
    const accepted = await send("/events", body);
    expect(accepted).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0 } });
    expectDocumented(single, accepted);
    const duplicate = await send("/events", body);
    expect(duplicate).toMatchObject({ status: 202, body: { accepted: 0, duplicates: 1 } });
    expectDocumented(single, duplicate);
    const cloud = await send("/events", JSON.stringify(cloudEvent("s-2")), { "content-type": "application/cloudevents+json" });
    expect(cloud).toMatchObject({ status: 202, body: { accepted: 1 } });
    expectDocumented(single, cloud);

    const answers = [
      [400, "PARSE_ERROR", await send("/events", "{not json")],
      [400, "BAD_REQUEST", await send("/events", JSON.stringify({ id: "s-3", type: "call" }))],
      [400, "BAD_REQUEST", await send("/events", JSON.stringify(event("s-4", { properties: { tokens: "many" } })))],
      [400, "BAD_REQUEST", await send("/events", JSON.stringify(event("s-5", { customer: "nobody" })))],
      [401, "UNAUTHORIZED", await send("/events", body, { authorization: "" })],
      [401, "UNAUTHORIZED", await send("/events", body, { authorization: "Bearer eb_sk_not_a_key" })],
      [413, "PAYLOAD_TOO_LARGE", await send("/events", JSON.stringify({ ...event("s-6"), padding: "x".repeat(MAX_BODY_BYTES) }))],
      [415, "UNSUPPORTED_MEDIA_TYPE", await send("/events", body, { "content-type": "text/plain" })],
      // The contract starts in March: nothing is active in February.
      [422, "UNPROCESSABLE_CONTENT", await send("/events", JSON.stringify(event("s-7", { timestamp: "2026-02-01T00:00:00Z" })))],
    ] as const;
    for (const [status, code, answer] of answers) {
      expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { code } });
      expectDocumented(single, answer);
    }
  });

  it("POST /events/batch", async () => {
    const mixed = await send("/events/batch", JSON.stringify({ events: [event("b-1"), event("b-1"), { id: "b-2" }, event("b-3", { timestamp: "2026-02-01T00:00:00Z" }), "nonsense"] }));
    expect(mixed).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 1, rejected: 3 } });
    expect((mixed.body as { errors: { index: number; id: string | null }[] }).errors.map((e) => [e.index, e.id])).toEqual([
      [2, "b-2"],
      [3, "b-3"],
      [4, null],
    ]);
    expectDocumented(batch, mixed);
    const cloud = await send("/events/batch", JSON.stringify([cloudEvent("b-4"), cloudEvent("b-5")]), { "content-type": "application/cloudevents-batch+json" });
    expect(cloud).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0, rejected: 0, errors: [] } });
    expectDocumented(batch, cloud);

    const tooMany = JSON.stringify({ events: Array.from({ length: MAX_BATCH_EVENTS + 1 }, (_, i) => ({ id: `x-${i}` })) });
    const answers = [
      [400, "PARSE_ERROR", await send("/events/batch", "[")],
      [400, "BAD_REQUEST", await send("/events/batch", JSON.stringify({ events: "no" }))],
      [400, "BAD_REQUEST", await send("/events/batch", JSON.stringify({ events: [] }))],
      [400, "BAD_REQUEST", await send("/events/batch", JSON.stringify({ not: "an array" }), { "content-type": "application/cloudevents-batch+json" })],
      [401, "UNAUTHORIZED", await send("/events/batch", JSON.stringify({ events: [event("b-6")] }), { authorization: "Bearer nope" })],
      [413, "PAYLOAD_TOO_LARGE", await send("/events/batch", tooMany)],
      [413, "PAYLOAD_TOO_LARGE", await send("/events/batch", JSON.stringify({ events: [event("b-7")], padding: "x".repeat(MAX_BODY_BYTES) }))],
      [415, "UNSUPPORTED_MEDIA_TYPE", await send("/events/batch", "[]", { "content-type": "application/cloudevents+json" })],
    ] as const;
    for (const [status, code, answer] of answers) {
      expect(answer, JSON.stringify(answer.body).slice(0, 300)).toMatchObject({ status, body: { code } });
      expectDocumented(batch, answer);
    }
  });
});
