import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { billingRunJob } from "@/server/inngest/functions/billing-run";
import { createTestOrganization, rest } from "./helpers";

describe("hourly billing cron", () => {
  it("bills each contract in its own step and creates nothing on a second run", async () => {
    const org = await createTestOrganization("Cron Org");
    const ok = async (path: string, body: unknown) => expect((await rest("POST", path, { key: org.apiKey, body })).status).toBeLessThan(300);
    await ok("/plans", { code: "seat", name: "Seat", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "10" }] });
    for (const c of ["cron-a", "cron-b"]) {
      await ok("/customers", { externalId: c, name: c, email: `${c}@example.com`, currency: "USD" });
      await ok(`/customers/${c}/contracts`, { planCode: "seat", startsAt: "2026-10-01T00:00:00Z" });
    }
    // Only this test's organization: the test database holds other tests' organizations too.
    // A fresh mock per engine: the test engine keeps step state on the mocks it is given.
    const steps = () => [{ id: "list-organizations", handler: () => [org.organizationId] }];
    // Each contract's opening invoice was issued when it was created, not by the cron.
    expect(await db.invoice.count({ where: { organizationId: org.organizationId, billingKey: "opening" } })).toBe(2);
    const first = await new InngestTestEngine({ function: billingRunJob, steps: steps() }).execute();
    const contracts = await db.contract.findMany({ where: { organizationId: org.organizationId }, select: { id: true } });
    for (const { id } of contracts) expect(first.ctx.step.run).toHaveBeenCalledWith(`bill-${id}`, expect.any(Function));
    // October's closing invoice, and one per later month the clock is past: at least 1 each.
    const created = (first.result as { invoicesCreated: number }).invoicesCreated;
    expect(created).toBeGreaterThanOrEqual(2);
    expect(await db.invoice.count({ where: { organizationId: org.organizationId } })).toBe(created + 2);
    const second = await new InngestTestEngine({ function: billingRunJob, steps: steps() }).execute();
    expect(second.result).toEqual({ invoicesCreated: 0 });
  });
});
