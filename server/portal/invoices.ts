import { toDecimal } from "../billing/decimal";
import { env } from "../env";
import { NotFound } from "../errors";
import { listCreditNotes, type CreditNoteView } from "../invoicing/credit-notes";
import { renderCreditNotePdf } from "../invoicing/credit-note-pdf";
import { renderInvoicePdf } from "../invoicing/invoice-pdf";
import { invoiceInclude, toInvoiceView, type InvoiceView } from "../invoicing/invoices";
import { createCheckoutSession } from "../payments/checkout-sessions";
import { paymentInFlight, takesPayments } from "../payments/invoice-lock";
import { listRecentPayments } from "../payments/payments";
import { assertPortalWritable, type PortalContext } from "./portal-context";

// A customer sees the invoices the operator issued to them: drafts are the operator's work in
// progress and stay out of the portal, as if they did not exist.
const ISSUED = { not: "draft" as const };

/** At most this many invoices per page of the list: a customer has one or a few a month. */
export const PORTAL_INVOICES_PER_PAGE = 50;

export type PortalInvoiceListItem = Pick<InvoiceView, "id" | "number" | "status" | "currency" | "periodStart" | "periodEnd" | "issuedAt" | "dueAt" | "total" | "amountDue" | "collectionStatus">;

/** The customer's issued invoices, newest first, a page at a time (`before`: the last id of the page before). */
export async function listPortalInvoices(ctx: PortalContext, query: { before?: string } = {}): Promise<{ data: PortalInvoiceListItem[]; nextBefore: string | null }> {
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, customerId: ctx.customerId, status: ISSUED, ...(query.before ? { id: { lt: query.before } } : {}) },
    include: invoiceInclude,
    orderBy: { id: "desc" },
    take: PORTAL_INVOICES_PER_PAGE + 1,
  });
  const page = rows.slice(0, PORTAL_INVOICES_PER_PAGE).map((row) => {
    const v = toInvoiceView(row, ctx.externalId);
    return { id: v.id, number: v.number, status: v.status, currency: v.currency, periodStart: v.periodStart, periodEnd: v.periodEnd, issuedAt: v.issuedAt, dueAt: v.dueAt, total: v.total, amountDue: v.amountDue, collectionStatus: v.collectionStatus };
  });
  return { data: page, nextBefore: rows.length > PORTAL_INVOICES_PER_PAGE ? (page[page.length - 1]?.id ?? null) : null };
}

/** The one lookup by an id from the URL: this customer's issued invoice, or NotFound for anything else. */
async function findPortalInvoiceOrThrow(ctx: PortalContext, invoiceId: string) {
  // A malformed id is as unknown as another customer's: the same 404, and no database error.
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) throw new NotFound("Invoice", invoiceId);
  const row = await ctx.db.invoice.findFirst({ where: { id: invoiceId, organizationId: ctx.organizationId, customerId: ctx.customerId, status: ISSUED }, include: invoiceInclude });
  if (!row) throw new NotFound("Invoice", invoiceId);
  return row;
}

export interface PortalPaymentItem {
  id: string;
  amount: string;
  status: "pending" | "succeeded" | "failed" | "canceled";
  failureMessage: string | null;
  refunded: string;
  card: { brand: string; last4: string } | null;
  createdAt: Date;
}

export type PortalCreditNoteItem = Pick<CreditNoteView, "id" | "number" | "reason" | "total" | "appliedToInvoice" | "creditedToBalance" | "refunded" | "issuedAt">;

/** Why the invoice cannot be paid from the portal now, or null when "Pay" is offered. */
export type PayRefusal = "not_payable" | "nothing_due" | "in_progress" | null;

export interface PortalInvoiceDetails {
  invoice: InvoiceView;
  /** The contract's time zone: periods are shown as they were cut. */
  timezone: string;
  payments: PortalPaymentItem[];
  creditNotes: PortalCreditNoteItem[];
  payRefusal: PayRefusal;
}

/** One of the customer's invoices with its lines, payments and credit notes; another customer's is NotFound. */
export async function getPortalInvoice(ctx: PortalContext, invoiceId: string): Promise<PortalInvoiceDetails> {
  const row = await findPortalInvoiceOrThrow(ctx, invoiceId);
  const invoice = toInvoiceView(row, ctx.externalId);
  const [contract, payments, notes, inFlight] = await Promise.all([
    ctx.db.contract.findFirst({ where: { id: row.contractId, organizationId: ctx.organizationId }, select: { timezone: true } }),
    listRecentPayments(ctx, { invoice: row.id, customer: ctx.externalId, limit: 100 }),
    listCreditNotes(ctx, { invoice: row.id, customer: ctx.externalId, limit: 200 }),
    paymentInFlight(ctx.db, row.id),
  ]);
  const payRefusal: PayRefusal = !takesPayments(row.status) ? "not_payable" : !toDecimal(invoice.amountDue).greaterThan(0) ? "nothing_due" : inFlight ? "in_progress" : null;
  return {
    invoice,
    timezone: contract?.timezone ?? "UTC",
    payments: payments.map((p) => ({ id: p.id, amount: p.amount, status: p.status, failureMessage: p.failureMessage, refunded: p.refunded, card: p.paymentMethod, createdAt: p.createdAt })),
    creditNotes: notes.data.map((n) => ({ id: n.id, number: n.number, reason: n.reason, total: n.total, appliedToInvoice: n.appliedToInvoice, creditedToBalance: n.creditedToBalance, refunded: n.refunded, issuedAt: n.issuedAt })),
    payRefusal,
  };
}

export const portalInvoicePath = (invoiceId: string) => `/portal/invoices/${encodeURIComponent(invoiceId)}`;

/**
 * "Pay" on an open invoice: a checkout for all it owes (the sandbox's page or Stripe Checkout)
 * that brings the customer back to the invoice. The checkout service refuses what cannot be paid.
 */
export async function payPortalInvoice(ctx: PortalContext, invoiceId: string, options: { now?: Date } = {}): Promise<{ url: string }> {
  assertPortalWritable(ctx);
  const row = await findPortalInvoiceOrThrow(ctx, invoiceId);
  const session = await createCheckoutSession(ctx, ctx.externalId, { purpose: "invoice", invoiceId: row.id, returnUrl: new URL(portalInvoicePath(row.id), env.APP_URL).toString() }, options);
  return { url: session.url };
}

/** The invoice's PDF, for the customer's own invoices only. */
export async function portalInvoicePdf(ctx: PortalContext, invoiceId: string): Promise<{ filename: string; pdf: Buffer }> {
  const row = await findPortalInvoiceOrThrow(ctx, invoiceId);
  return renderInvoicePdf(ctx, row.id);
}

/** A credit note's PDF, when it corrects this customer's invoice `invoiceId`. */
export async function portalCreditNotePdf(ctx: PortalContext, invoiceId: string, creditNoteId: string): Promise<{ filename: string; pdf: Buffer }> {
  const invoice = await findPortalInvoiceOrThrow(ctx, invoiceId);
  const note = /^[0-9a-f-]{36}$/i.test(creditNoteId) ? await ctx.db.creditNote.findFirst({ where: { id: creditNoteId, invoiceId: invoice.id, organizationId: ctx.organizationId, customerId: ctx.customerId }, select: { id: true } }) : null;
  if (!note) throw new NotFound("Credit note", creditNoteId);
  return renderCreditNotePdf(ctx, note.id);
}
