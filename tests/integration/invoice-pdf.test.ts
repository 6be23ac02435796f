import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { handleInvoicePdf } from "@/server/invoicing/http";
import { createTestOrganization, rest } from "./helpers";

describe("invoice PDF", () => {
  it("renders a finalized invoice as a PDF for its organization only", async () => {
    const org = await createTestOrganization("PDF Org");
    const ok = async (method: string, p: string, body?: unknown) => {
      const r = await rest(method, p, { key: org.apiKey, body });
      expect(r.status, r.text).toBeLessThan(300);
      return r.json;
    };
    await ok("POST", "/event-schemas", { code: "usage", name: "Usage", fields: [{ name: "units", type: "number" }] });
    await ok("POST", "/metrics", { code: "units", name: "Units", eventType: "usage", aggregation: "sum", field: "units" });
    await ok("POST", "/plans", { code: "p", name: "Pro", currency: "EUR", interval: "month", charges: [{ type: "flat", name: "Platform fee", amount: "49" }, { type: "usage", name: "API calls", metric: "units", model: "per_unit", unitPrice: "0.002" }] });
    await ok("POST", "/customers", { externalId: "acme", name: "Acme Robotics GmbH", email: "billing@acme.example", currency: "EUR", taxRate: "0.19", timezone: "Europe/Berlin", address: { line1: "Hauptstraße 1", city: "Berlin", postalCode: "10115", country: "DE" } });
    await ok("POST", "/customers/acme/contracts", { planCode: "p", startsAt: "2026-01-01T00:00:00+01:00" });
    await ok("POST", "/events/batch", { events: [{ id: "e1", customer: "acme", type: "usage", timestamp: "2026-01-10T10:00:00Z", properties: { units: 12345 } }] });
    await ok("POST", "/billing-runs", { asOf: "2026-02-01T00:00:00+01:00" });
    const invoices = (await ok("GET", "/invoices?customer=acme")).data as { id: string; total: string }[];
    const closing = invoices.find((i) => i.total !== "58.31")!;

    const request = (key: string) => new Request(`http://localhost/api/v1/invoices/${closing.id}/pdf`, { headers: { authorization: `Bearer ${key}` } });
    const res = await handleInvoicePdf(request(org.apiKey), closing.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // The text layer holds the figures a reader checks (pdftotext from poppler, when installed).
    const dir = mkdtempSync(path.join(tmpdir(), "invoice-pdf-"));
    const file = path.join(dir, "invoice.pdf");
    writeFileSync(file, bytes);
    let text = "";
    try {
      text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    } catch {
      text = "";
    }
    if (text) {
      expect(text).toContain("Acme Robotics GmbH");
      expect(text).toMatch(/INV-\d{6}/);
      expect(text).toContain("API calls");
      expect(text).toContain("€24.69");
      expect(text).toContain("Amount due");
    }

    const other = await createTestOrganization("Other PDF Org");
    expect((await handleInvoicePdf(request(other.apiKey), closing.id)).status).toBe(404);
    expect((await handleInvoicePdf(request("eb_sk_nope"), closing.id)).status).toBe(401);
  });
});

describe("invoice e-mail", () => {
  it("sends the customer each finalized invoice once, with a signed PDF link that works without an account", async () => {
    const { db } = await import("@/server/db");
    const { handleSignedInvoicePdf } = await import("@/server/invoicing/http");
    const org = await createTestOrganization("Mail Org");
    const ok = async (method: string, p: string, body?: unknown) => {
      const r = await rest(method, p, { key: org.apiKey, body });
      expect(r.status, r.text).toBeLessThan(300);
      return r.json;
    };
    await ok("POST", "/plans", { code: "p", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "20" }] });
    await ok("POST", "/customers", { externalId: "mail", name: "Mail Co", email: "ap@mail.example", currency: "USD" });
    await ok("POST", "/customers/mail/contracts", { planCode: "p", startsAt: "2026-03-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-03-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-03-01T00:00:00Z" });
    const { drainLocalJobs } = await import("@/server/inngest/publish");
    await drainLocalJobs();
    const emails = await db.outboxEmail.findMany({ where: { organizationId: org.organizationId, template: "invoice_finalized" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: "ap@mail.example" });
    expect(emails[0]?.subject).toMatch(/^Invoice INV-\d{6} from Mail Org$/);
    expect(emails[0]?.text).toContain("Amount due: $20.00");
    const link = /https?:\/\/\S+\/i\/([^/]+)\/pdf\?sig=([\w-]+)/.exec(emails[0]!.text)!;
    expect(link).not.toBeNull();
    const open = await handleSignedInvoicePdf(new Request(link[0]), link[1]!);
    expect(open.status).toBe(200);
    expect(open.headers.get("content-type")).toBe("application/pdf");
    const forged = await handleSignedInvoicePdf(new Request(link[0].replace(/sig=[\w-]+/, "sig=forged")), link[1]!);
    expect(forged.status).toBe(404);
  });
});
