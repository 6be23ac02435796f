import type { Db } from "../db";
import { invoiceCreated, invoiceFinalized, invoicePaid } from "../events/definitions";
import { eventRecord, recordEvents, type EventRecord } from "../events/outbox";

// The invoice events, recorded in the transaction that makes the change: e-mails and webhooks
// follow from them through the relay, so a billing run never waits for them and a crash after
// commit loses none. The ids make a second record of the same change a no-op.

export const invoiceCreatedEvent = (organizationId: string, invoiceId: string) =>
  eventRecord(invoiceCreated, { organizationId, invoiceId }, { id: `invoice-created-${invoiceId}` });

/** invoice.finalized, and invoice.paid when nothing was left to pay at finalize. */
export function invoiceFinalizedEvents(organizationId: string, invoice: { id: string; status: string }): EventRecord[] {
  const data = { organizationId, invoiceId: invoice.id };
  const finalized = eventRecord(invoiceFinalized, data, { id: `invoice-finalized-${invoice.id}` });
  return invoice.status === "paid" ? [finalized, eventRecord(invoicePaid, data, { id: `invoice-paid-${invoice.id}` })] : [finalized];
}

export async function recordInvoicePaid(db: Db, organizationId: string, invoiceId: string): Promise<void> {
  await recordEvents(db, [eventRecord(invoicePaid, { organizationId, invoiceId }, { id: `invoice-paid-${invoiceId}` })]);
}
