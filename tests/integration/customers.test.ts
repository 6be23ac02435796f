import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;
let other: Org;

const paths = (r: { json: { issues?: { path: string }[] } }) => (r.json.issues ?? []).map((i) => i.path);
const base = { externalId: "acme", name: "Acme Inc.", email: "billing@acme.test", currency: "usd" };

beforeAll(async () => {
  org = await createTestOrganization("Customers Org");
  other = await createTestOrganization("Other Customers Org");
});

describe("customers", () => {
  it("are created with defaults and a normalized currency, and read back", async () => {
    const r = await rest("POST", "/customers", { key: org.apiKey, body: base });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      externalId: "acme",
      name: "Acme Inc.",
      email: "billing@acme.test",
      currency: "USD",
      timezone: "UTC",
      billingMode: "postpaid",
      taxRate: "0",
      address: null,
      metadata: {},
      lowBalanceThreshold: null,
      autoRecharge: null,
    });
    expect(r.json.id).toEqual(expect.any(String));
    expect(r.json.createdAt).toMatch(/Z$/);
    const got = await rest("GET", "/customers/acme", { key: org.apiKey });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(r.json);
  });

  it("keep every setting: timezone, prepaid, tax rate, address, metadata, thresholds and auto-recharge", async () => {
    const body = {
      externalId: "full:1",
      name: "Full",
      email: "full@example.com",
      currency: "JPY",
      timezone: "Asia/Tokyo",
      billingMode: "prepaid",
      taxRate: 0.1,
      address: { line1: "1-1 Chiyoda", city: "Tokyo", postalCode: "100-0001", country: "JP" },
      metadata: { crm: "hs-42", tier: "gold" },
      lowBalanceThreshold: "1000",
      autoRecharge: { threshold: 500, amount: "5000" },
    };
    const r = await rest("POST", "/customers", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({
      currency: "JPY",
      timezone: "Asia/Tokyo",
      billingMode: "prepaid",
      taxRate: "0.1",
      address: { line1: "1-1 Chiyoda", city: "Tokyo", postalCode: "100-0001", country: "JP" },
      metadata: { crm: "hs-42", tier: "gold" },
      lowBalanceThreshold: "1000",
      autoRecharge: { threshold: "500", amount: "5000" },
    });
    const usd = await rest("POST", "/customers", {
      key: org.apiKey,
      body: { ...base, externalId: "usd-threshold", lowBalanceThreshold: "5", autoRecharge: { threshold: "2.5", amount: 20 } },
    });
    expect(usd.json).toMatchObject({ lowBalanceThreshold: "5.00", autoRecharge: { threshold: "2.50", amount: "20.00" } });
  });

  it("refuse a duplicate externalId with 409, but another organization may use it", async () => {
    const r = await rest("POST", "/customers", { key: org.apiKey, body: base });
    expect(r.status).toBe(409);
    expect(r.json.message).toContain("acme");
    expect((await rest("POST", "/customers", { key: other.apiKey, body: { ...base, name: "Other Acme" } })).status).toBe(201);
    // Each organization sees its own.
    expect((await rest("GET", "/customers/acme", { key: other.apiKey })).json.name).toBe("Other Acme");
    expect((await rest("GET", "/customers/acme", { key: org.apiKey })).json.name).toBe("Acme Inc.");
  });

  it("are a 404 in another organization and when unknown, and need an API key", async () => {
    expect((await rest("GET", "/customers/full:1", { key: other.apiKey })).status).toBe(404);
    expect((await rest("PATCH", "/customers/full:1", { key: other.apiKey, body: { name: "Hijack" } })).status).toBe(404);
    expect((await rest("GET", "/customers/nobody", { key: org.apiKey })).status).toBe(404);
    expect((await rest("GET", "/customers/acme")).status).toBe(401);
    expect((await rest("POST", "/customers", { body: base })).status).toBe(401);
  });

  it.each([
    [{ name: "x", email: "a@b.co", currency: "USD" }, ["externalId"]],
    [{ ...base, externalId: "has space" }, ["externalId"]],
    [{ ...base, externalId: "x".repeat(65) }, ["externalId"]],
    [{ ...base, name: "" }, ["name"]],
    [{ ...base, name: "   " }, ["name"]],
    [{ ...base, email: "not-an-email" }, ["email"]],
    [{ ...base, email: undefined }, ["email"]],
    [{ ...base, currency: "XYZ" }, ["currency"]],
    [{ ...base, currency: "dollars" }, ["currency"]],
    [{ ...base, timezone: "Mars/Olympus" }, ["timezone"]],
    [{ ...base, timezone: "" }, ["timezone"]],
    [{ ...base, billingMode: "credit" }, ["billingMode"]],
    [{ ...base, taxRate: "1.5" }, ["taxRate"]],
    [{ ...base, taxRate: "-0.1" }, ["taxRate"]],
    [{ ...base, taxRate: "20%" }, ["taxRate"]],
    [{ ...base, address: "1 Main St" }, ["address"]],
    [{ ...base, address: { city: 42 } }, ["address.city"]],
    [{ ...base, metadata: { plan: 3 } }, ["metadata.plan"]],
    [{ ...base, metadata: ["a"] }, ["metadata"]],
    [{ ...base, metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, ["metadata"]],
    [{ ...base, lowBalanceThreshold: "-1" }, ["lowBalanceThreshold"]],
    [{ ...base, lowBalanceThreshold: "ten" }, ["lowBalanceThreshold"]],
    [{ ...base, lowBalanceThreshold: "1.005" }, ["lowBalanceThreshold"]],
    [{ ...base, lowBalanceThreshold: "1".repeat(25) }, ["lowBalanceThreshold"]],
    [{ ...base, autoRecharge: { threshold: "5" } }, ["autoRecharge.amount"]],
    [{ ...base, autoRecharge: { threshold: "5", amount: "0" } }, ["autoRecharge.amount"]],
    [{ ...base, autoRecharge: { threshold: "5.001", amount: "10" } }, ["autoRecharge.threshold"]],
    [{ ...base, autoRecharge: 10 }, ["autoRecharge"]],
  ])("answer 400 naming the field for %j", async (body, expected) => {
    const r = await rest("POST", "/customers", { key: org.apiKey, body });
    expect(r.status, r.text).toBe(400);
    expect(r.json.code).toBe("BAD_REQUEST");
    expect(paths(r)).toEqual(expected);
  });

  it("are listed with cursors, a search over name, e-mail and externalId, and a billing-mode filter", async () => {
    const o = await createTestOrganization("List Org");
    const people = [
      { externalId: "c-1", name: "Ada Lovelace", email: "ada@analytical.test", billingMode: "prepaid" },
      { externalId: "c-2", name: "Grace Hopper", email: "grace@navy.test" },
      { externalId: "c-3", name: "Alan Turing", email: "alan@bletchley.test", billingMode: "prepaid" },
      { externalId: "ada-ops", name: "Ops", email: "ops@example.test" },
    ];
    for (const p of people) expect((await rest("POST", "/customers", { key: o.apiKey, body: { ...p, currency: "EUR" } })).status).toBe(201);

    const first = await rest("GET", "/customers?limit=3", { key: o.apiKey });
    expect(first.json.data).toHaveLength(3);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await rest("GET", `/customers?limit=3&cursor=${first.json.nextCursor}`, { key: o.apiKey });
    expect(second.json.nextCursor).toBeNull();
    const ids = [...(first.json.data as { externalId: string }[]), ...(second.json.data as { externalId: string }[])].map((c) => c.externalId);
    expect(ids).toEqual(["c-1", "c-2", "c-3", "ada-ops"]);

    const search = async (q: string) =>
      ((await rest("GET", `/customers?${q}`, { key: o.apiKey })).json.data as { externalId: string }[]).map((c) => c.externalId);
    expect(await search("search=ada")).toEqual(["c-1", "ada-ops"]);
    expect(await search("search=NAVY")).toEqual(["c-2"]);
    expect(await search("search=c-3")).toEqual(["c-3"]);
    expect(await search("billingMode=prepaid")).toEqual(["c-1", "c-3"]);
    expect(await search("billingMode=prepaid&search=alan")).toEqual(["c-3"]);
    expect(await search("search=nobody")).toEqual([]);
    expect((await rest("GET", "/customers?billingMode=free", { key: o.apiKey })).status).toBe(400);
    expect((await rest("GET", "/customers?limit=500", { key: o.apiKey })).status).toBe(400);
    // Another organization's customers never show.
    expect(((await rest("GET", "/customers", { key: other.apiKey })).json.data as { name: string }[]).map((c) => c.name)).toEqual(["Other Acme"]);
  });

  it("are updated field by field; null clears optional settings; externalId stays", async () => {
    await rest("POST", "/customers", { key: org.apiKey, body: { ...base, externalId: "edit-me", address: { city: "Paris" }, lowBalanceThreshold: "10", autoRecharge: { threshold: "5", amount: "50" } } });
    const r = await rest("PATCH", "/customers/edit-me", {
      key: org.apiKey,
      body: { name: "Edited", email: "new@acme.test", timezone: "Europe/Paris", billingMode: "prepaid", taxRate: "0.2", metadata: { a: "b" }, currency: "eur" },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      externalId: "edit-me",
      name: "Edited",
      email: "new@acme.test",
      timezone: "Europe/Paris",
      billingMode: "prepaid",
      taxRate: "0.2",
      metadata: { a: "b" },
      currency: "EUR",
      address: { city: "Paris" },
      lowBalanceThreshold: "10.00",
      autoRecharge: { threshold: "5.00", amount: "50.00" },
    });
    const cleared = await rest("PATCH", "/customers/edit-me", { key: org.apiKey, body: { address: null, lowBalanceThreshold: null, autoRecharge: null } });
    expect(cleared.json).toMatchObject({ address: null, lowBalanceThreshold: null, autoRecharge: null, name: "Edited" });
    expect((await rest("PATCH", "/customers/edit-me", { key: org.apiKey, body: { timezone: "Nowhere/Land" } })).status).toBe(400);
    expect(paths(await rest("PATCH", "/customers/edit-me", { key: org.apiKey, body: { taxRate: "2" } }))).toEqual(["taxRate"]);
    expect((await rest("PATCH", "/customers/nobody", { key: org.apiKey, body: { name: "x" } })).status).toBe(404);
  });

  it("refuse a currency change that would leave a setting finer than the new currency's minor unit", async () => {
    await rest("POST", "/customers", { key: org.apiKey, body: { ...base, externalId: "to-jpy", lowBalanceThreshold: "10.50" } });
    const r = await rest("PATCH", "/customers/to-jpy", { key: org.apiKey, body: { currency: "JPY" } });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(["lowBalanceThreshold"]);
    expect((await rest("PATCH", "/customers/to-jpy", { key: org.apiKey, body: { currency: "JPY", lowBalanceThreshold: "10" } })).json).toMatchObject({
      currency: "JPY",
      lowBalanceThreshold: "10",
    });
  });
});

describe("the OpenAPI document", () => {
  it("describes the customer, contract and credit endpoints of API.md", async () => {
    const { openApiDocument } = await import("@/server/trpc/openapi");
    const paths = openApiDocument().paths ?? {};
    expect(paths["/customers"]?.post).toBeDefined();
    expect(paths["/customers"]?.get).toBeDefined();
    expect(paths["/customers/{externalId}"]?.patch).toBeDefined();
    expect(paths["/customers/{externalId}/contracts"]?.post).toBeDefined();
    expect(paths["/contracts/{id}"]?.get).toBeDefined();
    expect(paths["/contracts/{id}/cancel"]?.post).toBeDefined();
    expect(paths["/contracts/{id}/change-plan"]?.post).toBeDefined();
    expect(paths["/customers/{externalId}/balance"]?.get).toBeDefined();
    expect(paths["/customers/{externalId}/credits"]?.post).toBeDefined();
    expect(paths["/customers/{externalId}/credit-ledger"]?.get).toBeDefined();
  });
});
