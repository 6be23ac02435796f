import type { Prisma } from "../db";

// Dunning's final action, when the organization chose it (dunningBlockPrepaid): a prepaid
// customer whose invoice could not be collected is blocked. Usage events are still accepted and
// rated, so nothing is lost; `blocked` in the balance is what the operator's services read to
// stop serving. The block lasts while an invoice written off by dunning is left: paying or voiding
// the last one lifts it.

type Tx = Prisma.TransactionClient;

const reasonFor = (invoice: { id: string; number: string | null }) => `Invoice ${invoice.number ?? invoice.id} could not be collected`;

/** Blocks a prepaid customer's usage for an invoice dunning wrote off; a customer already blocked keeps the first reason. */
export async function blockPrepaidUsage(tx: Tx, invoice: { id: string; number: string | null; customerId: string }, now: Date): Promise<void> {
  await tx.customer.updateMany({
    where: { id: invoice.customerId, billingMode: "prepaid", usageBlockedAt: null },
    data: { usageBlockedAt: now, usageBlockedReason: reasonFor(invoice) },
  });
}

/**
 * An invoice of the customer stopped being uncollectible (paid, or voided), in the transaction
 * that changed it: the block lifts when no invoice written off by dunning is left, and otherwise
 * names one that is. Invoices written off by hand, never in dunning, do not hold it.
 */
export async function releaseUsageBlock(tx: Tx, customerId: string): Promise<void> {
  const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { usageBlockedAt: true } });
  if (!customer?.usageBlockedAt) return;
  const left = await tx.invoice.findFirst({
    where: { customerId, status: "uncollectible", dunningStartedAt: { not: null } },
    orderBy: { finalizedAt: "asc" },
    select: { id: true, number: true },
  });
  await tx.customer.update({ where: { id: customerId }, data: left ? { usageBlockedReason: reasonFor(left) } : { usageBlockedAt: null, usageBlockedReason: null } });
}

/**
 * The contract's past_due mark (dunning's other final action) lifts with the last of its invoices
 * written off by dunning, in the transaction that paid or voided it.
 */
export async function releasePastDue(tx: Tx, contractId: string): Promise<void> {
  const left = await tx.invoice.findFirst({ where: { contractId, status: "uncollectible", dunningStartedAt: { not: null } }, select: { id: true } });
  if (!left) await tx.contract.updateMany({ where: { id: contractId, pastDueAt: { not: null } }, data: { pastDueAt: null } });
}
