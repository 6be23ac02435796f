import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { EXPORTS, exportCsvStream } from "@/server/exports/export-csv";
import { handleExportCsv } from "@/server/exports/http";
import { createTestOrganization, restOk, settleEvents, settleUsageRollups } from "./helpers";

// CSV exports: each kind parses with the right header and rows, the date range is honoured,
// another organization's rows never appear, and pages are read one after the other. Dates that
// the services stamp with the clock are set to fixed days, so nothing depends on today.

type Org = Awaited<ReturnType<typeof createTestOrganization>>;
type Row = Record<string, string>;

async function exportCsv(org: Org | string, file: string, query = "") {
  const headers = { authorization: `Bearer ${typeof org === "string" ? org : org.apiKey}` };
  const response = await handleExportCsv(new Request(`http://localhost/api/v1/exports/${file}${query}`, { headers }), file);
  return { status: response.status, type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition"), text: await response.text() };
}

async function exportRows(org: Org, kind: keyof typeof EXPORTS, query = "") {
  const res = await exportCsv(org, `${kind}.csv`, query);
  expect(res.status, res.text).toBe(200);
  expect(res.type).toBe("text/csv; charset=utf-8");
  const [header] = parse(res.text, { to_line: 1 }) as string[][];
  expect(header).toEqual([...EXPORTS[kind].columns]);
  return parse(res.text, { columns: true }) as Row[];
}

const at = (day: string) => new Date(`${day}T12:00:00Z`);

/** An organization with two customers, usage on two days, invoices, a payment and a credit note. */
async function billedOrganization(name: string) {
  const org = await createTestOrganization(name);
  const ok = restOk(org.apiKey);
  await ok("POST", "/event-schemas", { code: "calls", name: "Calls", fields: [{ name: "tokens", type: "number" }, { name: "user", type: "string" }] });
  await ok("POST", "/metrics", { code: "tokens", name: "Tokens", eventType: "calls", aggregation: "sum", field: "tokens" });
  await ok("POST", "/metrics", { code: "users", name: "Users", eventType: "calls", aggregation: "unique_count", field: "user" });
  await ok("POST", "/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Platform fee", amount: "100" },
      { type: "usage", name: "Tokens", metric: "tokens", model: "per_unit", unitPrice: "0.01" },
    ],
  });
  await ok("POST", "/customers", { externalId: "c1", name: "=Ada Corp", email: "ada@example.com", currency: "USD" });
  await ok("POST", "/customers", { externalId: "c2", name: "Bob", email: "bob@example.com", currency: "USD" });
  await ok("POST", "/customers/c1/payment-methods", { sandboxCard: "4242424242424242" });
  for (const c of ["c1", "c2"]) await ok("POST", `/customers/${c}/contracts`, { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await ok("POST", "/events/batch", {
    events: [
      { id: "e1", customer: "c1", type: "calls", timestamp: "2026-01-05T10:00:00Z", properties: { tokens: 100, user: "u1" } },
      { id: "e2", customer: "c1", type: "calls", timestamp: "2026-01-05T11:00:00Z", properties: { tokens: 50, user: "u2" } },
      { id: "e3", customer: "c1", type: "calls", timestamp: "2026-01-06T09:00:00Z", properties: { tokens: 7, user: "u1" } },
      { id: "e4", customer: "c2", type: "calls", timestamp: "2026-01-06T09:30:00Z", properties: { tokens: 1000, user: "u9" } },
    ],
  });
  await settleEvents(org.organizationId);
  await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
  await settleEvents(org.organizationId);
  const [payment] = (await ok("GET", "/payments?customer=c1")).data as { id: string; invoiceId: string }[];
  await ok("POST", `/payments/${payment!.id}/refund`, { amount: "10.00", reason: "Outage" });
  await settleEvents(org.organizationId);

  // The clock's stamps, moved to fixed days: c1 and its January invoices in January, c2 in February.
  const where = { organizationId: org.organizationId };
  await db.customer.updateMany({ where: { ...where, externalId: "c1" }, data: { createdAt: at("2026-01-02") } });
  await db.customer.updateMany({ where: { ...where, externalId: "c2" }, data: { createdAt: at("2026-02-02") } });
  const c1 = await db.customer.findFirstOrThrow({ where: { ...where, externalId: "c1" } });
  await db.invoice.updateMany({ where: { ...where, customerId: c1.id }, data: { issuedAt: at("2026-01-03"), createdAt: at("2026-01-03") } });
  await db.invoice.updateMany({ where: { ...where, customerId: { not: c1.id } }, data: { issuedAt: at("2026-02-03"), createdAt: at("2026-02-03") } });
  await db.payment.updateMany({ where, data: { createdAt: at("2026-01-04") } });
  await db.creditNote.updateMany({ where, data: { issuedAt: at("2026-01-20") } });
  await settleUsageRollups();
  return org;
}

describe("CSV exports", () => {
  it("each kind parses with its header and rows; the range is honoured; another organization's rows never appear", async () => {
    const org = await billedOrganization("Exports Org");
    const other = await billedOrganization("Exports Other Org");
    await db.customer.updateMany({ where: { organizationId: other.organizationId, externalId: "c1" }, data: { name: "Other Co" } });

    // Customers: all, then by the day they were created. A name starting like a formula stays text.
    const customers = await exportRows(org, "customers");
    expect(customers.map((c) => c.externalId)).toEqual(["c1", "c2"]);
    expect(customers[0]).toMatchObject({ name: "'=Ada Corp", email: "ada@example.com", currency: "USD", billingMode: "postpaid", taxRate: "0", createdAt: "2026-01-02T12:00:00.000Z" });
    expect((await exportRows(org, "customers", "?from=2026-02-01")).map((c) => c.externalId)).toEqual(["c2"]);
    expect((await exportRows(org, "customers", "?to=2026-02-01")).map((c) => c.externalId)).toEqual(["c1"]);
    expect(JSON.stringify(customers)).not.toContain("Other Co");

    // Invoices: one row per line, each carrying its invoice; January holds c1's only.
    const lines = await exportRows(org, "invoices");
    const invoices = await db.invoice.findMany({ where: { organizationId: org.organizationId }, include: { lines: true } });
    expect(lines).toHaveLength(invoices.reduce((n, i) => n + i.lines.length, 0));
    expect(new Set(lines.map((l) => l.invoiceId))).toEqual(new Set(invoices.filter((i) => i.lines.length > 0).map((i) => i.id)));
    const january = await exportRows(org, "invoices", "?from=2026-01-01&to=2026-02-01");
    expect(new Set(january.map((l) => l.customer))).toEqual(new Set(["c1"]));
    const usageLine = january.find((l) => l.kind === "usage");
    expect(usageLine).toMatchObject({ metric: "tokens", quantity: "157", unitPrice: "0.01", amount: "1.57", currency: "USD", issuedAt: "2026-01-03T12:00:00.000Z" });
    expect(january.find((l) => l.kind === "flat")).toMatchObject({ amount: expect.stringMatching(/^\d+\.\d{2}$/) });
    // Lines of an invoice are numbered from 1, in order.
    const byInvoice = new Map<string, Row[]>();
    for (const l of lines) byInvoice.set(l.invoiceId!, [...(byInvoice.get(l.invoiceId!) ?? []), l]);
    for (const group of byInvoice.values()) expect(group.map((l) => Number(l.line))).toEqual(group.map((_, i) => i + 1));

    // Payments and credit notes.
    const payments = await exportRows(org, "payments");
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.every((p) => p.customer === "c1")).toBe(true);
    expect(payments[0]).toMatchObject({ gateway: "sandbox", status: "succeeded", refunded: "10.00", currency: "USD", brand: "visa", last4: "4242", createdAt: "2026-01-04T12:00:00.000Z" });
    expect(JSON.stringify(payments)).not.toContain("4242424242424242");
    expect(await exportRows(org, "payments", "?from=2026-01-05")).toEqual([]);
    const notes = await exportRows(org, "credit-notes");
    expect(notes).toEqual([expect.objectContaining({ customer: "c1", reason: "refund", memo: "Outage", total: "10.00", refunded: "10.00", issuedAt: "2026-01-20T12:00:00.000Z" })]);
    expect(await exportRows(org, "credit-notes", "?from=2026-01-21T00:00:00Z")).toEqual([]);

    // Usage per customer, metric and UTC day, from the rollups.
    const usage = await exportRows(org, "usage");
    const key = (r: Row) => `${r.customer} ${r.metric} ${r.day} ${r.value} ${r.events}`;
    expect(usage.map(key).sort()).toEqual(["c1 tokens 2026-01-05 150 2", "c1 tokens 2026-01-06 7 1", "c1 users 2026-01-05 2 2", "c1 users 2026-01-06 1 1", "c2 tokens 2026-01-06 1000 1", "c2 users 2026-01-06 1 1"]);
    expect((await exportRows(org, "usage", "?from=2026-01-06&to=2026-01-07")).map(key).sort()).toEqual(["c1 tokens 2026-01-06 7 1", "c1 users 2026-01-06 1 1", "c2 tokens 2026-01-06 1000 1", "c2 users 2026-01-06 1 1"]);
    // The other organization's identical usage is not added in.
    expect(usage.find((r) => r.customer === "c1" && r.metric === "tokens" && r.day === "2026-01-05")?.value).toBe("150");
  });

  it("pages follow one another without a gap or a repeat, however small", async () => {
    const org = await billedOrganization("Exports Paging Org");
    const ctx = { db, organizationId: org.organizationId, actor: { type: "system" as const, name: "test" } };
    for (const kind of Object.keys(EXPORTS) as (keyof typeof EXPORTS)[]) {
      const whole = await new Response(exportCsvStream(ctx, kind, {})).text();
      const paged = await new Response(exportCsvStream(ctx, kind, {}, { pageRows: 1 })).text();
      expect(paged, kind).toBe(whole);
      expect(whole.split("\n").length, kind).toBeGreaterThan(2);
    }
  });

  it("answers 401 for a bad key, 404 for an unknown export, 400 naming a bad bound", async () => {
    const org = await createTestOrganization("Exports Errors Org");
    expect((await exportCsv("eb_sk_not_a_key", "customers.csv")).status).toBe(401);
    const unknown = await exportCsv(org, "contracts.csv");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("customers.csv");
    const bad = await exportCsv(org, "invoices.csv", "?from=last-week");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ issues: [{ path: "from" }] });
    const reversed = await exportCsv(org, "usage.csv", "?from=2026-02-01&to=2026-01-01");
    expect(reversed.status).toBe(400);
    expect(JSON.parse(reversed.text)).toMatchObject({ issues: [{ path: "to" }] });
    const empty = await exportCsv(org, "payments.csv", "?from=2026-01-01&to=2026-02-01");
    expect(empty).toMatchObject({ status: 200, disposition: 'attachment; filename="payments-2026-01-01_2026-02-01.csv"' });
    expect(empty.text.trim()).toBe(EXPORTS.payments.columns.join(","));
  });
});
