import { describe, expect, it } from "vitest";
import { updateBillingSettings } from "@/server/invoicing/billing-settings";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { createTestOrganization, restOk } from "./helpers";

describe("the dashboard's invoice list, summary and details", () => {
  it("filter by status, customer and period month, and show a draft's totals to be", async () => {
    const org = await createTestOrganization("Dashboard Invoices Org");
    await updateBillingSettings(org.ctx, { invoiceGracePeriodHours: 24 });
    const ok = restOk(org.apiKey);
    await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
    await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
    await ok("POST", "/plans", { code: "p", name: "P", currency: "USD", interval: "month", charges: [{ type: "usage", metric: "units", model: "per_unit", unitPrice: "1" }] });
    await ok("POST", "/customers", { externalId: "acme-1", name: "Acme One", email: "a1@example.com", currency: "USD", taxRate: "0.2" });
    await ok("POST", "/customers", { externalId: "beta-2", name: "Beta Two", email: "b2@example.com", currency: "USD", timezone: "Pacific/Kiritimati" });
    await ok("POST", "/customers/acme-1/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/customers/beta-2/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
    await ok("POST", "/events/batch", {
      events: [
        { id: "a-1", customer: "acme-1", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 10.5 } },
        { id: "b-1", customer: "beta-2", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 4 } },
      ],
    });
    await ok("POST", "/billing-runs", { asOf: "2026-02-02T00:00:00Z" });
    const [beta] = (await ok("GET", "/invoices?customer=beta-2")).data as { id: string }[];
    await ok("POST", `/invoices/${beta!.id}/finalize`);

    const trpc = createCaller(createContext({ headers: new Headers({ authorization: `Bearer ${org.apiKey}` }) }));
    const all = await trpc.invoices.search({ limit: 50 });
    expect(all.nextCursor).toBeNull();
    const byCustomer = Object.fromEntries(all.data.map((i) => [i.customer, i]));
    // The draft shows tax on its subtotal at the customer's rate; credits are not applied yet.
    expect(byCustomer["acme-1"]).toMatchObject({ status: "draft", customerName: "Acme One", timezone: "UTC", subtotal: "10.50", tax: "2.10", total: "12.60", amountDue: "12.60" });
    expect(byCustomer["beta-2"]).toMatchObject({ status: "open", customerName: "Beta Two", timezone: "Pacific/Kiritimati", total: "4.00", amountDue: "4.00" });

    expect((await trpc.invoices.search({ limit: 50, status: "open" })).data.map((i) => i.customer)).toEqual(["beta-2"]);
    expect((await trpc.invoices.search({ limit: 50, customer: "ACME" })).data.map((i) => i.customer)).toEqual(["acme-1"]);
    expect(await trpc.invoices.search({ limit: 50, customer: "nobody" })).toEqual({ data: [], nextCursor: null });
    // A period's month is the one in the contract's zone: Kiritimati's January starts on Dec 31 at 10:00 UTC.
    expect((await trpc.invoices.search({ limit: 50, period: "2026-01" })).data.map((i) => i.customer).sort()).toEqual(["acme-1", "beta-2"]);
    expect(await trpc.invoices.search({ limit: 50, period: "2025-12" })).toEqual({ data: [], nextCursor: null });
    expect(await trpc.invoices.search({ limit: 50, period: "2025-11" })).toEqual({ data: [], nextCursor: null });
    const first = await trpc.invoices.search({ limit: 1 });
    expect(first.data).toHaveLength(1);
    const second = await trpc.invoices.search({ limit: 1, cursor: first.nextCursor! });
    expect(second.data.map((i) => i.id)).not.toEqual(first.data.map((i) => i.id));

    expect((await trpc.invoices.summary({})).data).toEqual([
      { status: "draft", currency: "USD", count: 1, total: "12.60", amountDue: "12.60" },
      { status: "open", currency: "USD", count: 1, total: "4.00", amountDue: "4.00" },
    ]);
    expect(await trpc.invoices.summary({ customer: "nobody" })).toEqual({ data: [] });

    const draftDetails = await trpc.invoices.details({ id: byCustomer["acme-1"]!.id });
    expect(draftDetails).toMatchObject({
      customerName: "Acme One",
      customerEmail: "a1@example.com",
      timezone: "UTC",
      taxRate: "0.2",
      draftTotals: { subtotal: "10.50", tax: "2.10", total: "12.60", amountDue: "12.60" },
    });
    expect(draftDetails.events.map((e) => e.event)).toEqual(["created"]);
    const openDetails = await trpc.invoices.details({ id: beta!.id });
    expect(openDetails).toMatchObject({ timezone: "Pacific/Kiritimati", draftTotals: null });
    expect(openDetails.events.map((e) => [e.event, e.status])).toEqual([
      ["created", "draft"],
      ["finalized", "open"],
    ]);
    await expect(trpc.invoices.details({ id: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
