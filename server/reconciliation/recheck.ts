import type { Db, Prisma } from "../db";
import { gatewayFor } from "../payments/gateways";
import { applyChargeResult } from "../payments/payment-settlement";
import { nextRecheckAt, pendingSince, STUCK_AFTER_MS } from "./backoff";

const SOURCE = "reconciliation re-check";
/** A sweep's share: the rest waits a minute for the next sweep. */
const SWEEP_LIMIT = 200;

export interface RecheckSummary {
  /** Payments asked about again. */
  rechecked: number;
  /** Of those, the ones the gateway's answer settled (succeeded, failed or canceled). */
  settled: number;
}

/** Pending payments waiting on a gateway for at least 5 minutes (the shortest re-check delay). */
function waitingWhere(now: Date, organizationId?: string): Prisma.PaymentWhereInput {
  const cutoff = new Date(now.getTime() - STUCK_AFTER_MS);
  return {
    ...(organizationId ? { organizationId } : {}),
    status: "pending",
    gateway: { in: ["sandbox", "stripe"] },
    OR: [{ submittedAt: { lte: cutoff } }, { submittedAt: null, processing: true, createdAt: { lte: cutoff } }],
  };
}

/**
 * Asks the gateway again about each payment stuck pending whose re-check is due (5 minutes and
 * 1 hour after submission, then daily: backoff.ts), and applies the answer as a webhook would. Each
 * check is claimed first (the count moves on in one conditional update), so the sweeper and a
 * manual run never ask twice for one check; the gateway call is made after that commit, outside any
 * transaction. A check whose call fails still counts: a gateway that never answers is reported too.
 */
export async function recheckStuckPayments(db: Db, options: { organizationId?: string; now: Date; limit?: number }): Promise<RecheckSummary> {
  const { now } = options;
  const candidates = await db.payment.findMany({
    where: { AND: [waitingWhere(now, options.organizationId), { OR: [{ recheck: { is: null } }, { recheck: { nextCheckAt: { lte: now } } }] }] },
    select: { id: true, organizationId: true, gateway: true, gatewayPaymentId: true, submittedAt: true, processing: true, createdAt: true, recheck: { select: { checks: true } } },
    orderBy: { id: "asc" },
    take: options.limit ?? SWEEP_LIMIT,
  });
  const summary: RecheckSummary = { rechecked: 0, settled: 0 };
  for (const payment of candidates) {
    const since = pendingSince(payment)!;
    const checks = payment.recheck?.checks ?? 0;
    if (!(await claimCheck(db, payment.id, payment.organizationId, since, checks, now))) continue;
    summary.rechecked += 1;
    const outcome = await askGateway(db, payment, now);
    if (outcome.settled) summary.settled += 1;
    await db.paymentRecheck.update({ where: { paymentId: payment.id }, data: { lastOutcome: outcome.words } });
  }
  return summary;
}

/** Moves the count from `checks` to `checks + 1` unless another process did first. */
async function claimCheck(db: Db, paymentId: string, organizationId: string, since: Date, checks: number, now: Date): Promise<boolean> {
  const data = { checks: checks + 1, lastCheckedAt: now, nextCheckAt: nextRecheckAt(since, checks + 1, now), lastOutcome: "asking the gateway" };
  if (checks === 0) {
    const created = await db.paymentRecheck.createMany({ data: [{ paymentId, organizationId, ...data }], skipDuplicates: true });
    return created.count === 1;
  }
  const claimed = await db.paymentRecheck.updateMany({ where: { paymentId, checks, nextCheckAt: { lte: now } }, data });
  return claimed.count === 1;
}

async function askGateway(db: Db, payment: { id: string; organizationId: string; gateway: string; gatewayPaymentId: string | null }, now: Date): Promise<{ settled: boolean; words: string }> {
  // Nothing to ask about: the charge call never answered. The attempt's own job retries it with its key.
  if (!payment.gatewayPaymentId) return { settled: false, words: "still pending: no gateway id to ask about" };
  try {
    const gateway = await gatewayFor(db, payment.organizationId, payment.gateway === "stripe" ? "stripe" : "sandbox");
    const result = await gateway.retrieveCharge(payment.gatewayPaymentId);
    const applied = await applyChargeResult(db, payment.organizationId, payment.id, result, { source: SOURCE, now });
    if (result.status === "processing") return { settled: false, words: "still processing" };
    return applied === "unchanged" ? { settled: false, words: `the gateway says ${result.status}; nothing changed` } : { settled: true, words: applied };
  } catch (error) {
    return { settled: false, words: `error: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}` };
  }
}
