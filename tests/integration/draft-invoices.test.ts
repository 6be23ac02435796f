import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { updateBillingSettings } from "@/server/invoicing/billing-settings";
import { createTestOrganization, rest, restOk } from "./helpers";

describe("draft invoices during the grace period", () => {
  it("stay editable: adjustments, refreshed usage; then finalize with the organization's prefix and terms", async () => {
    const org = await createTestOrganization("Draft Org");
    await updateBillingSettings(org.ctx, { invoiceGracePeriodHours: 24, invoicePrefix: "ACME", invoiceNetTermsDays: 14 });
    const ok = restOk(org.apiKey);
    await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
    await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
    await ok("POST", "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "units", model: "per_unit", unitPrice: "1" }] });
    await ok("POST", "/customers", { externalId: "d1", name: "d1", email: "d1@example.com", currency: "USD" });
    await ok("POST", "/customers/d1/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/events/batch", { events: [{ id: "d1-1", customer: "d1", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 10 } }] });
    await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });

    const [draft] = (await ok("GET", "/invoices?customer=d1")).data as { id: string; status: string; number: string | null; total: string }[];
    // A draft already shows its total (subtotal + tax), before credits.
    expect(draft).toMatchObject({ status: "draft", number: null, subtotal: "10.00", total: "10.00", amountDue: "10.00" });

    const adjusted = await ok("POST", `/invoices/${draft!.id}/adjustments`, { description: "Onboarding discount", amount: "-2.50" });
    expect((adjusted.lines as { kind: string; amount: string }[]).map((l) => [l.kind, l.amount])).toEqual([
      ["usage", "10.00"],
      ["adjustment", "-2.50"],
    ]);
    const badAmount = await rest("POST", `/invoices/${draft!.id}/adjustments`, { key: org.apiKey, body: { description: "x", amount: "1.234" } });
    expect(badAmount.status).toBe(400);
    expect(badAmount.json.issues?.map((i) => i.path)).toEqual(["amount"]);

    // A late event for the period is still accepted while the invoice is a draft; a refresh brings it in.
    const customerId = (await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "d1" } })).id;
    expect(await ok("POST", "/events/batch", { events: [{ id: "d1-2", customer: "d1", type: "usage", timestamp: "2026-01-06T00:00:00Z", properties: { units: 5 } }] })).toMatchObject({ accepted: 1 });
    const refreshed = await ok("POST", `/invoices/${draft!.id}/refresh-usage`);
    expect((refreshed.lines as { kind: string; amount: string }[]).map((l) => [l.kind, l.amount])).toEqual([
      ["usage", "15.00"],
      ["adjustment", "-2.50"],
    ]);

    const final = await ok("POST", `/invoices/${draft!.id}/finalize`);
    expect(final).toMatchObject({ status: "open", total: "12.50", amountDue: "12.50" });
    expect(final.number).toMatch(/^ACME-\d{6}$/);
    expect(new Date(final.dueAt as string).getTime() - new Date(final.issuedAt as string).getTime()).toBe(14 * 86_400_000);
    expect((await rest("POST", `/invoices/${draft!.id}/adjustments`, { key: org.apiKey, body: { description: "late", amount: "1" } })).status).toBe(409);
    expect((await rest("POST", `/invoices/${draft!.id}/finalize`, { key: org.apiKey })).status).toBe(409);
    // Once finalized, the period is closed to late usage.
    const late = await ok("POST", "/events/batch", { events: [{ id: "d1-3", customer: "d1", type: "usage", timestamp: "2026-01-07T00:00:00Z", properties: { units: 1 } }] });
    expect(late).toMatchObject({ accepted: 0, rejected: 1 });

    const written = await ok("POST", `/invoices/${draft!.id}/mark-uncollectible`);
    expect(written.status).toBe("uncollectible");
    expect(await db.invoice.count({ where: { customerId } })).toBe(1);
  });
});
