import Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, sumDecimals, toDecimal, type DecimalInput } from "./decimal";
import { isRoundedTo, minorUnits, roundMoney } from "./money";

export type InvoiceTotals = {
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  creditsApplied: Decimal;
  amountDue: Decimal;
};

/**
 * subtotal = Σ rounded lines; tax = round(taxRate × subtotal), 0 when subtotal < 0;
 * total = subtotal + tax; creditsApplied = min(balance, total), never negative (credits apply after
 * tax); amountDue = total − creditsApplied − amountPaid.
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
  const amountDue = roundMoney(total.minus(creditsApplied).minus(amountPaid), currency);
  return { subtotal, tax, total, creditsApplied, amountDue };
}
