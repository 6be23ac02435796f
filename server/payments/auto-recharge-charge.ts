import { formatAmount } from "../billing/money";
import { withTransaction, type Db } from "../db";
import { gatewayFor } from "./gateways";
import { chargeRecordedPayment } from "./payment-attempt";
import { addPaymentEvent, applyChargeResult, cancelPayment, type SettlementOutcome } from "./payment-settlement";

/**
 * Charges a recorded auto-recharge (server/payments/auto-recharge.ts), after the commit that
 * recorded it. The payment's row lock orders it with the gateway's reports of it; the card is
 * re-checked only before the first submission, and a resubmission (a retried job after an unknown
 * outcome) sends the same idempotency key, so the gateway answers the first charge again.
 */
export async function executeAutoRecharge(db: Db, organizationId: string, paymentId: string, options: { now?: Date } = {}): Promise<SettlementOutcome> {
  const now = options.now ?? new Date();
  const payment = await withTransaction(db, async (tx) => {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Payment" WHERE id = $1 AND "organizationId" = $2 AND source = 'auto_recharge' FOR UPDATE`, paymentId, organizationId);
    if (locked.length === 0) return null;
    const row = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { paymentMethod: true, customer: true } });
    if (row.status !== "pending") return null;
    if (row.submittedAt) return row;
    if (!row.paymentMethod || row.paymentMethod.removedAt) {
      await cancelPayment(tx, row, null, { message: "The payment method was removed", source: "re-check", now });
      return null;
    }
    await tx.payment.update({ where: { id: row.id }, data: { submittedAt: now } });
    await addPaymentEvent(tx, row.id, { type: "submitted", status: "pending", message: `Charging ${formatAmount(row.amount.toFixed(), row.currency)} ${row.currency}`, source: "auto-recharge", at: now });
    return { ...row, submittedAt: now };
  });
  if (!payment) return "unchanged";
  const gateway = await gatewayFor(db, organizationId, payment.gateway === "stripe" ? "stripe" : "sandbox");
  const result = await chargeRecordedPayment(db, organizationId, gateway, payment, "Credits auto-recharge");
  return applyChargeResult(db, organizationId, payment.id, result, { source: "charge response", now });
}
