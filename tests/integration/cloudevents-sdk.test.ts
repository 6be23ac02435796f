import { CloudEvent, CONSTANTS, emitterFor, HTTP, Mode, type Message } from "cloudevents";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleEventBatch, handleSingleEvent } from "@/server/usage/http";
import { createTestOrganization, rest } from "./helpers";

// The official CloudEvents SDK as the client: what it sends must be what the API takes.
let org: Awaited<ReturnType<typeof createTestOrganization>>;
let responses: Response[] = [];

function transportTo(handler: (req: Request) => Promise<Response>) {
  return async (message: Message) => {
    const headers = new Headers(message.headers as Record<string, string>);
    headers.set("authorization", `Bearer ${org.apiKey}`);
    responses.push(await handler(new Request("http://localhost/api/v1/events", { method: "POST", headers, body: message.body as string })));
  };
}

beforeAll(async () => {
  org = await createTestOrganization("CloudEvents Org");
  const ok = async (p: string, body: unknown) => expect((await rest("POST", p, { key: org.apiKey, body })).status).toBeLessThan(300);
  await ok("/event-schemas", { code: "com.acme.tokens", name: "Tokens", fields: [{ name: "tokens", type: "integer", required: true }] });
  await ok("/metrics", { code: "tokens", name: "Tokens", eventType: "com.acme.tokens", aggregation: "sum", field: "tokens" });
  await ok("/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "tokens", model: "per_unit", unitPrice: "0.001" }] });
  await ok("/customers", { externalId: "ce-cust", name: "CE", email: "ce@example.com", currency: "USD" });
  await ok("/customers/ce-cust/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
});

const event = (id: string, tokens: number) =>
  new CloudEvent({ id, source: "/services/inference", type: "com.acme.tokens", subject: "ce-cust", time: "2026-01-10T00:00:00Z", datacontenttype: "application/json", data: { tokens } });

describe("CloudEvents 1.0 through the official SDK", () => {
  it("structured mode: one event per request, mapped id/type/subject/time/data", async () => {
    responses = [];
    const emit = emitterFor(transportTo(handleSingleEvent), { binding: HTTP, mode: Mode.STRUCTURED });
    await emit(event("sdk-1", 40));
    await emit(event("sdk-1", 40));
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 0, duplicates: 1 },
    ]);
    const stored = await db.usageEvent.findFirstOrThrow({ where: { organizationId: org.organizationId, eventId: "sdk-1" } });
    expect(stored.timestamp.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect(stored.properties).toEqual({ tokens: 40 });
  });

  it("batch mode: an array of CloudEvents with the batch content type", async () => {
    const body = JSON.stringify([event("sdk-2", 1), event("sdk-3", 2), new CloudEvent({ id: "sdk-bad", source: "/x", type: "com.acme.tokens", subject: "nobody", data: { tokens: 1 } })]);
    const res = await handleEventBatch(
      new Request("http://localhost/api/v1/events/batch", { method: "POST", headers: { authorization: `Bearer ${org.apiKey}`, "content-type": CONSTANTS.MIME_CE_BATCH }, body }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1, errors: [{ index: 2, id: "sdk-bad" }] });
  });
});
