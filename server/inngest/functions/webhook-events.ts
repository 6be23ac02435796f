import { db } from "../../db";
import { balanceDepleted, balanceLow, creditNoteCreated, invoiceCreated, invoiceFinalized, invoicePaid } from "../../events/definitions";
import { sendBalanceWebhook, sendCreditNoteWebhook, sendInvoiceWebhook } from "../../notify/domain-webhooks";
import { defineEventJob } from "../define-job";

// Domain events → outgoing webhooks (server/notify/domain-webhooks.ts).

export const invoiceCreatedWebhook = defineEventJob({
  id: "invoice-created-webhook",
  trigger: invoiceCreated,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendInvoiceWebhook(db, "invoice.created", data)),
});

export const invoiceFinalizedWebhook = defineEventJob({
  id: "invoice-finalized-webhook",
  trigger: invoiceFinalized,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendInvoiceWebhook(db, "invoice.finalized", data)),
});

export const invoicePaidWebhook = defineEventJob({
  id: "invoice-paid-webhook",
  trigger: invoicePaid,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendInvoiceWebhook(db, "invoice.paid", data)),
});

export const balanceLowWebhook = defineEventJob({
  id: "balance-low-webhook",
  trigger: balanceLow,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendBalanceWebhook(db, "balance.low", data)),
});

export const balanceDepletedWebhook = defineEventJob({
  id: "balance-depleted-webhook",
  trigger: balanceDepleted,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendBalanceWebhook(db, "balance.depleted", data)),
});

export const creditNoteCreatedWebhook = defineEventJob({
  id: "credit-note-created-webhook",
  trigger: creditNoteCreated,
  handler: ({ data, run }) => run("enqueue-webhook", () => sendCreditNoteWebhook(db, data)),
});
