import { recordAudit } from "../audit";
import Stripe from "stripe";
import { actorLabel, type ServiceContext } from "../context";
import { isUniqueViolation, withTransaction, type Db, type Prisma } from "../db";
import { DomainError } from "../errors";
import { reconciliationMismatchesFound } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import type { GatewayKind, GatewayTransaction } from "../payments/gateway";
import { gatewayFor } from "../payments/gateways";
import { pendingSince } from "./backoff";
import { findMismatches, gatewayKey, type InvoiceTotals, type Mismatch, type OurPayment, type OurRefund, type ReconciliationRecords, type StuckPayment } from "./matching";
import { recheckStuckPayments, type RecheckSummary } from "./recheck";
import { assertRunnableRange, dailyScheduleKey, previousUtcDay, type ReconciliationRange } from "./range";

/**
 * The gateways' books are read this much beyond the range on each side: a charge recorded a
 * moment after midnight still matches its payment of the day before. Only what falls in the range
 * is reported.
 */
const MATCH_MARGIN_MS = 24 * 60 * 60 * 1000;
const GATEWAYS = ["sandbox", "stripe"] as const;

export interface RunReconciliationOptions {
  now?: Date;
  /** The daily job: its day, recorded once. */
  scheduleKey?: string;
}


/**
 * Reconciles [from, to): re-checks the stuck payments that are due, reads the gateways' books,
 * compares them with our payments, refunds and invoices, and records the run with its items in one
 * transaction, with the e-mail to the operators when a mismatch is new. Gateway calls come first,
 * outside any transaction. A gateway that cannot be read fails the run (recorded, with why) rather
 * than report every payment as unconfirmed. Returns the run's id.
 */
export async function runReconciliation(ctx: ServiceContext, range: ReconciliationRange, options: RunReconciliationOptions = {}): Promise<string> {
  const now = options.now ?? new Date();
  assertRunnableRange(range, now);
  const { db, organizationId } = ctx;
  if (options.scheduleKey) {
    const done = await db.reconciliationRun.findFirst({ where: { organizationId, scheduleKey: options.scheduleKey }, select: { id: true } });
    if (done) return done.id;
  }
  const header = { organizationId, from: range.from, to: range.to, trigger: options.scheduleKey ? "schedule" : "manual", requestedBy: options.scheduleKey ? null : actorLabel(ctx.actor), startedAt: now };

  let rechecked: RecheckSummary = { rechecked: 0, settled: 0 };
  let records: ReconciliationRecords;
  try {
    rechecked = await recheckStuckPayments(db, { organizationId, now });
    records = await loadRecords(db, organizationId, range, now);
  } catch (error) {
    // A failed run keeps no schedule key, so the job's next attempt (or the operator) runs the day again.
    return withTransaction(db, async (tx) => {
      const run = await tx.reconciliationRun.create({
        data: { ...header, status: "failed", error: failureWords(error), paymentsRechecked: rechecked.rechecked, paymentsSettled: rechecked.settled, finishedAt: now },
      });
      await auditRun({ ...ctx, db: tx }, run.id, range, { status: "failed" });
      return run.id;
    });
  }

  const mismatches = findMismatches(records);
  try {
    return await withTransaction(db, async (tx) => {
      const id = await recordRun(tx, { ...header, scheduleKey: options.scheduleKey ?? null, records, rechecked, mismatches, now });
      await auditRun({ ...ctx, db: tx }, id, range, { status: "completed", mismatches: mismatches.length, paymentsRechecked: rechecked.rechecked });
      return id;
    });
  } catch (error) {
    // Another run of the same day got there first: it is the day's run.
    if (!options.scheduleKey || !isUniqueViolation(error)) throw error;
    return (await db.reconciliationRun.findFirstOrThrow({ where: { organizationId, scheduleKey: options.scheduleKey }, select: { id: true } })).id;
  }
}

function auditRun(ctx: ServiceContext, runId: string, range: ReconciliationRange, after: Record<string, string | number>) {
  return recordAudit(ctx, { action: "reconciliation.run", targetType: "reconciliation_run", targetId: runId, data: { from: range.from.toISOString(), to: range.to.toISOString(), after } });
}

/** The daily job's run for one organization: the UTC day before `now`, once. */
export function runDailyReconciliation(db: Db, organizationId: string, now: Date): Promise<string> {
  const range = previousUtcDay(now);
  return runReconciliation({ db, organizationId, actor: { type: "system", name: "reconciliation" } }, range, { now, scheduleKey: dailyScheduleKey(range) });
}

/** The organizations the daily job reconciles: those that ever took a payment. */
export async function listOrganizationsWithPayments(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ organizationId: string }[]>(`SELECT DISTINCT "organizationId" FROM "Payment" ORDER BY "organizationId"`);
  return rows.map((r) => r.organizationId);
}

/** Stripe's and our own refusals are worded for operators; anything else is not shown. */
function failureWords(error: unknown): string {
  if (error instanceof DomainError || error instanceof Stripe.errors.StripeError) return error.message.slice(0, 500);
  console.error("[reconciliation] run failed:", error);
  return "An internal error stopped the run; see the server log.";
}

interface RecordRunInput {
  organizationId: string;
  from: Date;
  to: Date;
  trigger: string;
  scheduleKey: string | null;
  requestedBy: string | null;
  startedAt: Date;
  records: ReconciliationRecords;
  rechecked: RecheckSummary;
  mismatches: Mismatch[];
  now: Date;
}

async function recordRun(tx: Prisma.TransactionClient, input: RecordRunInput): Promise<string> {
  const { organizationId, records, mismatches, now } = input;
  // One run at a time per organization decides what is new, so two runs never both e-mail about one mismatch.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, `reconciliation:${organizationId}`);
  const fingerprints = mismatches.map((m) => m.fingerprint);
  const reported = new Set(
    (await tx.reconciliationItem.findMany({ where: { organizationId, status: "open", fingerprint: { in: fingerprints } }, select: { fingerprint: true }, distinct: ["fingerprint"] })).map((i) => i.fingerprint),
  );
  const newCount = mismatches.filter((m) => !reported.has(m.fingerprint)).length;
  const run = await tx.reconciliationRun.create({
    data: {
      organizationId,
      from: input.from,
      to: input.to,
      trigger: input.trigger,
      scheduleKey: input.scheduleKey,
      requestedBy: input.requestedBy,
      status: "succeeded",
      paymentsChecked: records.payments.length,
      refundsChecked: records.refunds.length,
      gatewayTransactionsChecked: records.transactions.filter((t) => t.createdAt >= input.from && t.createdAt < input.to).length,
      invoicesChecked: records.invoices.length,
      paymentsRechecked: input.rechecked.rechecked,
      paymentsSettled: input.rechecked.settled,
      itemCount: mismatches.length,
      newItemCount: newCount,
      startedAt: input.startedAt,
      finishedAt: now,
    },
  });
  // An earlier report this run would have found again, had it still been a mismatch, is resolved.
  // Stuck payments are checked whatever their date, the rest by when they happened.
  await tx.reconciliationItem.updateMany({
    where: {
      organizationId,
      status: "open",
      fingerprint: { notIn: fingerprints },
      OR: [
        { kind: "stuck_payment", occurredAt: { lt: input.to } },
        { kind: { not: "stuck_payment" }, occurredAt: { gte: input.from, lt: input.to } },
      ],
    },
    data: { status: "resolved", resolvedAt: now, resolvedByRunId: run.id },
  });
  await tx.reconciliationItem.createMany({
    data: mismatches.map((m) => ({ ...m, organizationId, runId: run.id, isNew: !reported.has(m.fingerprint) })),
  });
  if (newCount > 0) {
    await recordEvents(tx, [eventRecord(reconciliationMismatchesFound, { organizationId, runId: run.id }, { id: `reconciliation-mismatches-${run.id}` })]);
  }
  return run.id;
}

const decimalText = (value: { toFixed(): string }) => value.toFixed();

/** Our side and the gateways' side of the range. The gateways are read here: call it outside transactions. */
async function loadRecords(db: Db, organizationId: string, range: ReconciliationRange, now: Date): Promise<ReconciliationRecords> {
  const between = { gte: range.from, lt: range.to };
  const paymentSelect = { id: true, invoiceId: true, gateway: true, gatewayPaymentId: true, status: true, amount: true, currency: true, succeededAt: true } satisfies Prisma.PaymentSelect;
  const toPayment = (p: Prisma.PaymentGetPayload<{ select: typeof paymentSelect }>): OurPayment => ({ ...p, gateway: p.gateway === "stripe" ? "stripe" : "sandbox", amount: decimalText(p.amount) });
  const refundInclude = { payment: { select: { gateway: true, invoiceId: true } } } satisfies Prisma.RefundInclude;
  const toRefund = (r: Prisma.RefundGetPayload<{ include: typeof refundInclude }>): OurRefund => ({
    id: r.id,
    paymentId: r.paymentId,
    invoiceId: r.invoiceId ?? r.payment.invoiceId,
    gateway: r.payment.gateway === "stripe" ? "stripe" : "sandbox",
    gatewayRefundId: r.gatewayRefundId,
    status: r.status,
    amount: decimalText(r.amount),
    currency: r.currency,
    succeededAt: r.succeededAt,
  });
  const atGateway = { in: [...GATEWAYS] };

  const payments = (await db.payment.findMany({ where: { organizationId, gateway: atGateway, status: "succeeded", succeededAt: between }, select: paymentSelect, orderBy: { id: "asc" } })).map(toPayment);
  // A lost dispute is recorded as a refund the bank took: no refund exists at the gateway for it.
  const refunds = (await db.refund.findMany({ where: { organizationId, kind: "refund", status: "succeeded", succeededAt: between, payment: { gateway: atGateway } }, include: refundInclude, orderBy: { id: "asc" } })).map(toRefund);

  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { stripeSecretKeyEncrypted: true } });
  const kinds = new Set<GatewayKind>(["sandbox"]);
  if (organization.stripeSecretKeyEncrypted || payments.some((p) => p.gateway === "stripe") || refunds.some((r) => r.gateway === "stripe")) kinds.add("stripe");
  const wide = { from: new Date(range.from.getTime() - MATCH_MARGIN_MS), to: new Date(range.to.getTime() + MATCH_MARGIN_MS) };
  const transactions: (GatewayTransaction & { gateway: GatewayKind })[] = [];
  for (const kind of kinds) {
    const gateway = await gatewayFor(db, organizationId, kind);
    for (const txn of await gateway.listTransactions(wide)) transactions.push({ ...txn, gateway: kind });
  }

  const inRange = transactions.filter((t) => t.createdAt >= range.from && t.createdAt < range.to);
  const chargeIds = [...new Set(inRange.flatMap((t) => (t.gatewayPaymentId ? [t.gatewayPaymentId] : [])))];
  const refundIds = [...new Set(inRange.flatMap((t) => (t.kind === "refund" && t.gatewayRefundId ? [t.gatewayRefundId] : [])))];
  const named = chargeIds.length ? await db.payment.findMany({ where: { organizationId, gateway: atGateway, gatewayPaymentId: { in: chargeIds } }, select: paymentSelect, orderBy: { id: "asc" } }) : [];
  const namedRefunds = refundIds.length ? await db.refund.findMany({ where: { organizationId, gatewayRefundId: { in: refundIds } }, include: refundInclude, orderBy: { id: "asc" } }) : [];
  // Several attempts may name one charge (a replayed key): the succeeded one is the charge's payment.
  const paymentsByGatewayId = new Map<string, OurPayment>();
  for (const payment of named.map(toPayment).sort((a, b) => Number(a.status === "succeeded") - Number(b.status === "succeeded"))) {
    paymentsByGatewayId.set(gatewayKey(payment.gateway, payment.gatewayPaymentId!), payment);
  }
  const refundsByGatewayId = new Map(namedRefunds.map(toRefund).map((r) => [gatewayKey(r.gateway, r.gatewayRefundId!), r]));

  const invoices = await loadInvoiceTotals(db, organizationId, range, [...payments, ...refunds]);
  const stuck = await loadStuckPayments(db, organizationId, range, now);
  return { range, payments, refunds, transactions, paymentsByGatewayId, refundsByGatewayId, invoices, stuck };
}

/**
 * The invoices the range touched (a payment or refund of theirs succeeded in it, or the invoice
 * changed in it), with what their payments and refunds add up to.
 */
async function loadInvoiceTotals(db: Db, organizationId: string, range: ReconciliationRange, moves: readonly { invoiceId: string | null; succeededAt: Date | null }[]): Promise<InvoiceTotals[]> {
  const touched = new Map<string, Date>();
  for (const move of moves) {
    if (!move.invoiceId || !move.succeededAt) continue;
    const seen = touched.get(move.invoiceId);
    if (!seen || seen < move.succeededAt) touched.set(move.invoiceId, move.succeededAt);
  }
  // Amounts as text (exact decimals) and the instant as ISO text: nothing goes through a float or a local time zone.
  const rows = await db.$queryRawUnsafe<{ id: string; number: string | null; currency: string; amountPaid: string; paid: string; refunded: string; updatedAt: string }[]>(
    `SELECT i.id, i.number, i.currency, i."amountPaid"::text AS "amountPaid", to_char(i."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
            COALESCE((SELECT SUM(p."appliedToInvoice") FROM "Payment" p WHERE p."invoiceId" = i.id AND p.status = 'succeeded'), 0)::text AS paid,
            COALESCE((SELECT SUM(r."fromInvoice") FROM "Refund" r JOIN "Payment" p ON p.id = r."paymentId" WHERE p."invoiceId" = i.id AND r.status = 'succeeded'), 0)::text AS refunded
       FROM "Invoice" i
      WHERE i."organizationId" = $1 AND i.status <> 'draft'
        AND ((i."updatedAt" >= $2::timestamp AND i."updatedAt" < $3::timestamp) OR i.id = ANY($4::text[]))
      ORDER BY i.id`,
    organizationId,
    range.from.toISOString(),
    range.to.toISOString(),
    [...touched.keys()],
  );
  return rows.map((row) => {
    const moved = touched.get(row.id);
    const updatedAt = new Date(row.updatedAt);
    const changed = updatedAt >= range.from && updatedAt < range.to ? updatedAt : null;
    const occurredAt = moved && changed ? (moved > changed ? moved : changed) : (moved ?? changed ?? range.from);
    return { id: row.id, number: row.number, currency: row.currency, amountPaid: row.amountPaid, paid: row.paid, refunded: row.refunded, occurredAt };
  });
}

/**
 * Payments still waiting on a gateway that were re-checked, whenever they started before the
 * range's end: a payment stuck for days stays on every daily run until it settles.
 */
async function loadStuckPayments(db: Db, organizationId: string, range: ReconciliationRange, now: Date): Promise<StuckPayment[]> {
  const rows = await db.payment.findMany({
    where: { organizationId, status: "pending", gateway: { in: [...GATEWAYS] }, recheck: { isNot: null } },
    select: { id: true, invoiceId: true, gatewayPaymentId: true, amount: true, currency: true, processing: true, submittedAt: true, createdAt: true, recheck: { select: { checks: true, lastOutcome: true } } },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((row) => {
    const since = pendingSince(row);
    if (!since || since >= range.to || since > now || !row.recheck) return [];
    return [{ id: row.id, invoiceId: row.invoiceId, gatewayPaymentId: row.gatewayPaymentId, amount: decimalText(row.amount), currency: row.currency, processing: row.processing, pendingSince: since, checks: row.recheck.checks, lastOutcome: row.recheck.lastOutcome }];
  });
}
