import { invoiceAmountDue } from "../billing/totals";
import type { Prisma } from "../db";
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

export function amountDueOf(invoice: LockedInvoice): Decimal {
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
export async function paymentInFlight(tx: Prisma.TransactionClient, invoiceId: string, exceptPaymentId?: string) {
  return tx.payment.findFirst({
    where: { invoiceId, status: "pending", submittedAt: { not: null }, ...(exceptPaymentId ? { id: { not: exceptPaymentId } } : {}) },
    select: { id: true, source: true },
  });
}
