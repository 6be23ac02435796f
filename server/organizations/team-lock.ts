import type { Prisma } from "../db";

/**
 * Serializes changes to one organization's members and invitations until the transaction ends,
 * so two concurrent demotions cannot each see the other owner and leave none.
 */
export async function lockTeam(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  const key = `team:${organizationId}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
