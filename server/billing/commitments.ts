import type Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, toDecimal, type DecimalInput } from "./decimal";

/**
 * Minimum commitment true-up: max(0, M − (flat fees + usage charges)) for the period.
 * `minimum` is the period's commitment, already prorated for a partial period; `flatFees` and
 * `usageCharges` are sums of rounded lines, so the invoice lands exactly on the (rounded) minimum.
 */
export function minimumTrueUp(input: {
  minimum: DecimalInput;
  flatFees: DecimalInput;
  usageCharges: DecimalInput;
}): Decimal {
  const spent = toDecimal(input.flatFees).plus(toDecimal(input.usageCharges));
  return maxDecimal(toDecimal(input.minimum).minus(spent), ZERO);
}

/**
 * Prepaid commitment drawdown, as the (negative) credit amount: −min(usage charges, P).
 * `prepaid` is what was billed for the period (prorated if partial); the rest expires with it.
 */
export function prepaidDrawdown(input: { prepaid: DecimalInput; usageCharges: DecimalInput }): Decimal {
  const usage = maxDecimal(toDecimal(input.usageCharges), ZERO);
  const drawn = minDecimal(usage, maxDecimal(toDecimal(input.prepaid), ZERO));
  return drawn.isZero() ? ZERO : drawn.negated();
}
