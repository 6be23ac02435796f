import { db } from "../../db";
import { invoiceReminderDue } from "../../events/definitions";
import { sendInvoiceReminderEmail } from "../../notify/send-invoice-reminder";
import { sweepPaymentReminders } from "../../payments/payment-reminders";
import { defineCronJob, defineEventJob } from "../define-job";

// Payment reminders for invoices nobody will charge: the sweeper records each reminder that fell
// due as an outbox event (once per invoice and offset), and the e-mail follows from the event.
// Reminders are days apart: a sweep every ten minutes sends each close enough to its instant.

export const paymentReminderSweeperJob = defineCronJob({
  id: "payment-reminder-sweeper",
  schedule: "*/10 * * * *",
  handler: ({ now, run }) => run("sweep", () => sweepPaymentReminders(db, { now })),
});

export const invoiceReminderEmail = defineEventJob({
  id: "invoice-reminder-email",
  trigger: invoiceReminderDue,
  handler: ({ data, run }) => run("send-reminder", () => sendInvoiceReminderEmail(db, data)),
});

export const paymentReminderFunctions = [paymentReminderSweeperJob, invoiceReminderEmail];
