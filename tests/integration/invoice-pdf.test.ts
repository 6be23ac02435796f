import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { handleInvoicePdf } from "@/server/invoicing/http";
import { createTestOrganization, restOk, settleEvents } from "./helpers";

describe("invoice PDF", () => {
  it("renders a finalized invoice as a PDF for its organization only", async () => {
    const org = await createTestOrganization("PDF Org");
    const ok = restOk(org.apiKey);
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
    const ok = restOk(org.apiKey);
    await ok("POST", "/plans", { code: "p", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "20" }] });
    await ok("POST", "/customers", { externalId: "mail", name: "Mail Co", email: "ap@mail.example", currency: "USD" });
    await ok("POST", "/customers/mail/contracts", { planCode: "p", startsAt: "2026-03-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-03-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-03-01T00:00:00Z" });
    await settleEvents();
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
    expect(forged.status).toBe(403);
  });

  it("signs an expiry into each link: 30 days open, then 410; a changed expiry or id is 403", async () => {
    const { db } = await import("@/server/db");
    const { handleSignedInvoicePdf } = await import("@/server/invoicing/http");
    const { invoicePdfUrl, creditNotePdfUrl, PDF_LINK_TTL_MS } = await import("@/server/invoicing/invoice-links");
    const org = await createTestOrganization("Link Expiry Org");
    const ok = restOk(org.apiKey);
    await ok("POST", "/plans", { code: "p", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Seat", amount: "20" }] });
    await ok("POST", "/customers", { externalId: "exp", name: "Exp Co", email: "ap@exp.example", currency: "USD" });
    await ok("POST", "/customers/exp/contracts", { planCode: "p", startsAt: "2026-03-01T00:00:00Z" });
    await ok("POST", "/billing-runs", { asOf: "2026-03-01T00:00:00Z" });
    const invoice = await db.invoice.findFirstOrThrow({ where: { organizationId: org.organizationId, status: { not: "draft" } } });

    const issuedAt = new Date("2026-04-01T12:00:00Z");
    const url = invoicePdfUrl(invoice.id, issuedAt);
    const at = (ms: number) => new Date(issuedAt.getTime() + ms);
    const open = (u: string, now: Date, id = invoice.id) => handleSignedInvoicePdf(new Request(u), id, now);

    expect((await open(url, at(0))).status).toBe(200);
    expect((await open(url, at(PDF_LINK_TTL_MS - 1000))).status).toBe(200);
    const expired = await open(url, at(PDF_LINK_TTL_MS));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");
    // A newer e-mail's link, issued later, opens again.
    expect((await open(invoicePdfUrl(invoice.id, at(PDF_LINK_TTL_MS)), at(PDF_LINK_TTL_MS))).status).toBe(200);

    // Pushing the expiry forward breaks the signature.
    const sig = new URL(url).searchParams.get("sig")!;
    const [expiry, mac] = [sig.slice(0, sig.indexOf("-")), sig.slice(sig.indexOf("-") + 1)];
    const extended = url.replace(`sig=${sig}`, `sig=${Number(expiry) + 365 * 86_400}-${mac}`);
    const tampered = await open(extended, at(PDF_LINK_TTL_MS));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("This link is not valid");
    expect((await open(url.replace("sig=", "x="), at(0))).status).toBe(403);
    // A credit note's link for the same id, and links signed before expiries existed, do not open it.
    const cnSig = new URL(creditNotePdfUrl(invoice.id, issuedAt)).searchParams.get("sig")!;
    expect((await open(url.replace(`sig=${sig}`, `sig=${cnSig}`), at(0))).status).toBe(403);
    const { createHmac } = await import("node:crypto");
    const legacy = createHmac("sha256", process.env.NEXTAUTH_SECRET!).update(`invoice-pdf:${invoice.id}`).digest("base64url");
    expect((await open(url.replace(`sig=${sig}`, `sig=${legacy}`), at(0))).status).toBe(410);
  });
});
