import type { ServiceContext } from "../context";
import type { Db } from "../db";

export interface BillingFailureView {
  contractId: string;
  customer: string;
  message: string;
  asOf: Date;
  failedAt: Date;
  attempts: number;
}

/**
 * What a billing run says about a contract it could not bill: the error's own message for the
 * problems billing itself names (an amount too large to store, a charge the engine refuses), and
 * a generic one for anything else, whose detail stays in the server log.
 */
export function describeBillingError(error: unknown): string {
  if (error instanceof UnbillableContract || error instanceof RangeError) return error.message;
  return "an internal error stopped this contract's billing; it is retried with the next run";
}

/** A contract whose invoice cannot be made as its terms stand (e.g. an amount too large to store). */
export class UnbillableContract extends Error {
  override name = "UnbillableContract";
}

/** Keeps the latest failure per contract (counting attempts), so the dashboard can list them. */
export async function recordBillingFailure(ctx: ServiceContext, contractId: string, input: { asOf: Date; now: Date; error: unknown }): Promise<BillingFailureView> {
  const message = describeBillingError(input.error);
  const row = await ctx.db.billingFailure.upsert({
    where: { contractId },
    create: { organizationId: ctx.organizationId, contractId, message, asOf: input.asOf, failedAt: input.now },
    update: { message, asOf: input.asOf, failedAt: input.now, attempts: { increment: 1 } },
    include: { contract: { select: { customer: { select: { externalId: true } } } } },
  });
  return toView(row);
}

/** A contract billed without error has no failure any more. */
export async function clearBillingFailures(db: Db, organizationId: string, contractIds: readonly string[]): Promise<void> {
  if (contractIds.length === 0) return;
  await db.billingFailure.deleteMany({ where: { organizationId, contractId: { in: [...contractIds] } } });
}

export async function listBillingFailures(ctx: ServiceContext): Promise<BillingFailureView[]> {
  const rows = await ctx.db.billingFailure.findMany({
    where: { organizationId: ctx.organizationId },
    include: { contract: { select: { customer: { select: { externalId: true } } } } },
    orderBy: { failedAt: "desc" },
    take: 200,
  });
  return rows.map(toView);
}

function toView(row: { contractId: string; message: string; asOf: Date; failedAt: Date; attempts: number; contract: { customer: { externalId: string } } }): BillingFailureView {
  return { contractId: row.contractId, customer: row.contract.customer.externalId, message: row.message, asOf: row.asOf, failedAt: row.failedAt, attempts: row.attempts };
}
