import { toDecimal } from "../billing/decimal";
import { isRoundedTo, minorUnits } from "../billing/money";
import { recordAudit } from "../audit";
import type { ServiceContext } from "../context";
import { isUniqueViolation, withTransaction } from "../db";
import { Conflict, Invalid, NotFound } from "../errors";
import { amountDueOf, lockInvoice, paymentInFlight, takesPayments } from "./invoice-lock";
import { addPaymentEvent, settleSucceededPayment } from "./payment-settlement";

export interface ManualPaymentInput {
  /** The bank transfer's (or cheque's) reference: one payment per reference and invoice. */
  reference: string;
  /** Default: all that is due. More than is due goes to the customer's credit balance. */
  amount?: string;
  paidAt?: Date;
}

/** "Mark paid outside the gateway": money the operator received by bank transfer, recorded as a payment. */
export async function recordManualPayment(ctx: ServiceContext, invoiceId: string, input: ManualPaymentInput, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const paidAt = input.paidAt ?? now;
  if (paidAt.getTime() > now.getTime()) throw Invalid.field("paidAt", "must not be in the future");
  try {
    return await withTransaction(ctx.db, async (tx) => {
      const invoice = await lockInvoice(tx, ctx.organizationId, invoiceId);
      if (!invoice) throw new NotFound("Invoice", invoiceId);
      if (!takesPayments(invoice.status)) throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only open and uncollectible invoices can be marked paid`);
      const due = amountDueOf(invoice);
      if (!due.greaterThan(0)) throw new Conflict(`Invoice ${invoice.number} has nothing due`);
      const amount = input.amount === undefined ? due : toDecimal(input.amount);
      if (!amount.greaterThan(0)) throw Invalid.field("amount", "must be greater than 0");
      if (!isRoundedTo(amount, invoice.currency)) throw Invalid.field("amount", `must have at most ${minorUnits(invoice.currency)} decimal places for ${invoice.currency}`);
      const inFlight = await paymentInFlight(tx, invoice.id);
      if (inFlight) throw new Conflict(`A gateway payment of invoice ${invoice.number} is in progress (payment ${inFlight.id}); wait for its outcome before recording another`);
      const payment = await tx.payment.create({
        data: {
          organizationId: ctx.organizationId,
          customerId: invoice.customerId,
          invoiceId: invoice.id,
          gateway: "manual",
          source: "manual",
          idempotencyKey: `manual-${invoice.id}-${input.reference}`,
          amount: amount.toFixed(),
          currency: invoice.currency,
          status: "pending",
          reference: input.reference,
          submittedAt: paidAt,
          createdAt: now,
        },
      });
      await addPaymentEvent(tx, payment.id, { type: "created", status: "pending", message: `Received outside the gateway, reference ${input.reference}`, source: "operator", at: now });
      await settleSucceededPayment(tx, payment, invoice, { amount, source: "operator", now: paidAt });
      await recordAudit({ ...ctx, db: tx }, { action: "invoice.marked_paid", targetType: "invoice", targetId: invoice.id, data: { paymentId: payment.id, amount: amount.toFixed(), reference: input.reference } });
      return payment.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`reference: a payment with reference "${input.reference}" was already recorded for this invoice`);
    throw error;
  }
}
