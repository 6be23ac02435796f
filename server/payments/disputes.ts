import { formatAmount } from "../billing/money";
import { withTransaction, type Db, type Prisma } from "../db";
import type { GatewayDispute, GatewayKind } from "./gateway";
import { fromMinorUnits } from "./minor-units";
import { addPaymentEvent } from "./payment-settlement";
import { lockPaymentMoney, refundsSoFar, reserveRefund, settleRefund } from "./refund-settlement";

type Tx = Prisma.TransactionClient;

/**
 * A chargeback as the gateway reports it, in any order and any number of times: the dispute is
 * recorded once per gateway id and only moves forward (open → won | lost). Opening flags the
 * invoice; winning clears the flag; losing records the money the bank took back as a refund of
 * kind dispute, with its credit note, exactly once.
 */
export async function applyDispute(db: Db, organizationId: string, gateway: GatewayKind, report: { paymentId: string | null; dispute: GatewayDispute }, options: { source: string; now?: Date }): Promise<string> {
  const now = options.now ?? new Date();
  const { dispute } = report;
  const payment = await db.payment.findFirst({
    where: { organizationId, gateway, ...(report.paymentId ? { id: report.paymentId } : { gatewayPaymentId: dispute.gatewayPaymentId }) },
    select: { id: true },
  });
  if (!payment) return "ignored: a dispute of a payment this system did not make";

  return withTransaction(db, async (tx) => {
    const locked = await lockPaymentMoney(tx, organizationId, payment.id);
    if (!locked) return "ignored: a dispute of a payment this system did not make";
    const amount = fromMinorUnits(dispute.amountMinor, dispute.currency);
    let row = await tx.dispute.findUnique({ where: { organizationId_gatewayDisputeId: { organizationId, gatewayDisputeId: dispute.gatewayDisputeId } } });
    const opened = !row;
    if (!row) {
      row = await tx.dispute.create({
        data: { organizationId, customerId: locked.payment.customerId, paymentId: payment.id, invoiceId: locked.payment.invoiceId, gatewayDisputeId: dispute.gatewayDisputeId, status: "open", amount, currency: dispute.currency, reason: dispute.reason, openedAt: now },
      });
      if (locked.invoice) await tx.invoice.update({ where: { id: locked.invoice.id }, data: { disputedAt: now } });
      await addPaymentEvent(tx, payment.id, { type: "disputed", status: locked.payment.status, code: dispute.reason, message: `Disputed: ${formatAmount(amount, dispute.currency)} ${dispute.currency}${dispute.reason ? ` (${dispute.reason})` : ""}`, source: options.source, at: now });
    }
    if (dispute.status === "open") return opened ? "dispute opened" : "unchanged";
    if (row.status !== "open") return row.status === dispute.status ? "unchanged" : `unchanged: the dispute is already ${row.status}`;

    await tx.dispute.update({ where: { id: row.id }, data: { status: dispute.status, closedAt: now } });
    if (dispute.status === "won") {
      await addPaymentEvent(tx, payment.id, { type: "dispute_won", status: locked.payment.status, message: "The dispute was decided in your favour; the funds were returned", source: options.source, at: now });
      if (locked.invoice) await clearInvoiceFlag(tx, locked.invoice.id, row.id);
      return "dispute won";
    }
    const taken = await refundsSoFar(tx, payment.id);
    if (!locked.payment.amount.minus(taken.amount.toFixed()).greaterThan(0)) {
      await addPaymentEvent(tx, payment.id, { type: "dispute_lost", status: locked.payment.status, message: "Dispute lost; the payment had already been refunded in full", source: options.source, at: now });
      return "dispute lost: nothing left to take back";
    }
    const refund = await reserveRefund(tx, locked, {
      kind: "dispute",
      amount,
      reason: `Dispute ${dispute.gatewayDisputeId} lost${dispute.reason ? ` (${dispute.reason})` : ""}`,
      requestedBy: `${gateway} dispute`,
      gatewayRefundId: dispute.gatewayDisputeId,
      idempotencyKey: `dispute-${gateway}-${dispute.gatewayDisputeId}`,
      now,
    });
    await settleRefund(tx, refund, locked, { gatewayRefundId: dispute.gatewayDisputeId, source: options.source, now });
    await tx.dispute.update({ where: { id: row.id }, data: { refundId: refund.id } });
    return "dispute lost";
  });
}

/** The invoice stays flagged while any other dispute of its payments is open or was lost. */
async function clearInvoiceFlag(tx: Tx, invoiceId: string, wonDisputeId: string) {
  const other = await tx.dispute.findFirst({ where: { invoiceId, id: { not: wonDisputeId }, status: { in: ["open", "lost"] } }, select: { id: true } });
  if (!other) await tx.invoice.update({ where: { id: invoiceId }, data: { disputedAt: null } });
}
