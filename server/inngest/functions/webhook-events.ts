import { db } from "../../db";
import { getInvoiceOrThrow } from "../../invoicing/invoices";
import { enqueueWebhookEvent } from "../../notify/webhooks";
import { defineEventJob } from "../define-job";
import { getCreditNoteOrThrow } from "../../invoicing/credit-notes";
import { balanceDepleted, balanceLow, creditNoteCreated, invoiceCreated, invoiceFinalized, invoicePaid, type InvoiceEventData } from "../../events/definitions";

// Domain events → outgoing webhooks. Event ids derive from the source, so a retried job
// enqueues nothing twice (each endpoint gets each event once).

const invoiceWebhook = (type: "invoice.created" | "invoice.finalized" | "invoice.paid") => async (data: InvoiceEventData) => {
  const invoice = await getInvoiceOrThrow({ db, organizationId: data.organizationId, actor: { type: "system", name: "webhooks" } }, data.invoiceId);
  // Dates become ISO strings, as in the REST API.
  const payload = JSON.parse(JSON.stringify(invoice)) as Record<string, unknown>;
  return enqueueWebhookEvent(db, { organizationId: data.organizationId, type, eventId: `${type}:${invoice.id}`, data: { invoice: payload } });
};

export const invoiceCreatedWebhook = defineEventJob({
  id: "invoice-created-webhook",
  trigger: invoiceCreated,
  handler: ({ data, run }) => run("enqueue-webhook", () => invoiceWebhook("invoice.created")(data)),
});

export const invoiceFinalizedWebhook = defineEventJob({
  id: "invoice-finalized-webhook",
  trigger: invoiceFinalized,
  handler: ({ data, run }) => run("enqueue-webhook", () => invoiceWebhook("invoice.finalized")(data)),
});

export const invoicePaidWebhook = defineEventJob({
  id: "invoice-paid-webhook",
  trigger: invoicePaid,
  handler: ({ data, run }) => run("enqueue-webhook", () => invoiceWebhook("invoice.paid")(data)),
});

export const balanceLowWebhook = defineEventJob({
  id: "balance-low-webhook",
  trigger: balanceLow,
  handler: ({ data, run }) =>
    run("enqueue-webhook", () => enqueueWebhookEvent(db, { organizationId: data.organizationId, type: "balance.low", eventId: `balance.low:${data.entryId}`, data })),
});

export const balanceDepletedWebhook = defineEventJob({
  id: "balance-depleted-webhook",
  trigger: balanceDepleted,
  handler: ({ data, run }) =>
    run("enqueue-webhook", () => enqueueWebhookEvent(db, { organizationId: data.organizationId, type: "balance.depleted", eventId: `balance.depleted:${data.entryId}`, data })),
});

export const creditNoteCreatedWebhook = defineEventJob({
  id: "credit-note-created-webhook",
  trigger: creditNoteCreated,
  handler: ({ data, run }) =>
    run("enqueue-webhook", async () => {
      const note = await getCreditNoteOrThrow({ db, organizationId: data.organizationId, actor: { type: "system", name: "webhooks" } }, data.creditNoteId);
      const payload = JSON.parse(JSON.stringify(note)) as Record<string, unknown>;
      return enqueueWebhookEvent(db, { organizationId: data.organizationId, type: "credit_note.created", eventId: `credit_note.created:${note.id}`, data: { creditNote: payload } });
    }),
});
