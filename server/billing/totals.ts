import Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, sumDecimals, toDecimal, type DecimalInput } from "./decimal";
import { isRoundedTo, minorUnits, roundMoney } from "./money";

export type InvoiceTotals = {
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  creditsApplied: Decimal;
  /** −total when the total is negative: granted to the customer's credit balance, never lost. */
  creditedToBalance: Decimal;
  amountDue: Decimal;
};

/**
 * subtotal = Σ rounded lines; tax = round(taxRate × subtotal), 0 when subtotal < 0;
 * total = subtotal + tax; creditsApplied = min(balance, total), never negative (credits apply after
 * tax); a negative total is credited to the balance (creditedToBalance = −total), so
 * amountDue = total + creditedToBalance − creditsApplied − amountPaid is never negative.
 */
export function computeInvoiceTotals(input: {
  lines: readonly DecimalInput[];
  taxRate?: DecimalInput | null;
  currency: string;
  creditBalance?: DecimalInput | null;
  amountPaid?: DecimalInput | null;
}): InvoiceTotals {
  const { currency } = input;
  input.lines.forEach((line, i) => {
    if (!isRoundedTo(line, currency)) {
      throw new RangeError(`line ${i} (${toDecimal(line).toString()}) is not rounded to ${currency}'s minor unit`);
    }
  });
  const taxRate = input.taxRate == null ? ZERO : toDecimal(input.taxRate);
  if (taxRate.isNegative()) throw new RangeError("taxRate must not be negative");

  const subtotal = roundMoney(sumDecimals(input.lines), currency);
  const tax = subtotal.isNegative() ? ZERO : roundMoney(taxRate.times(subtotal), currency);
  const total = subtotal.plus(tax);
  const balance = input.creditBalance == null ? ZERO : toDecimal(input.creditBalance);
  // A balance burnt down in real time can hold sub-minor-unit amounts; never apply more than it holds.
  const usableBalance = balance.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN);
  const creditsApplied = maxDecimal(minDecimal(usableBalance, total), ZERO);
  const amountPaid = input.amountPaid == null ? ZERO : toDecimal(input.amountPaid);
  const creditedToBalance = total.isNegative() ? total.negated() : ZERO;
  const amountDue = invoiceAmountDue({ total, creditedToBalance, creditsApplied, amountPaid }, currency);
  return { subtotal, tax, total, creditsApplied, creditedToBalance, amountDue };
}

/**
 * What is still due on an invoice: total + creditedToBalance − creditsApplied − amountPaid −
 * amountCredited (credit notes), never below zero: an overpaid or negative invoice owes nothing,
 * and what it gives back went to the balance or a credit note.
 */
export function invoiceAmountDue(
  invoice: { total: DecimalInput; creditedToBalance?: DecimalInput; creditsApplied?: DecimalInput; amountPaid?: DecimalInput; amountCredited?: DecimalInput },
  currency: string,
): Decimal {
  const due = toDecimal(invoice.total)
    .plus(toDecimal(invoice.creditedToBalance ?? ZERO))
    .minus(toDecimal(invoice.creditsApplied ?? ZERO))
    .minus(toDecimal(invoice.amountPaid ?? ZERO))
    .minus(toDecimal(invoice.amountCredited ?? ZERO));
  return roundMoney(maxDecimal(due, ZERO), currency);
}
