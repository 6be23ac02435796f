import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { runBilling } from "@/server/invoicing/run-billing";
import { createTestOrganization, rest } from "./helpers";

// A run bills contracts a chunk (250) at a time; invoices that need no credit ledger are created
// and numbered together, the others one by one. Across chunks and paths, and with two runs at
// once, every invoice must exist once, with the right amounts, and numbers must stay gapless.
describe("billing runs over many contracts", () => {
  it("create each invoice once across chunks and paths, numbered without gaps, with two runs at once", async () => {
    const org = await createTestOrganization("Chunked Billing Org");
    const ok = async (method: string, path: string, body?: unknown) => {
      const r = await rest(method, path, { key: org.apiKey, body });
      expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
      return r.json as Record<string, unknown>;
    };
    await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }, { name: "user", type: "string" }] });
    await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
    await ok("POST", "/metrics", { code: "users", name: "Users", eventType: "usage", aggregation: "unique_count", field: "user" });
    await ok("POST", "/plans", {
      code: "p",
      name: "P",
      currency: "USD",
      interval: "month",
      charges: [
        { type: "usage", metric: "units", model: "per_unit", unitPrice: "0.10" },
        { type: "usage", metric: "users", model: "per_unit", unitPrice: "2" },
      ],
    });
    const N = 520;
    const plan = await db.planVersion.findFirstOrThrow({ where: { plan: { organizationId: org.organizationId, code: "p" } } });
    const customers = await db.customer.createManyAndReturn({
      data: Array.from({ length: N }, (_, i) => ({ organizationId: org.organizationId, externalId: `k${i}`, name: `k${i}`, email: `k${i}@example.com`, currency: "USD", taxRate: i % 2 ? "0.1" : "0", metadata: {} })),
      select: { id: true, externalId: true },
    });
    await db.contract.createMany({
      data: customers.map((c) => ({ organizationId: org.organizationId, customerId: c.id, planId: plan.planId, planVersionId: plan.id, timezone: "UTC", startsAt: new Date("2026-01-01T00:00:00Z"), priceOverrides: [] })),
    });
    // Every 7th customer has credits: their invoice goes through the ledger, one by one.
    for (let i = 0; i < N; i += 7) await ok("POST", `/customers/k${i}/credits`, { amount: "1.00" });
    const events = customers.flatMap((c, i) => [
      { id: `${c.externalId}-a`, customer: c.externalId, type: "usage", timestamp: "2026-01-10T00:00:00Z", properties: { units: i + 1, user: "x" } },
      { id: `${c.externalId}-b`, customer: c.externalId, type: "usage", timestamp: "2026-01-20T00:00:00Z", properties: { units: 10, user: i % 3 === 0 ? "y" : "x" } },
    ]);
    for (let i = 0; i < events.length; i += 500) expect(await ok("POST", "/events/batch", { events: events.slice(i, i + 500) })).toMatchObject({ rejected: 0 });

    const ctx = org.ctx;
    const asOf = new Date("2026-02-01T00:00:00Z");
    const runs = await Promise.all([runBilling(ctx, { asOf }), runBilling(ctx, { asOf })]);
    expect(runs[0].invoicesCreated + runs[1].invoicesCreated).toBe(N);
    expect((await runBilling(ctx, { asOf })).invoicesCreated).toBe(0);

    const invoices = await db.invoice.findMany({ where: { organizationId: org.organizationId }, include: { lines: true } });
    expect(invoices).toHaveLength(N);
    const numbers = invoices.map((i) => Number(i.number!.replace(/\D/g, ""))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const byCustomer = new Map(customers.map((c, i) => [c.id, i]));
    for (const invoice of invoices) {
      const i = byCustomer.get(invoice.customerId)!;
      // (i + 11) units × 0.10 + users × 2, plus 10 % tax for odd i; 1.00 of credits every 7th.
      const subtotal = (i + 11) * 10 + (i % 3 === 0 ? 2 : 1) * 200; // in cents
      const tax = i % 2 ? Math.round(subtotal / 10) : 0;
      expect(invoice.subtotal.toFixed(2), `k${i}`).toBe((subtotal / 100).toFixed(2));
      expect(invoice.total.toFixed(2), `k${i}`).toBe(((subtotal + tax) / 100).toFixed(2));
      expect(invoice.creditsApplied.toFixed(2), `k${i}`).toBe(i % 7 === 0 ? "1.00" : "0.00");
      expect(invoice.status).toBe("open");
      expect(invoice.lines.map((l) => l.amount.toFixed(2))).toEqual([((i + 11) / 10).toFixed(2), i % 3 === 0 ? "4.00" : "2.00"]);
    }
  }, 120_000);
});
