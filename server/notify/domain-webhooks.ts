import type { Db } from "../db";
import type { BalanceAlertData, InvoiceEventData } from "../events/definitions";
import { getCreditNoteOrThrow } from "../invoicing/credit-notes";
import { getInvoiceOrThrow } from "../invoicing/invoices";
import { getPaymentOrThrow } from "../payments/payments";
import type { PaymentEventData, RefundEventData } from "../events/definitions";
import { getRefundOrThrow } from "../payments/refunds";
import { enqueueWebhookEvent } from "./webhooks";

// Domain events → outgoing webhooks: the payload is the object as the REST API shows it, read
// when the job runs. Webhook event ids derive from the source, so a retried job enqueues nothing
// twice (each endpoint gets each event once).

const system = (db: Db, organizationId: string) => ({ db, organizationId, actor: { type: "system" as const, name: "webhooks" } });
// Dates become ISO strings and Decimals their exact strings, as in the REST API.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

export async function sendInvoiceWebhook(db: Db, type: "invoice.created" | "invoice.finalized" | "invoice.paid" | "invoice.uncollectible", data: InvoiceEventData) {
  const invoice = await getInvoiceOrThrow(system(db, data.organizationId), data.invoiceId);
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type, eventId: `${type}:${invoice.id}`, data: { invoice: asJson(invoice) } });
}

export async function sendBalanceWebhook(db: Db, type: "balance.low" | "balance.depleted", data: BalanceAlertData) {
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type, eventId: `${type}:${data.entryId}`, data });
}

export async function sendCreditNoteWebhook(db: Db, data: { organizationId: string; creditNoteId: string }) {
  const note = await getCreditNoteOrThrow(system(db, data.organizationId), data.creditNoteId);
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type: "credit_note.created", eventId: `credit_note.created:${note.id}`, data: { creditNote: asJson(note) } });
}

export async function sendPaymentWebhook(db: Db, type: "payment.succeeded" | "payment.failed", data: PaymentEventData) {
  const payment = await getPaymentOrThrow(system(db, data.organizationId), data.paymentId);
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type, eventId: `${type}:${payment.id}`, data: { payment: asJson(payment) } });
}

/** The payment as it stands after the refund, with the refund that made it. */
export async function sendPaymentRefundedWebhook(db: Db, data: RefundEventData) {
  const ctx = system(db, data.organizationId);
  const [payment, refund] = await Promise.all([getPaymentOrThrow(ctx, data.paymentId), getRefundOrThrow(ctx, data.refundId)]);
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type: "payment.refunded", eventId: `payment.refunded:${refund.id}`, data: { payment: asJson(payment), refund: asJson(refund) } });
}
