import { createElement } from "react";
import { displayDate, displayMoney } from "@/components/format";
import { InvoiceReminderEmail } from "@/emails/invoice-reminder-email";
import { toDecimal } from "../billing/decimal";
import { reminderKind } from "../billing/payment-reminders";
import type { Db } from "../db";
import type { InvoiceReminderDueData } from "../events/definitions";
import { invoicePayUrl, invoicePdfUrl } from "../invoicing/invoice-links";
import { getInvoiceOrThrow } from "../invoicing/invoices";
import { reminderEmailKey, reminderStillDue } from "../payments/payment-reminders";
import { sendEmail } from "./send-email";

/**
 * A payment reminder, once per invoice and offset, with the signed pay link. Checked again when
 * the event is delivered: an invoice paid (or given a card to charge) since it was recorded, or
 * one whose later reminder is already recorded, gets nothing.
 */
export async function sendInvoiceReminderEmail(db: Db, data: InvoiceReminderDueData) {
  if (!(await reminderStillDue(db, data.invoiceId, data.offset))) return null;
  const ctx = { db, organizationId: data.organizationId, actor: { type: "system" as const, name: "invoice-reminder" } };
  const invoice = await getInvoiceOrThrow(ctx, data.invoiceId);
  if (!invoice.dueAt || !toDecimal(invoice.amountDue).greaterThan(0)) return null;
  const customer = await db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: data.organizationId, externalId: invoice.customer } }, include: { organization: { select: { name: true } } } });
  const number = invoice.number ?? invoice.id;
  const dueDate = displayDate(invoice.dueAt, customer.timezone);
  const kind = reminderKind(data.offset);
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: reminderEmailKey(invoice.id, data.offset),
    template: "invoice_reminder",
    to: customer.email,
    subject: kind === "due" ? `Invoice ${number} is due on ${dueDate}` : `Invoice ${number} is overdue since ${dueDate}`,
    body: createElement(InvoiceReminderEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      number,
      amountDue: displayMoney(invoice.amountDue, invoice.currency),
      dueDate,
      kind,
      payUrl: invoicePayUrl(invoice.id),
      pdfUrl: invoicePdfUrl(invoice.id),
    }),
  });
}
