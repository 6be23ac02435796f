import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { Forbidden, NotFound } from "@/server/errors";
import { getPortalInvoice, listPortalInvoices, payPortalInvoice, portalCreditNotePdf, portalInvoicePdf } from "@/server/portal/invoices";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import { billedOrganization, portalSessionFor } from "./billing-fixtures";

describe("portal invoices", () => {
  it("lists the customer's own issued invoices only, and shows one with its lines, payments and credit notes", async () => {
    const { c1, invoiceOf } = await billedOrganization({ fee: "100" });
    const mine = await invoiceOf("c1");
    const theirs = await invoiceOf("c2");
    const list = await listPortalInvoices(c1);
    expect(list.data.map((i) => i.id)).toEqual([mine.id]);
    expect(list.data[0]).toMatchObject({ status: "open", total: "100.00", amountDue: "100.00" });

    const details = await getPortalInvoice(c1, mine.id);
    expect(details.invoice.lines.map((l) => l.description)).toEqual(["Platform fee"]);
    expect(details.payRefusal).toBeNull();
    expect(details.payments).toEqual([]);

    await expect(getPortalInvoice(c1, theirs.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getPortalInvoice(c1, "not-an-id")).rejects.toBeInstanceOf(NotFound);
    await expect(portalInvoicePdf(c1, theirs.id)).rejects.toBeInstanceOf(NotFound);
    await expect(payPortalInvoice(c1, theirs.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("keeps drafts out of the portal", async () => {
    const { c1, invoiceOf } = await billedOrganization();
    const invoice = await invoiceOf("c1");
    await db.invoice.update({ where: { id: invoice.id }, data: { status: "draft" } });
    expect((await listPortalInvoices(c1)).data).toEqual([]);
    await expect(getPortalInvoice(c1, invoice.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("pays an open invoice in full through a checkout that comes back to the invoice, and then offers no second payment", async () => {
    const { org, c1, invoiceOf } = await billedOrganization({ fee: "64.90" });
    const invoice = await invoiceOf("c1");
    const { url } = await payPortalInvoice(c1, invoice.id);
    expect(url).toMatch(/\/pay\/cs_[0-9a-f]+$/);
    const sessionId = url.split("/").pop()!;
    const checkout = await db.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(checkout).toMatchObject({ purpose: "invoice", invoiceId: invoice.id, currency: "USD", customerId: c1.customerId });
    expect(checkout.amount?.toFixed(2)).toBe("64.90");
    expect(checkout.returnUrl).toMatch(new RegExp(`/portal/invoices/${invoice.id}$`));
    const audit = await db.auditLog.findFirst({ where: { organizationId: org.organizationId, action: "checkout_session.created" } });
    expect(audit).toMatchObject({ actorType: "customer", actorId: c1.customerId });

    expect(await submitSandboxCheckout(db, sessionId, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });
    const paid = await getPortalInvoice(c1, invoice.id);
    expect(paid.invoice).toMatchObject({ status: "paid", amountPaid: "64.90", amountDue: "0.00" });
    expect(paid.payments).toMatchObject([{ status: "succeeded", amount: "64.90", card: { brand: "visa", last4: "4242" } }]);
    expect(paid.payRefusal).toBe("not_payable");
    await expect(payPortalInvoice(c1, invoice.id)).rejects.toThrow(/paid/);
  });

  it("renders the customer's invoice PDF and the credit notes of it, and nobody else's", async () => {
    const { org, ok, c1, invoiceOf } = await billedOrganization();
    const invoice = await invoiceOf("c1");
    const pdf = await portalInvoicePdf(c1, invoice.id);
    expect(pdf.pdf.subarray(0, 4).toString()).toBe("%PDF");
    const note = (await ok("POST", `/invoices/${invoice.id}/credit-notes`, { reason: "billing_error", lines: [{ invoiceLine: 0, amount: "10" }] })) as { id: string };
    const details = await getPortalInvoice(c1, invoice.id);
    expect(details.creditNotes).toMatchObject([{ id: note.id, total: "10.00", appliedToInvoice: "10.00" }]);
    expect((await portalCreditNotePdf(c1, invoice.id, note.id)).pdf.subarray(0, 4).toString()).toBe("%PDF");
    const c2 = await portalSessionFor(org, "c2");
    const theirs = await invoiceOf("c2");
    await expect(portalCreditNotePdf(c2, theirs.id, note.id)).rejects.toBeInstanceOf(NotFound);
    await expect(portalCreditNotePdf(c2, invoice.id, note.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("refuses to pay from an operator's read-only preview", async () => {
    const { org, invoiceOf } = await billedOrganization();
    const preview = await portalSessionFor(org, "c1", { preview: true });
    expect(preview.readOnly).toBe(true);
    const invoice = await invoiceOf("c1");
    expect((await getPortalInvoice(preview, invoice.id)).payRefusal).toBeNull();
    await expect(payPortalInvoice(preview, invoice.id)).rejects.toBeInstanceOf(Forbidden);
    expect(await db.checkoutSession.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });
});
