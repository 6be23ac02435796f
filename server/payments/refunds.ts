import { recordAudit } from "../audit";
import { maxDecimal, toDecimal, ZERO } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { actorLabel, type ServiceContext } from "../context";
import { withTransaction, type Db } from "../db";
import { Conflict, NotFound } from "../errors";
import { refundRequested } from "../events/definitions";
import { eventRecord, recordEvents } from "../events/outbox";
import { gatewayFor } from "./gateways";
import { toMinorUnits } from "./minor-units";
import { applyRefundOutcome, lockPaymentMoney, refundsSoFar, reserveRefund, type RefundOutcome } from "./refund-settlement";

export interface RefundInput {
  /** Default: all that is left of the payment. */
  amount?: string;
  reason?: string;
}

export interface RefundView {
  id: string;
  paymentId: string;
  invoiceId: string | null;
  kind: "refund" | "dispute";
  status: "pending" | "succeeded" | "failed";
  amount: string;
  currency: string;
  fromInvoice: string;
  fromBalance: string;
  /** The credit note the refund issued (once the gateway confirmed it). */
  creditNoteId: string | null;
  creditNoteNumber: string | null;
  reason: string | null;
  failureMessage: string | null;
  gatewayRefundId: string | null;
  requestedBy: string | null;
  createdAt: Date;
  succeededAt: Date | null;
  failedAt: Date | null;
}

// The relay's copy of the gateway call waits this long, so the request's own call usually goes first.
const RELAY_DELAY_MS = 30_000;


/**
 * Records a refund of a succeeded payment (pending, its amount reserved) with the outbox event of
 * its gateway call, in one transaction. Refused with 409 past what is left, while a dispute of
 * the payment is open, or when credits it would take back were already spent; 400 for a bad amount.
 */
export async function requestRefund(ctx: ServiceContext, paymentId: string, input: RefundInput, options: { now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  return withTransaction(ctx.db, async (tx) => {
    const locked = await lockPaymentMoney(tx, ctx.organizationId, paymentId);
    if (!locked) throw new NotFound("Payment", paymentId);
    const { payment } = locked;
    if (payment.status !== "succeeded") throw new Conflict(`Payment ${payment.id} is ${payment.status}; only succeeded payments can be refunded`);
    const dispute = await tx.dispute.findFirst({ where: { paymentId, status: "open" }, select: { gatewayDisputeId: true } });
    if (dispute) throw new Conflict(`Payment ${payment.id} is disputed (${dispute.gatewayDisputeId}); the bank decides where its money goes until the dispute closes`);
    const refund = await reserveRefund(tx, locked, { kind: "refund", ...(input.amount !== undefined ? { amount: input.amount } : {}), reason: input.reason ?? null, requestedBy: actorLabel(ctx.actor), now });
    await recordEvents(tx, [eventRecord(refundRequested, { organizationId: ctx.organizationId, paymentId, refundId: refund.id }, { id: `refund-requested-${refund.id}`, runAt: new Date(now.getTime() + RELAY_DELAY_MS) })]);
    await recordAudit({ ...ctx, db: tx }, { action: "payment.refund_requested", targetType: "payment", targetId: paymentId, data: { refundId: refund.id, amount: refund.amount.toFixed(), reason: input.reason ?? null } });
    return refund.id;
  });
}

/**
 * The gateway call of a pending refund, outside any transaction, under its idempotency key: the
 * request and the relay may both make it, and the gateway refunds once. Money received outside
 * any gateway (a bank transfer) is returned the same way by the operator, so it settles at once.
 * Throws only when the gateway's answer is unknown; the relay then retries.
 */
export async function executeRefund(db: Db, organizationId: string, refundId: string, options: { now?: Date } = {}): Promise<RefundOutcome> {
  const refund = await db.refund.findFirst({ where: { id: refundId, organizationId }, include: { payment: true } });
  if (!refund || refund.status !== "pending" || refund.kind !== "refund") return "unchanged";
  const { payment } = refund;
  if (payment.gateway === "manual") {
    return applyRefundOutcome(db, organizationId, refundId, { status: "succeeded", gatewayRefundId: null }, { source: "outside the gateway", ...(options.now ? { now: options.now } : {}) });
  }
  if (!payment.gatewayPaymentId) {
    return applyRefundOutcome(db, organizationId, refundId, { status: "failed", gatewayRefundId: null, failureMessage: "The payment has no charge at the gateway" }, { source: "refunds", ...(options.now ? { now: options.now } : {}) });
  }
  const gateway = await gatewayFor(db, organizationId, payment.gateway);
  const result = await gateway.refund({
    idempotencyKey: refund.idempotencyKey,
    gatewayPaymentId: payment.gatewayPaymentId,
    amountMinor: toMinorUnits(refund.amount.toFixed(), refund.currency),
    metadata: { refundId, paymentId: payment.id, organizationId },
  });
  return applyRefundOutcome(db, organizationId, refundId, { status: result.status, gatewayRefundId: result.gatewayRefundId || null, ...(result.failureMessage ? { failureMessage: result.failureMessage } : {}) }, { source: `${gateway.kind} refund`, ...(options.now ? { now: options.now } : {}) });
}

/** `POST /payments/{id}/refund`: records the refund, then asks the gateway at once. */
export async function refundPayment(ctx: ServiceContext, paymentId: string, input: RefundInput, options: { now?: Date } = {}): Promise<RefundView> {
  const refundId = await requestRefund(ctx, paymentId, input, options);
  // A network failure leaves the refund pending; the relay's event makes the call again.
  await executeRefund(ctx.db, ctx.organizationId, refundId, options).catch(() => undefined);
  return getRefundOrThrow(ctx, refundId);
}

type RefundRow = Awaited<ReturnType<Db["refund"]["findUniqueOrThrow"]>>;

function toRefundView(row: RefundRow, creditNoteNumber: string | null): RefundView {
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  return {
    id: row.id,
    paymentId: row.paymentId,
    invoiceId: row.invoiceId,
    kind: row.kind,
    status: row.status,
    amount: money(row.amount),
    currency: row.currency,
    fromInvoice: money(row.fromInvoice),
    fromBalance: money(row.fromBalance),
    creditNoteId: creditNoteNumber ? row.creditNoteId : null,
    creditNoteNumber,
    reason: row.reason,
    failureMessage: row.failureMessage,
    gatewayRefundId: row.gatewayRefundId,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
    succeededAt: row.succeededAt,
    failedAt: row.failedAt,
  };
}

async function withNoteNumbers(db: Db, rows: RefundRow[]): Promise<RefundView[]> {
  const ids = rows.map((r) => r.creditNoteId).filter((id): id is string => id !== null);
  const notes = ids.length ? await db.creditNote.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }) : [];
  const numbers = new Map(notes.map((n) => [n.id, n.number]));
  return rows.map((r) => toRefundView(r, r.creditNoteId ? (numbers.get(r.creditNoteId) ?? null) : null));
}

export async function getRefundOrThrow(ctx: ServiceContext, refundId: string): Promise<RefundView> {
  const row = await ctx.db.refund.findFirst({ where: { id: refundId, organizationId: ctx.organizationId } });
  if (!row) throw new NotFound("Refund", refundId);
  return (await withNoteNumbers(ctx.db, [row]))[0]!;
}

/**
 * What a refund of the payment could still return now: nothing unless it succeeded and no dispute
 * of it is open; otherwise its amount minus refunds done or pending (the rule reserveRefund applies).
 */
export async function refundableAmount(ctx: ServiceContext, paymentId: string): Promise<string> {
  const payment = await ctx.db.payment.findFirst({ where: { id: paymentId, organizationId: ctx.organizationId }, include: { disputes: { where: { status: "open" }, select: { id: true } } } });
  if (!payment) throw new NotFound("Payment", paymentId);
  if (payment.status !== "succeeded" || payment.disputes.length > 0) return formatAmount("0", payment.currency);
  const taken = await refundsSoFar(ctx.db, paymentId);
  return formatAmount(maxDecimal(toDecimal(payment.amount.toFixed()).minus(taken.amount), ZERO), payment.currency);
}

/** A payment's refunds, oldest first. */
export async function listRefundsOfPayment(ctx: ServiceContext, paymentId: string): Promise<RefundView[]> {
  const rows = await ctx.db.refund.findMany({ where: { organizationId: ctx.organizationId, paymentId }, orderBy: { createdAt: "asc" } });
  return withNoteNumbers(ctx.db, rows);
}
