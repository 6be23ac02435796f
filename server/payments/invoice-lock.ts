import { invoiceAmountDue } from "../billing/totals";
import type { Db, Prisma } from "../db";
import type Decimal from "decimal.js";

/**
 * Every change to an invoice's collection takes its row lock first: a checkout payment, an
 * automatic attempt, a webhook and a manual payment for one invoice then run one at a time, and
 * each sees what the one before it did.
 */
export async function lockInvoice(tx: Prisma.TransactionClient, organizationId: string, invoiceId: string) {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Invoice" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, invoiceId, organizationId);
  if (locked.length === 0) return null;
  return tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
}

export type LockedInvoice = NonNullable<Awaited<ReturnType<typeof lockInvoice>>>;

/**
 * Whether an invoice in this status takes payments: an open one, and one written off as
 * uncollectible, which the customer may still pay by checkout, pay link or bank transfer (paying
 * it in full makes it paid, and lifts dunning's usage block). Automatic attempts charge open
 * invoices only.
 */
export const takesPayments = (status: string) => status === "open" || status === "uncollectible";

type Money = { toFixed(): string };

/** What an invoice still owes, from its money columns (a locked row, or a raw row with them). */
export function amountDueOf(invoice: { total: Money; creditedToBalance: Money; creditsApplied: Money; amountPaid: Money; amountCredited: Money; currency: string }): Decimal {
  return invoiceAmountDue(
    {
      total: invoice.total.toFixed(),
      creditedToBalance: invoice.creditedToBalance.toFixed(),
      creditsApplied: invoice.creditsApplied.toFixed(),
      amountPaid: invoice.amountPaid.toFixed(),
      amountCredited: invoice.amountCredited.toFixed(),
    },
    invoice.currency,
  );
}

/** A payment of the invoice the gateway is working on (or may be): a second one must not start. */
export async function paymentInFlight(tx: Db, invoiceId: string, exceptPaymentId?: string) {
  return tx.payment.findFirst({
    where: { invoiceId, status: "pending", submittedAt: { not: null }, ...(exceptPaymentId ? { id: { not: exceptPaymentId } } : {}) },
    select: { id: true, source: true },
  });
}

export interface LockedPaymentInvoice {
  invoice: LockedInvoice;
  /** The invoice has checkout sessions (most have none: their checks are skipped). */
  hasCheckouts: boolean;
  /** Another payment of the invoice that is in flight, if any. */
  inFlightId: string | null;
}

/**
 * lockInvoice for the invoice a payment is for, with what the hot path of collection asks next,
 * in one round trip: a billing run makes thousands of attempts. Null for a payment of no invoice
 * (a top-up) or of another organization.
 */
export async function lockInvoiceOfPayment(tx: Prisma.TransactionClient, organizationId: string, paymentId: string): Promise<LockedPaymentInvoice | null> {
  const rows = await tx.$queryRawUnsafe<(LockedInvoice & { hasCheckouts: boolean; inFlightId: string | null })[]>(
    `SELECT i.*,
            EXISTS (SELECT 1 FROM "CheckoutSession" s WHERE s."invoiceId" = i.id) AS "hasCheckouts",
            (SELECT p2.id FROM "Payment" p2 WHERE p2."invoiceId" = i.id AND p2.status = 'pending' AND p2."submittedAt" IS NOT NULL AND p2.id <> $1 LIMIT 1) AS "inFlightId"
       FROM "Invoice" i
      WHERE i.id = (SELECT p."invoiceId" FROM "Payment" p WHERE p.id = $1 AND p."organizationId" = $2)
        FOR UPDATE OF i`,
    paymentId,
    organizationId,
  );
  const row = rows[0];
  if (!row) return null;
  const { hasCheckouts, inFlightId, ...invoice } = row;
  return { invoice: invoice as LockedInvoice, hasCheckouts, inFlightId };
}
