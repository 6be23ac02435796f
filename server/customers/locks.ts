import type { Prisma } from "../db";

/**
 * What a per-customer lock serializes: `contracts` (overlap checks, currency changes), `usage`
 * (batches rating a prepaid customer's usage, so each prices the total the previous one
 * committed) and `credits` (every move of the balance ledger). Take them in that order.
 */
export type CustomerLockScope = "contracts" | "usage" | "credits";

/**
 * Serializes writers of one customer's contracts or ledger until the transaction ends
 * (pg_advisory_xact_lock on a 64-bit hash of the scope and customer id): concurrent consumptions
 * can then neither overdraw a grant nor apply the same reference twice.
 */
export async function lockCustomer(tx: Prisma.TransactionClient, customerId: string, scope: CustomerLockScope): Promise<void> {
  const key = `${scope}:${customerId}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
