import { db } from "../../db";
import { sendCreditNoteEmail } from "../../notify/send-credit-note-email";
import { sendInvoiceFinalizedEmail } from "../../notify/send-invoice-email";
import { defineEventJob } from "../define-job";
import { creditNoteCreated, invoiceFinalized } from "../../events/definitions";

export const invoiceFinalizedEmail = defineEventJob({
  id: "invoice-finalized-email",
  trigger: invoiceFinalized,
  handler: ({ data, run }) => run("send-invoice-email", () => sendInvoiceFinalizedEmail(db, data)),
});

export const creditNoteEmail = defineEventJob({
  id: "credit-note-email",
  trigger: creditNoteCreated,
  handler: ({ data, run }) => run("send-credit-note-email", () => sendCreditNoteEmail(db, data)),
});
