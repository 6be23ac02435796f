import { createElement } from "react";
import { displayDate, displayMoney, displayPeriod } from "@/components/format";
import { InvoiceFinalizedEmail } from "@/emails/invoice-finalized-email";
import type { Db } from "../db";
import type { InvoiceEventData } from "../events/definitions";
import { invoicePdfUrl } from "../invoicing/invoice-links";
import { getInvoiceOrThrow } from "../invoicing/invoices";
import { sendEmail } from "./send-email";

/** E-mails the customer their finalized invoice with a signed PDF link (once per invoice). */
export async function sendInvoiceFinalizedEmail(db: Db, data: InvoiceEventData) {
  const ctx = { db, organizationId: data.organizationId, actor: { type: "system" as const, name: "invoice-email" } };
  const invoice = await getInvoiceOrThrow(ctx, data.invoiceId);
  const customer = await db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: data.organizationId, externalId: invoice.customer } }, include: { organization: true } });
  const format = (amount: string) => displayMoney(amount, invoice.currency);
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `invoice-finalized:${invoice.id}`,
    template: "invoice_finalized",
    to: customer.email,
    subject: `Invoice ${invoice.number} from ${customer.organization.name}`,
    body: createElement(InvoiceFinalizedEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      number: invoice.number ?? invoice.id,
      total: format(invoice.total),
      amountDue: format(invoice.amountDue),
      dueDate: invoice.dueAt ? displayDate(invoice.dueAt, customer.timezone) : "",
      periodLabel: displayPeriod(invoice.periodStart, invoice.periodEnd, customer.timezone),
      pdfUrl: invoicePdfUrl(invoice.id),
      paid: invoice.status === "paid",
    }),
  });
}
