import { createElement } from "react";
import { displayDate, displayMoney } from "@/components/format";
import { PaymentFailedEmail } from "@/emails/payment-failed-email";
import { PaymentReceiptEmail } from "@/emails/payment-receipt-email";
import { toDecimal } from "../billing/decimal";
import type { Db } from "../db";
import type { PaymentEventData } from "../events/definitions";
import { invoicePayUrl, invoicePdfUrl } from "../invoicing/invoice-links";
import { getInvoiceOrThrow } from "../invoicing/invoices";
import { takesPayments } from "../payments/invoice-lock";
import { getPaymentOrThrow } from "../payments/payments";
import { sendEmail } from "./send-email";

const system = (db: Db, organizationId: string) => ({ db, organizationId, actor: { type: "system" as const, name: "payment-email" } });

async function load(db: Db, data: PaymentEventData) {
  const ctx = system(db, data.organizationId);
  const payment = await getPaymentOrThrow(ctx, data.paymentId);
  const customer = await db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: data.organizationId, externalId: payment.customer } }, include: { organization: { select: { name: true } } } });
  const invoice = payment.invoiceId ? await getInvoiceOrThrow(ctx, payment.invoiceId) : null;
  const method = payment.paymentMethod ? `${payment.paymentMethod.brand} card ending ${payment.paymentMethod.last4}` : payment.gateway === "manual" ? `bank transfer (${payment.reference ?? "no reference"})` : "card";
  return { payment, customer, invoice, method, money: (amount: string) => displayMoney(amount, payment.currency) };
}

/** The receipt, once per succeeded payment, with the invoice's PDF link. */
export async function sendPaymentReceiptEmail(db: Db, data: PaymentEventData) {
  const { payment, customer, invoice, method, money } = await load(db, data);
  if (payment.status !== "succeeded") return null;
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `payment-receipt:${payment.id}`,
    template: "payment_receipt",
    to: customer.email,
    subject: `Receipt from ${customer.organization.name}: ${money(payment.amount)}${invoice ? ` for invoice ${invoice.number}` : ""}`,
    body: createElement(PaymentReceiptEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      amount: money(payment.amount),
      paidFor: invoice ? `invoice ${invoice.number}` : "credits",
      paidOn: displayDate(payment.succeededAt ?? payment.createdAt, customer.timezone),
      method,
      stillDue: invoice && takesPayments(invoice.status) && toDecimal(invoice.amountDue).greaterThan(0) ? money(invoice.amountDue) : null,
      pdfUrl: invoice ? invoicePdfUrl(invoice.id) : null,
    }),
  });
}

/**
 * The failure notice with a pay link, once per failed automatic attempt. A declined checkout is
 * not mailed: the customer is on the page and sees the decline there.
 */
export async function sendPaymentFailedEmail(db: Db, data: PaymentEventData) {
  const { payment, customer, invoice, method, money } = await load(db, data);
  if (payment.status !== "failed" || payment.source !== "automatic" || !invoice || (invoice.status !== "open" && invoice.collectionStatus !== "uncollectible")) return null;
  const final = invoice.status === "uncollectible";
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `payment-failed:${payment.id}`,
    template: "payment_failed",
    to: customer.email,
    subject: final
      ? `Invoice ${invoice.number} from ${customer.organization.name} is overdue: our last payment attempt failed`
      : `Action needed: your payment for invoice ${invoice.number} from ${customer.organization.name} did not go through`,
    body: createElement(PaymentFailedEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      amount: money(invoice.amountDue),
      number: invoice.number ?? invoice.id,
      method,
      reason: payment.failureMessage ?? "Your bank declined it.",
      needsAuthorization: payment.failureCode === "authentication_required",
      nextAttempt: invoice.nextPaymentAttemptAt ? displayDate(invoice.nextPaymentAttemptAt, customer.timezone) : null,
      final,
      // Written off, it can still be paid on the page: that is how a blocked customer settles up.
      payUrl: invoicePayUrl(invoice.id),
    }),
  });
}
