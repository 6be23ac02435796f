import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { attemptWebhookDelivery } from "@/server/notify/webhook-delivery";
import { createTestOrganization, recordDeliveriesByHand, rest } from "./helpers";

// Only 127.0.0.1 is ever connected to: names resolve through an injected resolver, and every
// refused address is refused before a socket opens.
let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "/");
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let counter = 0;
async function pendingDelivery(url: string) {
  const org = await createTestOrganization("SSRF Org");
  const created = await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url: "https://hooks.example.com/in", events: ["balance.low"] } });
  expect(created.status).toBe(201);
  // Stored directly: a URL accepted before these rules, or a name whose DNS changed since.
  await db.webhookEndpoint.update({ where: { id: created.json.id as string }, data: { url } });
  const [recorded] = await recordDeliveriesByHand({ organizationId: org.organizationId, type: "balance.low", eventId: `ssrf-${randomUUID()}-${(counter += 1)}`, data: {} });
  return recorded!.id;
}

const resolvesTo = (address: string, family = 4) => async () => [{ address, family }];

describe("webhook URLs at creation", () => {
  it("refuse internal addresses and names with a 400 naming url", async () => {
    const org = await createTestOrganization();
    for (const url of [
      "https://169.254.169.254/latest/meta-data",
      "http://169.254.169.254/",
      "https://10.0.0.5/hooks",
      "https://192.168.1.1/hooks",
      "https://172.16.3.4/hooks",
      "https://[fd00::1]/hooks",
      "https://[fe80::1]/hooks",
      "https://[::ffff:10.0.0.1]/hooks",
      "https://0.0.0.0/hooks",
      "https://metadata.google.internal/computeMetadata",
      "https://printer.local/hooks",
      "https://intranet/hooks",
    ]) {
      const res = await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url, events: ["balance.low"] } });
      expect(res.status, url).toBe(400);
      expect(res.json.issues, url).toEqual([{ path: "url", message: expect.stringMatching(/internal|public host|https/) }]);
    }
    const { id } = (await rest("POST", "/webhook-endpoints", { key: org.apiKey, body: { url: "https://example.com/a", events: ["balance.low"] } })).json as { id: string };
    const patch = await rest("PATCH", `/webhook-endpoints/${id}`, { key: org.apiKey, body: { url: "https://169.254.169.254/x" } });
    expect(patch.status).toBe(400);
    expect(patch.json.issues?.[0]?.path).toBe("url");
  });
});

describe("webhook deliveries", () => {
  it("refuse a name that resolves to a link-local or private address, recorded as a failed attempt", async () => {
    const before = hits.length;
    const id = await pendingDelivery("https://hooks.example.com/in");
    const metadata = await attemptWebhookDelivery(db, id, { network: { resolve: resolvesTo("169.254.169.254") } });
    expect(metadata).toMatchObject({ attempted: true, status: "pending", attempts: 1, statusCode: null, error: expect.stringMatching(/^Refused: hooks\.example\.com resolves to 169\.254\.169\.254 is a link-local address/) });
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(row.lastError).toMatch(/webhooks go to public addresses only/);

    const privateV6 = await attemptWebhookDelivery(db, id, { afterAttempts: 1, network: { resolve: resolvesTo("fd12::7", 6) } });
    expect(privateV6).toMatchObject({ attempted: true, attempts: 2, error: expect.stringContaining("fd12::7 is a private address") });
    const mapped = await attemptWebhookDelivery(db, id, { afterAttempts: 2, network: { resolve: async () => [{ address: "93.184.215.14", family: 4 }, { address: "::ffff:10.1.2.3", family: 6 }] } });
    expect(mapped).toMatchObject({ attempted: true, attempts: 3, error: expect.stringContaining("is a private address") });
    expect(hits.length).toBe(before);
  });

  it("refuse this machine unless the app itself runs on localhost", async () => {
    const before = hits.length;
    // A public-looking name that resolves to loopback (DNS rebinding) while the app runs elsewhere.
    const rebound = await pendingDelivery(`https://rebind.example.com:${port}/in`);
    expect(await attemptWebhookDelivery(db, rebound, { network: { allowLoopback: false, resolve: resolvesTo("127.0.0.1") } })).toMatchObject({
      attempted: true,
      error: expect.stringContaining("127.0.0.1 is a loopback address"),
    });
    const literal = await pendingDelivery(`http://127.0.0.1:${port}/literal`);
    expect(await attemptWebhookDelivery(db, literal, { network: { allowLoopback: false } })).toMatchObject({ attempted: true, error: expect.stringMatching(/^Refused: the URL must not point at an internal address/) });
    const named = await pendingDelivery(`http://localhost:${port}/named`);
    expect(await attemptWebhookDelivery(db, named, { network: { allowLoopback: false } })).toMatchObject({ attempted: true, error: expect.stringMatching(/^Refused: the URL must not point at this machine/) });
    expect(hits.length).toBe(before);

    // On a local app (the tests' APP_URL) the same local receiver is reached, by name and by address.
    const local = await pendingDelivery(`http://localhost:${port}/local`);
    expect(await attemptWebhookDelivery(db, local, { network: { resolve: resolvesTo("127.0.0.1") } })).toMatchObject({ attempted: true, status: "succeeded", statusCode: 200 });
    expect(await attemptWebhookDelivery(db, literal, { afterAttempts: 1 })).toMatchObject({ attempted: true, status: "succeeded", statusCode: 200 });
    expect(hits.slice(before)).toEqual(["/local", "/literal"]);
  });
});
