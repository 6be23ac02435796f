import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-keys";
import { createTestOrganization, rest, restOk } from "./helpers";
import { callerAs } from "./team/callers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let ingestOnly: string;
let readOnly: string;

const event = (id: string) => ({ id, customer: "scoped-customer", type: "scoped", timestamp: "2026-10-05T12:00:00Z", properties: { tokens: 3 } });

beforeAll(async () => {
  org = await createTestOrganization("Scopes Org");
  const call = restOk(org.apiKey);
  await call("POST", "/event-schemas", { code: "scoped", name: "Scoped", fields: [{ name: "tokens", type: "integer", required: true }] });
  await call("POST", "/customers", { externalId: "scoped-customer", name: "Scoped", email: "scoped@example.com", currency: "USD" });
  await call("POST", "/plans", { code: "scoped", name: "Scoped", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "5.00" }] });
  await call("POST", "/customers/scoped-customer/contracts", { planCode: "scoped", startsAt: "2026-10-01T00:00:00Z" });
  ingestOnly = (await createApiKey(org.ctx, { name: "ingest", scopes: ["ingest"] })).secret;
  readOnly = (await createApiKey(org.ctx, { name: "read", scopes: ["read"] })).secret;
});

describe("API key scopes", () => {
  it("an ingest-only key posts events, single and batched, and reads nothing else (403 naming the scope)", async () => {
    const single = await rest("POST", "/events", { key: ingestOnly, body: event("scoped-1") });
    expect(single.status, single.text).toBe(202);
    const batch = await rest("POST", "/events/batch", { key: ingestOnly, body: { events: [event("scoped-2"), event("scoped-3")] } });
    expect(batch.status, batch.text).toBe(200);
    expect(batch.json).toMatchObject({ accepted: 2 });

    for (const path of ["/customers", "/customers/scoped-customer", "/invoices", "/event-schemas", "/ledger/entries.csv"]) {
      const r = await rest("GET", path, { key: ingestOnly });
      expect(r.status, `${path}: ${r.text}`).toBe(403);
      expect(r.json).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/lacks the "read" scope/) });
    }
    const write = await rest("POST", "/customers", { key: ingestOnly, body: { externalId: "nope", name: "N", email: "n@example.com", currency: "USD" } });
    expect(write.status).toBe(403);
    expect(write.json.message).toMatch(/lacks the "write" scope/);
  });

  it("a read-only key reads but cannot write nor post events", async () => {
    expect((await rest("GET", "/customers/scoped-customer", { key: readOnly })).status).toBe(200);
    const write = await rest("PATCH", "/customers/scoped-customer", { key: readOnly, body: { name: "Renamed" } });
    expect(write.status).toBe(403);
    const ingest = await rest("POST", "/events", { key: readOnly, body: event("scoped-4") });
    expect(ingest.status).toBe(403);
    expect(ingest.json.message).toMatch(/lacks the "ingest" scope/);
  });

  it("keys made without scopes have all three; the list shows each key's scopes", async () => {
    const owner = callerAs(org.organizationId, { userId: org.userId, email: org.email });
    const created = await owner.apiKeys.create({ name: "default" });
    expect(created.scopes).toEqual(["read", "write", "ingest"]);
    const chosen = await owner.apiKeys.create({ name: "chosen", scopes: ["ingest", "read", "ingest"] });
    expect(chosen.scopes).toEqual(["read", "ingest"]);
    expect((await owner.apiKeys.list()).find((k) => k.id === chosen.id)?.scopes).toEqual(["read", "ingest"]);
    await expect(owner.apiKeys.create({ name: "none", scopes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.apiKeys.create({ name: "bad", scopes: ["admin" as "read"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
