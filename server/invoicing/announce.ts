import { invoiceCreated, invoiceFinalized, invoicePaid } from "../inngest/events";
import { publish } from "../inngest/publish";

// Called after the invoice's transaction committed: e-mails and webhooks follow from these.
export async function announceInvoiceCreated(organizationId: string, invoiceId: string) {
  await publish(invoiceCreated, { organizationId, invoiceId }, `invoice-created-${invoiceId}`);
}

export async function announceInvoiceFinalized(organizationId: string, invoice: { id: string; status: string }) {
  await publish(invoiceFinalized, { organizationId, invoiceId: invoice.id }, `invoice-finalized-${invoice.id}`);
  if (invoice.status === "paid") await publish(invoicePaid, { organizationId, invoiceId: invoice.id }, `invoice-paid-${invoice.id}`);
}
