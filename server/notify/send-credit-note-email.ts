import { createElement } from "react";
import { CreditNoteEmail } from "@/emails/credit-note-email";
import type { Db } from "../db";
import { getCreditNoteOrThrow } from "../invoicing/credit-notes";
import { creditNotePdfUrl } from "../invoicing/invoice-links";
import { getInvoiceOrThrow } from "../invoicing/invoices";
import { sendEmail } from "./send-email";
import { displayMoney } from "@/components/format";

/** E-mails the customer a credit note with a signed PDF link (once per credit note). */
export async function sendCreditNoteEmail(db: Db, data: { organizationId: string; creditNoteId: string }) {
  const ctx = { db, organizationId: data.organizationId, actor: { type: "system" as const, name: "credit-note-email" } };
  const note = await getCreditNoteOrThrow(ctx, data.creditNoteId);
  const invoice = await getInvoiceOrThrow(ctx, note.invoiceId);
  const customer = await db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: data.organizationId, externalId: note.customer } }, include: { organization: true } });
  const format = (amount: string) => displayMoney(amount, note.currency);
  const ifAny = (amount: string) => (/[1-9]/.test(amount) ? format(amount) : "");
  return sendEmail(db, {
    organizationId: data.organizationId,
    idempotencyKey: `credit-note:${note.id}`,
    template: "credit_note",
    to: customer.email,
    subject: `Credit note ${note.number} from ${customer.organization.name}`,
    body: createElement(CreditNoteEmail, {
      organizationName: customer.organization.name,
      customerName: customer.name,
      number: note.number,
      invoiceNumber: note.invoiceNumber,
      total: format(note.total),
      appliedToInvoice: ifAny(note.appliedToInvoice),
      creditedToBalance: ifAny(note.creditedToBalance),
      invoiceAmountDue: format(invoice.amountDue),
      pdfUrl: creditNotePdfUrl(note.id),
    }),
  });
}
