import { invoiceCreated, invoiceFinalized, invoicePaid } from "../inngest/events";
import { publishLater } from "../inngest/publish";

// Called after the invoice's transaction committed: e-mails and webhooks follow from these,
// in the background (publishLater), so billing runs do not wait for them.
export async function announceInvoiceCreated(organizationId: string, invoiceId: string) {
  await publishLater(invoiceCreated, { organizationId, invoiceId }, `invoice-created-${invoiceId}`);
}

export async function announceInvoiceFinalized(organizationId: string, invoice: { id: string; status: string }) {
  await publishLater(invoiceFinalized, { organizationId, invoiceId: invoice.id }, `invoice-finalized-${invoice.id}`);
  if (invoice.status === "paid") await publishLater(invoicePaid, { organizationId, invoiceId: invoice.id }, `invoice-paid-${invoice.id}`);
}
