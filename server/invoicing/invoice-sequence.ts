import type { Prisma } from "../db";

/**
 * The organization's next invoice number, taken in the finalizing transaction: the row lock
 * serializes finalizations and a rolled-back one returns its number, so numbers have no gaps.
 */
export async function takeInvoiceNumber(tx: Prisma.TransactionClient, organizationId: string): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ prefix: string; number: number }[]>(
    `INSERT INTO "InvoiceSequence" ("organizationId", "nextNumber") VALUES ($1, 2)
     ON CONFLICT ("organizationId") DO UPDATE SET "nextNumber" = "InvoiceSequence"."nextNumber" + 1
     RETURNING "prefix", "nextNumber" - 1 AS number`,
    organizationId,
  );
  return `${row!.prefix}-${String(row!.number).padStart(6, "0")}`;
}
