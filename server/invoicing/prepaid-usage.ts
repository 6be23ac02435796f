import { toDecimal } from "../billing/decimal";
import type { Db } from "../db";

/**
 * What real-time rating already took from a prepaid customer's credits for a contract period.
 * The invoice closing that period counts it as credits applied without drawing the balance again
 * (BILLING.md "Credits and prepaid balances"); opening and trial-end invoices carry no usage, so
 * for them it is nothing. The upcoming-invoice preview uses the same rule as finalize.
 */
export async function prepaidUsageConsumed(db: Db, invoice: { contractId: string; billingKey: string; periodStart: Date }) {
  if (!invoice.billingKey.startsWith("close:")) return toDecimal("0");
  const rows = await db.prepaidRating.findMany({ where: { contractId: invoice.contractId, periodStart: invoice.periodStart }, select: { ratedAmount: true } });
  return rows.reduce((sum, r) => sum.plus(toDecimal(r.ratedAmount.toFixed())), toDecimal("0"));
}
