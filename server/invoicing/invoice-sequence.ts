import type { Prisma } from "../db";

/**
 * The organization's next `count` invoice numbers, in order, taken in the finalizing
 * transaction: the row lock serializes finalizations and a rolled-back one returns its numbers,
 * so numbers have no gaps. Take exactly as many as invoices are finalized in the transaction.
 */
export async function takeInvoiceNumbers(tx: Prisma.TransactionClient, organizationId: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await tx.$queryRawUnsafe<{ prefix: string; first: number }[]>(
    `INSERT INTO "InvoiceSequence" ("organizationId", "nextNumber") VALUES ($1, 1 + $2::int)
     ON CONFLICT ("organizationId") DO UPDATE SET "nextNumber" = "InvoiceSequence"."nextNumber" + $2::int
     RETURNING "prefix", "nextNumber" - $2::int AS first`,
    organizationId,
    count,
  );
  return Array.from({ length: count }, (_, i) => `${row!.prefix}-${String(row!.first + i).padStart(6, "0")}`);
}

export async function takeInvoiceNumber(tx: Prisma.TransactionClient, organizationId: string): Promise<string> {
  const [number] = await takeInvoiceNumbers(tx, organizationId, 1);
  return number!;
}
