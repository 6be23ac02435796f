import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { runBilling } from "@/server/invoicing/run-billing";
import { getUpcomingInvoice } from "@/server/invoicing/upcoming-invoice";
import { createTestOrganization, rest } from "./helpers";

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
let org: Org;

const ok = async (method: string, path: string, body?: unknown) => {
  const r = await rest(method, path, { key: org.apiKey, body });
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300);
  return r.json;
};

beforeAll(async () => {
  org = await createTestOrganization("Billing Org");
  await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
  await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
  await ok("POST", "/plans", {
    code: "seat-and-usage",
    name: "Seat and usage",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Seat", amount: "30.00" },
      { type: "usage", metric: "units", model: "per_unit", unitPrice: "0.10" },
    ],
  });
});

async function customer(externalId: string, startsAt = "2026-01-01T00:00:00Z", extra: object = {}) {
  await ok("POST", "/customers", { externalId, name: externalId, email: `${externalId}@example.com`, currency: "USD", ...extra });
  return ok("POST", `/customers/${externalId}/contracts`, { planCode: "seat-and-usage", startsAt });
}

describe("billing runs", () => {
  it("invoice each period once: a second run creates nothing, numbers are gapless", async () => {
    await customer("b1");
    // The opening invoice (January's seat) is issued when the contract is created.
    const opening = (await ok("GET", "/invoices?customer=b1")).data as { id: string; total: string; periodStart: string }[];
    expect(opening.map((i) => [i.total, i.periodStart])).toEqual([["30.00", "2026-01-01T00:00:00.000Z"]]);
    await ok("POST", "/events/batch", { events: [{ id: "b1-e1", customer: "b1", type: "usage", timestamp: "2026-01-15T00:00:00Z", properties: { units: 100 } }] });
    const first = await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    expect(first.invoicesCreated).toBe(1); // January's close (usage + February's seat); the opening is not created again
    expect(first.invoiceIds).not.toContain(opening[0]!.id);
    const again = await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
    expect(again).toEqual({ invoicesCreated: 0, invoiceIds: [] });

    const invoices = (await ok("GET", "/invoices?customer=b1")).data as { number: string; total: string; status: string; lines: { kind: string; amount: string; periodStart: string }[] }[];
    expect(invoices.map((i) => i.total).sort()).toEqual(["30.00", "40.00"]);
    expect(invoices.every((i) => i.status === "open")).toBe(true);
    const closing = invoices.find((i) => i.total === "40.00")!;
    expect(closing.lines.map((l) => [l.kind, l.amount, l.periodStart])).toEqual([
      ["usage", "10.00", "2026-01-01T00:00:00.000Z"],
      ["flat", "30.00", "2026-02-01T00:00:00.000Z"],
    ]);
    const numbers = invoices.map((i) => Number(i.number.replace(/\D/g, ""))).sort((a, b) => a - b);
    expect(numbers[1]! - numbers[0]!).toBe(1);
  });

  it("is safe under concurrency: two runs at once create each invoice once", async () => {
    await customer("b2", "2026-03-01T00:00:00Z");
    const runs = await Promise.all([
      rest("POST", "/billing-runs", { key: org.apiKey, body: { asOf: "2026-04-01T00:00:00Z" } }),
      rest("POST", "/billing-runs", { key: org.apiKey, body: { asOf: "2026-04-01T00:00:00Z" } }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    const customerId = (await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "b2" } })).id;
    const rows = await db.invoice.findMany({ where: { customerId } });
    expect(rows.map((r) => r.billingKey).sort()).toEqual(["close:2026-03-01T00:00:00.000Z", "opening"]);
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(2);
  });

  it("finishes a run that crashed after creating a draft: the rerun finalizes it and creates nothing twice", async () => {
    await customer("b3", "2026-05-01T00:00:00Z");
    const customerId = (await db.customer.findFirstOrThrow({ where: { organizationId: org.organizationId, externalId: "b3" } })).id;
    await runBilling(org.ctx, { asOf: new Date("2026-05-01T00:00:00Z") });
    // Simulate a crash between creating and finalizing: put the invoice back to a fresh draft.
    await db.invoice.updateMany({ where: { customerId }, data: { status: "draft", number: null, finalizedAt: null, issuedAt: null } });
    const rerun = await runBilling(org.ctx, { asOf: new Date("2026-05-01T00:00:00Z") });
    expect(rerun.invoicesCreated).toBe(0);
    const rows = await db.invoice.findMany({ where: { customerId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "open" });
    expect(rows[0]?.number).toMatch(/^INV-\d{6}$/);
  });

  it("applies credits after tax and marks an invoice settled by credits as paid", async () => {
    await ok("POST", "/customers", { externalId: "b4", name: "b4", email: "b4@example.com", currency: "USD", taxRate: "0.1" });
    await ok("POST", "/customers/b4/credits", { amount: "100.00", reason: "welcome" });
    await ok("POST", "/customers/b4/contracts", { planCode: "seat-and-usage", startsAt: "2026-06-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-06-01T00:00:00Z" });
    const [invoice] = (await ok("GET", "/invoices?customer=b4")).data as Record<string, string>[];
    expect(invoice).toMatchObject({ subtotal: "30.00", tax: "3.00", total: "33.00", creditsApplied: "33.00", amountDue: "0.00", status: "paid" });
    expect(await ok("GET", "/customers/b4/balance")).toMatchObject({ balance: "67.00" });
  });

  it("refuses asOf in the future, voids open invoices, and 404s other organizations' invoices", async () => {
    const future = await rest("POST", "/billing-runs", { key: org.apiKey, body: { asOf: "2999-01-01T00:00:00Z" } });
    expect(future.status).toBe(400);
    expect(future.json.issues?.map((i) => i.path)).toEqual(["asOf"]);
    const [invoice] = (await ok("GET", "/invoices?customer=b1&status=open")).data as { id: string }[];
    const voided = await ok("POST", `/invoices/${invoice!.id}/void`);
    expect(voided.status).toBe("void");
    expect((await rest("POST", `/invoices/${invoice!.id}/void`, { key: org.apiKey })).status).toBe(409);
    const other = await createTestOrganization("Other");
    expect((await rest("GET", `/invoices/${invoice!.id}`, { key: other.apiKey })).status).toBe(404);
    expect((await rest("GET", "/invoices/not-an-id", { key: org.apiKey })).status).toBe(404);
  });
});

describe("upcoming invoice", () => {
  it("previews the running period from usage so far, with the next period's advance items, tax and credits", async () => {
    // The preview's clock is fixed: the period running on March 15 is March.
    const now = new Date("2026-03-15T12:00:00Z");
    await customer("up1", "2026-03-01T00:00:00Z", { taxRate: "0.2" });
    await ok("POST", "/customers/up1/credits", { amount: "5.00" });
    await ok("POST", "/events/batch", { events: [{ id: "up1-e", customer: "up1", type: "usage", timestamp: "2026-03-10T00:00:00Z", properties: { units: 50 } }] });
    const invoicesBefore = await rest("GET", "/invoices?customer=up1", { key: org.apiKey }).then((r) => r.json.data as unknown[]);
    const upcoming = await getUpcomingInvoice(org.ctx, { externalId: "up1" }, now);
    expect(upcoming).toMatchObject({ id: null, number: null, status: "draft", customer: "up1", periodStart: new Date("2026-03-01T00:00:00Z") });
    expect(upcoming.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["usage", "5.00"],
      ["flat", "30.00"],
    ]);
    expect(upcoming).toMatchObject({ subtotal: "35.00", tax: "7.00", total: "42.00", creditsApplied: "5.00", amountDue: "37.00" });
    // Nothing is stored: only the opening invoice issued with the contract exists.
    expect(await rest("GET", "/invoices?customer=up1", { key: org.apiKey }).then((r) => (r.json.data as unknown[]).length)).toBe(invoicesBefore.length);
    expect((await rest("GET", "/customers/nobody/upcoming-invoice", { key: org.apiKey })).status).toBe(404);
  });
});
