import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { announceContractTransitions } from "@/server/customers/contract-lifecycle";
import { db } from "@/server/db";
import { contractLifecycleJob } from "@/server/inngest/functions/contract-lifecycle";
import { createTestOrganization, rest } from "./helpers";

async function organizationWithEndpoint() {
  const org = await createTestOrganization("Lifecycle Org");
  const ok = async (method: string, p: string, body?: unknown) => {
    const r = await rest(method, p, { key: org.apiKey, body });
    expect(r.status, `${method} ${p}: ${r.text}`).toBeLessThan(300);
    return r.json as Record<string, unknown>;
  };
  // Port 9 (discard): deliveries are recorded and fail to send, which is all these tests look at.
  const endpoint = await ok("POST", "/webhook-endpoints", { url: "http://127.0.0.1:9/hooks", events: ["contract.activated", "contract.ended"] });
  await ok("POST", "/plans", { code: "seat", name: "Seat", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "10" }] });
  const events = async () =>
    (await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id as string }, orderBy: { createdAt: "asc" } })).map((d) => ({
      type: d.eventType,
      eventId: d.eventId,
      contract: (d.payload as { data: { contract: { id: string; status: string; customer: string } } }).data.contract,
    }));
  return { org, ok, events };
}

describe("contract.activated and contract.ended", () => {
  it("are recorded once each: at creation for a backdated contract, when its start passes for a scheduled one, at cancellation", async () => {
    const { org, ok, events } = await organizationWithEndpoint();
    await ok("POST", "/customers", { externalId: "past", name: "Past", email: "past@example.com", currency: "USD" });
    await ok("POST", "/customers", { externalId: "future", name: "Future", email: "future@example.com", currency: "USD" });
    const past = await ok("POST", "/customers/past/contracts", { planCode: "seat", startsAt: "2026-01-01T00:00:00Z" });
    const future = await ok("POST", "/customers/future/contracts", { planCode: "seat", startsAt: "2099-01-01T00:00:00Z" });

    expect(await events()).toEqual([{ type: "contract.activated", eventId: `contract.activated:${past.id as string}`, contract: expect.objectContaining({ id: past.id, status: "active", customer: "past" }) }]);

    // The scheduled one is announced when its start has passed, once however often the job runs.
    const after = new Date("2099-01-01T00:00:01Z");
    expect(await announceContractTransitions(db, { now: after, organizationId: org.organizationId })).toEqual({ activated: 1, ended: 0 });
    expect(await announceContractTransitions(db, { now: after, organizationId: org.organizationId })).toEqual({ activated: 0, ended: 0 });
    expect((await events()).map((e) => [e.type, e.contract.id, e.contract.status])).toEqual([
      ["contract.activated", past.id, "active"],
      ["contract.activated", future.id, "active"],
    ]);

    await ok("POST", `/contracts/${past.id as string}/cancel`, { mode: "immediate" });
    const ended = (await events()).at(-1)!;
    expect(ended).toMatchObject({ type: "contract.ended", eventId: `contract.ended:${past.id as string}`, contract: { id: past.id, status: "canceled" } });
  });

  it("a contract canceled before it started is never announced", async () => {
    const { org, ok, events } = await organizationWithEndpoint();
    await ok("POST", "/customers", { externalId: "never", name: "Never", email: "never@example.com", currency: "USD" });
    const contract = await ok("POST", "/customers/never/contracts", { planCode: "seat", startsAt: "2099-01-01T00:00:00Z" });
    await ok("POST", `/contracts/${contract.id as string}/cancel`, { mode: "immediate" });
    await announceContractTransitions(db, { now: new Date("2099-02-01T00:00:00Z"), organizationId: org.organizationId });
    expect(await events()).toEqual([]);
    const row = await db.contract.findUniqueOrThrow({ where: { id: contract.id as string } });
    expect(row.activationAnnouncedAt).not.toBeNull();
    expect(row.endAnnouncedAt).not.toBeNull();
  });

  it("concurrent runs record each event once", async () => {
    const { org, ok, events } = await organizationWithEndpoint();
    for (const c of ["a", "b", "c"]) {
      await ok("POST", "/customers", { externalId: c, name: c, email: `${c}@example.com`, currency: "USD" });
      await ok(`POST`, `/customers/${c}/contracts`, { planCode: "seat", startsAt: "2099-01-01T00:00:00Z", endsAt: "2099-03-01T00:00:00Z" });
    }
    const now = new Date("2099-04-01T00:00:00Z");
    const results = await Promise.all(Array.from({ length: 4 }, () => announceContractTransitions(db, { now, organizationId: org.organizationId })));
    expect(results.reduce((sum, r) => sum + r.activated, 0)).toBe(3);
    expect(results.reduce((sum, r) => sum + r.ended, 0)).toBe(3);
    const recorded = await events();
    expect(recorded.filter((e) => e.type === "contract.activated")).toHaveLength(3);
    expect(recorded.filter((e) => e.type === "contract.ended")).toHaveLength(3);
    expect(new Set(recorded.map((e) => e.eventId)).size).toBe(6);
  });

  it("the every-minute cron function runs the same service", async () => {
    const { ok, events } = await organizationWithEndpoint();
    await ok("POST", "/customers", { externalId: "cron", name: "Cron", email: "cron@example.com", currency: "USD" });
    const contract = await ok("POST", "/customers/cron/contracts", { planCode: "seat", startsAt: "2026-06-01T00:00:00Z", endsAt: "2026-07-01T00:00:00Z" });
    // Created after its end: both events at creation; the cron then finds nothing left of it.
    expect((await events()).map((e) => e.type)).toEqual(["contract.activated", "contract.ended"]);
    const run = await new InngestTestEngine({ function: contractLifecycleJob }).execute();
    expect(run.ctx.step.run).toHaveBeenCalledWith("announce-transitions", expect.any(Function));
    expect((await events()).filter((e) => e.contract.id === contract.id)).toHaveLength(2);
  });
});
