import { createServer, type IncomingMessage } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/server/notify/webhooks";
import { createTestOrganization, restOk, settleEvents } from "./helpers";

const received: { type: string; id: string; data: Record<string, unknown>; valid: boolean }[] = [];
let secret = "";
const server = createServer((req: IncomingMessage, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const parsed = JSON.parse(body) as { type: string; id: string; data: Record<string, unknown> };
    received.push({ ...parsed, valid: verifyWebhookSignature(secret, String(req.headers["easybilling-signature"]), body, 300) });
    res.writeHead(200).end("ok");
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("domain events reach webhook endpoints", () => {
  it("a billing run sends signed invoice.created and invoice.finalized; a prepaid burn-down sends balance.low", async () => {
    const org = await createTestOrganization("Webhook Wiring Org");
    const ok = restOk(org.apiKey);
    const endpoint = await ok("POST", "/webhook-endpoints", { url: `http://127.0.0.1:${port}/hooks`, events: ["invoice.created", "invoice.finalized", "balance.low"] });
    secret = endpoint.secret as string;
    await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
    await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
    await ok("POST", "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "10" }, { type: "usage", metric: "units", model: "per_unit", unitPrice: "1" }] });
    await ok("POST", "/customers", { externalId: "w1", name: "w1", email: "w1@example.com", currency: "USD", billingMode: "prepaid", lowBalanceThreshold: "5" });
    await ok("POST", "/customers/w1/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/customers/w1/credits", { amount: "8.00" });
    await ok("POST", "/events/batch", { events: [{ id: "w1-e", customer: "w1", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 4 } }] });
    await ok("POST", "/billing-runs", { asOf: "2026-01-01T00:00:00Z" });
    await settleEvents();
    const types = received.map((r) => r.type).sort();
    expect(types).toEqual(["balance.low", "invoice.created", "invoice.finalized"]);
    expect(received.every((r) => r.valid)).toBe(true);
    const finalized = received.find((r) => r.type === "invoice.finalized")!;
    expect((finalized.data.invoice as { customer: string; number: string }).customer).toBe("w1");
    expect((finalized.data.invoice as { number: string }).number).toMatch(/^INV-\d{6}$/);
  });
});
