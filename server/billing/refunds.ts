import type Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, toDecimal, type DecimalInput } from "./decimal";
import { formatAmount, isRoundedTo, minorUnits, roundMoney } from "./money";

/** A succeeded payment as a refund sees it. */
export interface RefundablePayment {
  currency: string;
  amount: DecimalInput;
  /** Refunds succeeded or still pending: money already promised back. */
  refundedOrPending: DecimalInput;
  /** The part of the payment that went to the customer's credit balance (overpayment, top-up). */
  creditedToBalance: DecimalInput;
  /** Of refundedOrPending, what was taken from that balance part. */
  balancePartRefunded: DecimalInput;
}

export type RefundProblem = { kind: "invalid"; field: "amount"; message: string } | { kind: "conflict"; message: string };

export interface RefundSplit {
  amount: Decimal;
  /** Comes off the invoice's amountPaid, with a credit note. */
  fromInvoice: Decimal;
  /** Comes out of the customer's credit balance. */
  fromBalance: Decimal;
}

/**
 * How much a refund returns and where it comes from (BILLING.md: refunds issue a credit note).
 * Without an amount it returns all that is left. Never more than the payment minus what earlier
 * refunds, pending or done, already took. The part of a payment that went to the credit balance is
 * refunded first: that money was never owed, and an overpayment is what operators refund most.
 */
export function splitRefund(payment: RefundablePayment, requested: DecimalInput | undefined): { ok: true; split: RefundSplit } | { ok: false; problem: RefundProblem } {
  const { currency } = payment;
  const left = toDecimal(payment.amount).minus(toDecimal(payment.refundedOrPending));
  if (!left.greaterThan(0)) {
    return { ok: false, problem: { kind: "conflict", message: `nothing is left to refund: the payment of ${formatAmount(payment.amount, currency)} ${currency} was already refunded in full` } };
  }
  const amount = requested === undefined ? left : toDecimal(requested);
  if (!amount.greaterThan(0)) return { ok: false, problem: { kind: "invalid", field: "amount", message: "must be greater than 0" } };
  if (!isRoundedTo(amount, currency)) return { ok: false, problem: { kind: "invalid", field: "amount", message: `must have at most ${minorUnits(currency)} decimal places for ${currency}` } };
  if (amount.greaterThan(left)) {
    return { ok: false, problem: { kind: "conflict", message: `amount ${formatAmount(amount, currency)} is more than what is left to refund on this payment (${formatAmount(left, currency)} ${currency})` } };
  }
  const balancePartLeft = maxDecimal(toDecimal(payment.creditedToBalance).minus(toDecimal(payment.balancePartRefunded)), ZERO);
  const fromBalance = minDecimal(amount, balancePartLeft);
  return { ok: true, split: { amount, fromInvoice: amount.minus(fromBalance), fromBalance } };
}

/** An invoice's tax and what its credit notes already took. */
export interface RefundedInvoice {
  currency: string;
  taxRate: DecimalInput;
  subtotal: DecimalInput;
  tax: DecimalInput;
  /** Σ subtotal and Σ tax of its earlier credit notes. */
  creditedSubtotal: DecimalInput;
  creditedTax: DecimalInput;
}

/**
 * The credit note of a refund of `total` (tax included, as the money went). The tax in it is the
 * invoice's rate taken back out of the amount, rounded half-up, and never more than the tax left
 * to credit; the rest is the subtotal. Refused when the invoice's credit notes already credited
 * its whole total (that credit went to the customer's balance, not to the card).
 */
export function refundCreditNote(invoice: RefundedInvoice, total: DecimalInput): { ok: true; subtotal: Decimal; tax: Decimal; total: Decimal } | { ok: false; message: string } {
  const { currency } = invoice;
  const amount = toDecimal(total);
  const taxLeft = maxDecimal(toDecimal(invoice.tax).minus(toDecimal(invoice.creditedTax)), ZERO);
  const totalLeft = toDecimal(invoice.subtotal).minus(toDecimal(invoice.creditedSubtotal)).plus(taxLeft);
  if (amount.greaterThan(totalLeft)) {
    return { ok: false, message: `the invoice's credit notes leave ${formatAmount(maxDecimal(totalLeft, ZERO), currency)} ${currency} to credit, less than the ${formatAmount(amount, currency)} to refund from it; refund the rest from the customer's credit balance instead` };
  }
  const rate = toDecimal(invoice.taxRate);
  const tax = minDecimal(roundMoney(amount.times(rate).dividedBy(rate.plus(1)), currency), taxLeft);
  return { ok: true, subtotal: amount.minus(tax), tax, total: amount };
}
