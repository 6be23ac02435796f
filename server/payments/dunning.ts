import { blockPrepaidUsage } from "../customers/usage-block";
import { withTransaction, type Db, type Prisma } from "../db";
import { dunningRetryDue, invoiceUncollectible } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import { postEntries } from "../ledger/journal";
import { uncollectibleEntry } from "../ledger/postings";
import { nextAttemptBlocker, recordNextAttempt } from "./collection-start";
import { amountDueOf, lockInvoice } from "./invoice-lock";
import { expireOpenCheckouts } from "./checkout-expiry";

// Dunning (BILLING.md "Collection and dunning"): after an automatic attempt fails, retry on the
// organization's days counted from the first failure (default +1, +3, +5, +7); after the last
// failure the invoice is uncollectible and its contract past_due. The state is the invoice's
// (collectionStatus, dunningStartedAt, nextPaymentAttemptAt, paymentAttempts), so a restart loses
// nothing: each retry is a delayed outbox event keyed by (invoice, attempt), and an every-minute
// sweeper runs any that is overdue. Any payment that settles the invoice ends the schedule,
// because a retry only runs for an open invoice still in dunning.

type Tx = Prisma.TransactionClient;
const DAY_MS = 86_400_000;

/**
 * After an automatic attempt failed, in the transaction that recorded the failure (holding the
 * invoice's lock): the next retry, or the final action. A hard decline (a lost or stolen card)
 * waits for a new payment method instead of retrying the same card.
 */
export async function scheduleDunning(tx: Tx, organizationId: string, invoiceId: string, input: { hardDecline: boolean; now: Date }): Promise<void> {
  await scheduleDunningMany(tx, organizationId, [{ invoiceId, hardDecline: input.hardDecline }], input.now);
}

/** scheduleDunning for a batch's failures: the settings read once, the common case in two statements. */
export async function scheduleDunningMany(tx: Tx, organizationId: string, failures: readonly { invoiceId: string; hardDecline: boolean }[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { dunningRetryDays: true, dunningMarkPastDue: true, dunningBlockPrepaid: true } });
  const days = [...organization.dunningRetryDays].sort((a, b) => a - b);
  const invoices = await tx.invoice.findMany({ where: { id: { in: failures.map((f) => f.invoiceId) }, status: "open" } });
  const hard = new Set(failures.filter((f) => f.hardDecline).map((f) => f.invoiceId));
  const waiting: { id: string; startedAt: Date; next: Date | null; attempt: number }[] = [];
  const writtenOff: typeof invoices = [];
  for (const invoice of invoices) {
    const startedAt = invoice.dunningStartedAt ?? now;
    const attempts = Math.max(1, invoice.paymentAttempts);
    if (hard.has(invoice.id)) waiting.push({ id: invoice.id, startedAt, next: null, attempt: attempts + 1 });
    else if (attempts <= days.length) waiting.push({ id: invoice.id, startedAt, next: new Date(Math.max(startedAt.getTime() + days[attempts - 1]! * DAY_MS, now.getTime())), attempt: attempts + 1 });
    else writtenOff.push(invoice);
  }
  if (waiting.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE "Invoice" i SET "collectionStatus" = 'dunning', "dunningStartedAt" = v.started_at, "nextPaymentAttemptAt" = v.next_at, "updatedAt" = $4::timestamp
         FROM unnest($1::text[], $2::timestamp[], $3::timestamp[]) AS v(id, started_at, next_at) WHERE i.id = v.id`,
      waiting.map((w) => w.id),
      waiting.map((w) => w.startedAt.toISOString()),
      waiting.map((w) => w.next?.toISOString() ?? null),
      now.toISOString(),
    );
    await recordEvents(
      tx,
      waiting.flatMap((w) => (w.next ? [eventRecord(dunningRetryDue, { organizationId, invoiceId: w.id, attempt: w.attempt }, { id: `dunning-retry-${w.id}-${w.attempt}`, runAt: w.next })] : [])),
    );
  }
  // The last retry failed: written off, the contract past due and a prepaid customer's usage
  // blocked (organization settings).
  for (const invoice of writtenOff) {
    await tx.invoice.update({ where: { id: invoice.id }, data: { status: "uncollectible", collectionStatus: "uncollectible", dunningStartedAt: invoice.dunningStartedAt ?? now, nextPaymentAttemptAt: null } });
    if (organization.dunningMarkPastDue) await tx.contract.updateMany({ where: { id: invoice.contractId, pastDueAt: null }, data: { pastDueAt: now } });
    if (organization.dunningBlockPrepaid) await blockPrepaidUsage(tx, invoice, now);
    await expireOpenCheckouts(tx, organizationId, invoice.id);
    await recordEvents(tx, [eventRecord(invoiceUncollectible, { organizationId, invoiceId: invoice.id }, { id: `invoice-uncollectible-${invoice.id}` })]);
  }
  await postEntries(tx, organizationId, writtenOff.map((invoice) => uncollectibleEntry({ ...invoice, amountDue: amountDueOf(invoice), at: now })));
}

export type DunningRetryOutcome = "attempted" | "stopped" | "not due" | "stale" | "in progress" | "waiting for a payment method";

/**
 * A retry fell due (the delayed event, or the sweeper): attempt `attempt` is recorded, and charged
 * after commit, only if the invoice is still open in dunning, this attempt is the next one, and it
 * is due by `now`. Running it twice records the attempt once.
 */
export async function runDunningRetry(db: Db, organizationId: string, invoiceId: string, attempt: number, options: { now?: Date } = {}): Promise<DunningRetryOutcome> {
  const now = options.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const invoice = await lockInvoice(tx, organizationId, invoiceId);
    if (!invoice || invoice.status !== "open" || invoice.collectionStatus !== "dunning") return "stopped";
    if (invoice.paymentAttempts + 1 !== attempt) return "stale";
    if (!invoice.nextPaymentAttemptAt || invoice.nextPaymentAttemptAt.getTime() > now.getTime()) return "not due";
    const next = await nextAttemptBlocker(tx, invoice);
    if ("problem" in next) {
      const pending = await tx.payment.findFirst({ where: { invoiceId, status: "pending" }, select: { id: true } });
      if (pending) return "in progress";
      // Nothing to charge: the schedule waits for a new payment method (attaching one retries at once).
      await tx.invoice.update({ where: { id: invoiceId }, data: { nextPaymentAttemptAt: null } });
      return "waiting for a payment method";
    }
    await recordNextAttempt(tx, invoice, next.method, { requestedBy: "the dunning schedule", source: "dunning", now });
    return "attempted";
  });
}

/** The safety net (every minute): retries overdue by more than a minute whose event did not run them. */
export async function sweepDunning(db: Db, options: { now?: Date; organizationId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const overdue = await db.invoice.findMany({
    where: { status: "open", collectionStatus: "dunning", nextPaymentAttemptAt: { lte: new Date(now.getTime() - 60_000) }, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
    select: { id: true, organizationId: true, paymentAttempts: true },
    take: 500,
  });
  let attempted = 0;
  for (const invoice of overdue) {
    if ((await runDunningRetry(db, invoice.organizationId, invoice.id, invoice.paymentAttempts + 1, { now })) === "attempted") attempted += 1;
  }
  return attempted;
}

/**
 * A new default payment method for a customer in dunning: their open invoices in dunning are
 * retried at once, in the transaction that saved it.
 */
export async function retryDunningOnNewMethod(tx: Tx, customerId: string, now: Date): Promise<number> {
  const invoices = await tx.invoice.findMany({ where: { customerId, status: "open", collectionStatus: "dunning" }, select: { id: true, organizationId: true } });
  let attempted = 0;
  for (const { id, organizationId } of invoices) {
    const invoice = await lockInvoice(tx, organizationId, id);
    if (!invoice) continue;
    const next = await nextAttemptBlocker(tx, invoice);
    if ("problem" in next) continue;
    await recordNextAttempt(tx, invoice, next.method, { requestedBy: "a new payment method", source: "dunning", now });
    attempted += 1;
  }
  return attempted;
}
