import { db } from "../../db";
import { sendInvoiceFinalizedEmail } from "../../notify/send-invoice-email";
import { defineEventJob } from "../define-job";
import { invoiceFinalized } from "../events";

export const invoiceFinalizedEmail = defineEventJob({
  id: "invoice-finalized-email",
  trigger: invoiceFinalized,
  handler: ({ data, run }) => run("send-invoice-email", () => sendInvoiceFinalizedEmail(db, data)),
});
