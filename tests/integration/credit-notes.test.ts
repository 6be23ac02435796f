import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleCreditNotePdf, handleSignedCreditNotePdf } from "@/server/invoicing/http";
import { invoicePdfUrl } from "@/server/invoicing/invoice-links";
import { createTestOrganization, rest, settleEvents } from "./helpers";

type Json = Record<string, unknown>;
interface Invoice {
  id: string;
  number: string;
  status: string;
  total: string;
  amountDue: string;
  amountCredited: string;
  creditsApplied: string;
  lines: { description: string; amount: string }[];
}

/**
 * An organization whose customer "c1" (20 % tax) has a finalized January invoice:
 * 100 units × 1.00 + 100 calls × 0.50 = 150.00, tax 30.00, total 180.00.
 */
async function invoicedCustomer(options: { credits?: string; creditsExpireAt?: string } = {}) {
  const org = await createTestOrganization("Credit Note Org");
  const call = async (method: string, p: string, body?: unknown) => rest(method, p, { key: org.apiKey, body });
  const ok = async (method: string, p: string, body?: unknown) => {
    const r = await call(method, p, body);
    expect(r.status, `${method} ${p}: ${r.text}`).toBeLessThan(300);
    return r.json as Json;
  };
  await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }, { name: "calls", type: "number" }] });
  await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
  await ok("POST", "/metrics", { code: "calls", name: "Calls", eventType: "usage", aggregation: "sum", field: "calls" });
  await ok("POST", "/plans", {
    code: "p",
    name: "P",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "usage", metric: "units", model: "per_unit", unitPrice: "1" },
      { type: "usage", metric: "calls", model: "per_unit", unitPrice: "0.5" },
    ],
  });
  await ok("POST", "/customers", { externalId: "c1", name: "Customer One", email: "c1@example.com", currency: "USD", taxRate: "0.2" });
  await ok("POST", "/customers/c1/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00Z" });
  if (options.credits) await ok("POST", "/customers/c1/credits", { amount: options.credits, ...(options.creditsExpireAt ? { expiresAt: options.creditsExpireAt } : {}) });
  await ok("POST", "/events/batch", { events: [{ id: "e1", customer: "c1", type: "usage", timestamp: "2026-01-05T00:00:00Z", properties: { units: 100, calls: 100 } }] });
  await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
  const invoices = (await ok("GET", "/invoices?customer=c1")).data as Invoice[];
  const invoice = invoices.find((i) => i.total === "180.00");
  expect(invoice, JSON.stringify(invoices)).toBeDefined();
  return { org, call, ok, invoice: invoice! };
}

describe("credit notes", () => {
  it("lower what an open invoice still asks for, line by line, until it is paid", async () => {
    const { ok, call, invoice } = await invoicedCustomer();
    expect(invoice).toMatchObject({ status: "open", amountDue: "180.00", amountCredited: "0.00" });
    expect(invoice.lines.map((l) => l.amount)).toEqual(["100.00", "50.00"]);

    const first = await ok("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "billing_error", memo: "Calls were double counted", lines: [{ invoiceLine: 1, amount: "25.00" }] });
    expect(first).toMatchObject({
      number: `${invoice.number}-CN-01`,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      customer: "c1",
      reason: "billing_error",
      memo: "Calls were double counted",
      lines: [{ description: `Credit: ${invoice.lines[1]!.description}`, amount: "25.00", invoiceLine: 1 }],
      subtotal: "25.00",
      tax: "5.00",
      total: "30.00",
      appliedToInvoice: "30.00",
      creditedToBalance: "0.00",
      refunded: "0.00",
    });
    // The invoice's own figures never change; what is due does.
    const after = (await ok("GET", `/invoices/${invoice.id}`)) as unknown as Invoice;
    expect(after).toMatchObject({ status: "open", total: "180.00", amountCredited: "30.00", amountDue: "150.00" });
    expect(after.lines.map((l) => l.amount)).toEqual(["100.00", "50.00"]);

    // The line has 25.00 left: 25.01 is refused, naming the field.
    const tooMuch = await call("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "billing_error", lines: [{ invoiceLine: 1, amount: "25.01" }] });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.issues).toEqual([{ path: "lines.0.amount", message: "must not exceed what is left to credit on invoice line 1 (25.00)" }]);

    // No lines: everything left (125.00 + 25.00 tax); nothing is due any more, so the invoice is paid.
    const rest2 = await ok("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "order_change" });
    expect(rest2).toMatchObject({ number: `${invoice.number}-CN-02`, subtotal: "125.00", tax: "25.00", total: "150.00", appliedToInvoice: "150.00" });
    expect(await ok("GET", `/invoices/${invoice.id}`)).toMatchObject({ status: "paid", amountCredited: "180.00", amountDue: "0.00" });

    const nothingLeft = await call("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "other", lines: [{ amount: "1.00" }] });
    expect(nothingLeft.status).toBe(400);
    expect(nothingLeft.json.issues?.[0]?.path).toBe("lines");

    const listed = await ok("GET", `/invoices/${invoice.id}/credit-notes`);
    expect((listed.data as { number: string }[]).map((n) => n.number)).toEqual([`${invoice.number}-CN-01`, `${invoice.number}-CN-02`]);
    expect(((await ok("GET", "/credit-notes?customer=c1")).data as unknown[]).length).toBe(2);
    expect(await ok("GET", `/credit-notes/${first.id as string}`)).toMatchObject({ number: `${invoice.number}-CN-01` });
    // An invoice corrected by credit notes is never voided on top (it would give the same money back twice).
    expect((await call("POST", `/invoices/${invoice.id}/void`)).status).toBe(409);
  });

  it("give back to the customer's balance what credits had already settled", async () => {
    const { ok, invoice, org } = await invoicedCustomer({ credits: "150.00" });
    expect(invoice).toMatchObject({ creditsApplied: "150.00", amountDue: "30.00" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "0.00" });

    const note = await ok("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "product_unsatisfactory", lines: [{ amount: "60.00", description: "Goodwill" }] });
    // 72.00 in all: 30.00 clears what was due, 42.00 returns to the balance.
    expect(note).toMatchObject({ total: "72.00", appliedToInvoice: "30.00", creditedToBalance: "42.00", lines: [{ description: "Goodwill", amount: "60.00", invoiceLine: null }] });
    expect(await ok("GET", `/invoices/${invoice.id}`)).toMatchObject({ status: "paid", amountDue: "0.00" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "42.00" });

    // Its PDF, for the organization only; the text layer holds what a reader checks.
    const request = (key: string) => new Request(`http://localhost/api/v1/credit-notes/${note.id as string}/pdf`, { headers: { authorization: `Bearer ${key}` } });
    const pdf = await handleCreditNotePdf(request(org.apiKey), note.id as string);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = mkdtempSync(path.join(tmpdir(), "credit-note-pdf-"));
    writeFileSync(path.join(dir, "note.pdf"), bytes);
    let text = "";
    try {
      text = execFileSync("pdftotext", ["-layout", path.join(dir, "note.pdf"), "-"], { encoding: "utf8" });
    } catch {
      text = "";
    }
    if (text) {
      expect(text).toContain(`${invoice.number}-CN-01`);
      expect(text).toContain("Goodwill");
      expect(text).toContain("$72.00");
      expect(text).toContain("$42.00");
    }
    const other = await createTestOrganization("Other PDF Org");
    expect((await handleCreditNotePdf(request(other.apiKey), note.id as string)).status).toBe(404);

    // The customer is e-mailed once, with a signed link that opens this PDF and nothing else.
    await settleEvents();
    const emails = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: "credit_note" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: "c1@example.com", subject: `Credit note ${invoice.number}-CN-01 from Credit Note Org` });
    expect(emails[0]!.text).toContain("Added to your credit balance, for your next invoices: $42.00");
    expect(emails[0]!.text).toContain(`Now due on invoice ${invoice.number}: $0.00`);
    const link = /https?:\/\/\S+\/c\/([^/]+)\/pdf\?sig=([\w-]+)/.exec(emails[0]!.text)!;
    expect(link[1]).toBe(note.id);
    expect((await handleSignedCreditNotePdf(new Request(link[0]), link[1]!)).status).toBe(200);
    expect((await handleSignedCreditNotePdf(new Request(link[0].replace(/sig=[\w-]+/, "sig=forged")), link[1]!)).status).toBe(403);
    // An invoice link's signature does not open a credit note with the same id.
    const invoiceSig = new URL(invoicePdfUrl(note.id as string)).searchParams.get("sig")!;
    expect((await handleSignedCreditNotePdf(new Request(`http://localhost/c/${note.id as string}/pdf?sig=${invoiceSig}`), note.id as string)).status).toBe(403);
  });

  it("refuse bad input with the field named, drafts and other organizations' invoices", async () => {
    const { call, invoice, org } = await invoicedCustomer();
    const bad = await call("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "because", lines: [{ amount: "-1" }, { amount: "1.001" }, { amount: "1", invoiceLine: 9 }] });
    expect(bad.status).toBe(400);
    expect(bad.json.issues?.map((i) => i.path).sort()).toEqual(["lines.0.amount", "reason"]);
    const decimals = await call("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "other", lines: [{ amount: "1.001" }, { amount: "1", invoiceLine: 9 }] });
    expect(decimals.status).toBe(400);
    expect(decimals.json.issues?.map((i) => i.path)).toEqual(["lines.0.amount", "lines.1.invoiceLine"]);
    expect((await call("POST", `/invoices/00000000-0000-7000-8000-000000000000/credit-notes`, { reason: "other" })).status).toBe(404);

    const other = await createTestOrganization("Other Org");
    expect((await rest("POST", `/invoices/${invoice.id}/credit-notes`, { key: other.apiKey, body: { reason: "other" } })).status).toBe(404);
    expect((await rest("GET", `/invoices/${invoice.id}/credit-notes`, { key: other.apiKey })).json.data).toEqual([]);

    // A draft is edited, not credited.
    const draft = await db.invoice.update({ where: { id: invoice.id }, data: { status: "draft" } });
    const refused = await call("POST", `/invoices/${draft.id}/credit-notes`, { reason: "other" });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain("edit the draft");
    expect(await db.creditNote.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });

  it("issued concurrently never credit more than the invoice's total", async () => {
    const { call, invoice, org } = await invoicedCustomer();
    const results = await Promise.all(Array.from({ length: 6 }, () => call("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "duplicate", lines: [{ amount: "50.00" }] })));
    // 60.00 each with tax: three fit in 180.00, the others are refused.
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 400, 400, 400]);
    const notes = await db.creditNote.findMany({ where: { organizationId: org.organizationId }, orderBy: { number: "asc" } });
    expect(notes.map((n) => n.number)).toEqual(["01", "02", "03"].map((n) => `${invoice.number}-CN-${n}`));
    expect(notes.map((n) => n.total.toFixed(2))).toEqual(["60.00", "60.00", "60.00"]);
  });

  it("are sent to webhook endpoints as credit_note.created", async () => {
    const { ok, invoice } = await invoicedCustomer();
    const endpoint = await ok("POST", "/webhook-endpoints", { url: "http://127.0.0.1:9/hooks", events: ["credit_note.created", "invoice.paid"] });
    const note = await ok("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "duplicate" });
    await settleEvents();
    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id as string }, orderBy: { eventType: "asc" } });
    expect(deliveries.map((d) => [d.eventType, d.eventId])).toEqual([
      ["credit_note.created", `credit_note.created:${note.id as string}`],
      ["invoice.paid", `invoice.paid:${invoice.id}`],
    ]);
    expect((deliveries[0]!.payload as { data: { creditNote: { total: string } } }).data.creditNote.total).toBe("180.00");
  });
});

describe("voiding an invoice", () => {
  it("returns the credits it applied, with their grant's expiry", async () => {
    const { ok, call, invoice } = await invoicedCustomer({ credits: "100.00", creditsExpireAt: "2099-01-01T00:00:00Z" });
    expect(invoice).toMatchObject({ status: "open", creditsApplied: "100.00", amountDue: "80.00" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "0.00" });

    expect(await ok("POST", `/invoices/${invoice.id}/void`)).toMatchObject({ status: "void" });
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "100.00" });
    const grants = (await ok("GET", "/customers/c1/credits")).data as { amount: string; expiresAt: string | null; reason: string | null }[];
    const returned = grants.find((g) => g.reason?.startsWith("Returned from voided invoice"));
    expect(returned).toMatchObject({ amount: "100.00", expiresAt: "2099-01-01T00:00:00.000Z", reason: `Returned from voided invoice ${invoice.number}` });
    // Voiding twice is refused and gives nothing back twice.
    expect((await call("POST", `/invoices/${invoice.id}/void`)).status).toBe(409);
    expect(await ok("GET", "/customers/c1/balance")).toMatchObject({ balance: "100.00" });
  });
});
