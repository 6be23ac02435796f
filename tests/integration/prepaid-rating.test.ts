import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrganization, rest, settleEvents } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;

const ok = async (method: string, path: string, body?: unknown) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.json;
};

beforeAll(async () => {
  org = await createTestOrganization("Prepaid Org");
  await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
  await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
  await ok("POST", "/plans", {
    code: "graduated",
    name: "Graduated",
    currency: "USD",
    interval: "month",
    charges: [{ type: "usage", metric: "units", model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.01" }, { upTo: null, unitPrice: "0.005" }] }],
  });
});

async function prepaidCustomer(externalId: string, credits: string) {
  await ok("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", billingMode: "prepaid", lowBalanceThreshold: "5" });
  await ok("POST", `/customers/${externalId}/contracts`, { planCode: "graduated", startsAt: "2026-11-01T00:00:00Z" });
  await ok("POST", `/customers/${externalId}/credits`, { amount: credits, paid: true });
}

const send = (events: object[]) => ok("POST", "/events/batch", { events });
const usage = (id: string, customer: string, units: number, timestamp = "2026-11-02T00:00:00Z") => ({ id, customer, type: "usage", timestamp, properties: { units } });

describe("prepaid real-time rating", () => {
  it("burns the balance down by the price of the period's new total minus what was consumed, so tiers stay right", async () => {
    await prepaidCustomer("p1", "100.00");
    await send([usage("p1-a", "p1", 800)]);
    expect(await ok("GET", "/customers/p1/balance")).toMatchObject({ balance: "92.00", consumed: "8.00", blocked: false });
    // 800 → 1200 crosses the tier: 1000 × 0.01 + 200 × 0.005 = 11.00 in all, so 3.00 more.
    await send([usage("p1-b", "p1", 400, "2026-11-03T00:00:00Z")]);
    expect(await ok("GET", "/customers/p1/balance")).toMatchObject({ balance: "89.00", consumed: "11.00" });
    // A duplicate costs nothing.
    await send([usage("p1-b", "p1", 400, "2026-11-03T00:00:00Z")]);
    expect(await ok("GET", "/customers/p1/balance")).toMatchObject({ balance: "89.00" });
  });

  it("goes below zero and blocks the customer when usage outruns the credits", async () => {
    await prepaidCustomer("p2", "10.00");
    await send([usage("p2-a", "p2", 2000)]);
    expect(await ok("GET", "/customers/p2/balance")).toMatchObject({ balance: "-5.00", consumed: "15.00", blocked: true });
  });

  it("e-mails the customer once per crossing of the low-balance threshold and of zero", async () => {
    await prepaidCustomer("p3", "20.00");
    // The alerts are recorded with the consumption and sent by the relay: wait for it to deliver.
    const alerts = async () => {
      await settleEvents(org.organizationId);
      return db.outboxEmail.findMany({ where: { organizationId: org.organizationId, to: "p3@example.com" }, orderBy: { createdAt: "asc" } });
    };
    await send([usage("p3-a", "p3", 1000)]); // 20 → 10: above the threshold of 5
    expect(await alerts()).toHaveLength(0);
    await send([usage("p3-b", "p3", 600)]); // 10 → 7: still above
    await send([usage("p3-c", "p3", 800)]); // 7 → 3: crosses 5
    expect((await alerts()).map((e) => e.template)).toEqual(["balance_low"]);
    await send([usage("p3-d", "p3", 200)]); // 3 → 2: no new crossing
    expect(await alerts()).toHaveLength(1);
    await send([usage("p3-e", "p3", 1000)]); // 2 → -3: depleted
    const all = await alerts();
    expect(all.map((e) => e.template)).toEqual(["balance_low", "balance_depleted"]);
    expect(all[1]?.subject).toContain("used up");
    expect(all[1]?.text).toContain("-$3.00");
  });

  it("does not rate postpaid customers", async () => {
    await ok("POST", "/customers", { externalId: "post", name: "post", email: "post@example.com", currency: "USD" });
    await ok("POST", "/customers/post/contracts", { planCode: "graduated", startsAt: "2026-11-01T00:00:00Z" });
    await ok("POST", "/customers/post/credits", { amount: "10.00" });
    await send([usage("post-a", "post", 500)]);
    expect(await ok("GET", "/customers/post/balance")).toMatchObject({ balance: "10.00", consumed: "0.00" });
  });
});
