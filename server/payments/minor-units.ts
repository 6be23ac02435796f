// Money crosses the gateway port as whole minor units (cents, yen, fils) in a bigint: Stripe takes
// integers, and a bigint cannot pick up a binary fraction on the way. The currency's exponent is
// the billing engine's (minorUnits in server/billing/money.ts), so what an invoice shows is what is
// charged.
import type Decimal from "decimal.js";
import { toDecimal } from "@/server/billing/decimal";
import { minorUnits } from "@/server/billing/money";

/**
 * "12.30" USD → 1230n, "1230" JPY → 1230n, "1.234" KWD → 1234n. Refuses (RangeError) an amount
 * with more decimals than the currency has: rounding is the engine's decision, made once, never
 * silently here on the way to a card.
 */
export function toMinorUnits(amount: string | Decimal, currency: string): bigint {
  const digits = minorUnits(currency);
  const value = toDecimal(amount);
  if (value.decimalPlaces() > digits) {
    throw new RangeError(`${value.toFixed()} ${currency} has more than the currency's ${digits} decimal digit(s); round it before charging`);
  }
  // Exact: the value has at most `digits` decimals, so the product is an integer.
  return BigInt(value.times(10 ** digits).toFixed(0));
}

/** 1230n USD → "12.30", 1230n JPY → "1230", -5n USD → "-0.05": exactly the currency's digits. */
export function fromMinorUnits(minor: bigint, currency: string): string {
  const digits = minorUnits(currency);
  const sign = minor < 0n ? "-" : "";
  const magnitude = (minor < 0n ? -minor : minor).toString();
  if (digits === 0) return sign + magnitude;
  const padded = magnitude.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
