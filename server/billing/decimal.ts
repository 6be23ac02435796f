import Decimal from "decimal.js";

/**
 * The engine's Decimal: 40 significant digits, half-up (away from zero on ties).
 * decimal.js rounds every operation to `precision` significant digits; the default 20 is not
 * enough for 12-decimal unit prices times 10^12 token counts, 40 leaves ample headroom. Money is
 * rounded to the currency's minor unit only once per invoice line (see money.ts).
 * All clones share one prototype, so `instanceof Decimal` still holds for its instances.
 */
export const BillingDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Money and quantities cross the engine boundary as Decimal (any decimal.js clone) or decimal strings. */
export type DecimalInput = Decimal | string;

const DECIMAL_STRING = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Re-wraps every input in BillingDecimal: an operation runs with the precision of its left
 * operand's constructor, so a caller's Decimal (e.g. Prisma's, precision 20) must not be used as is.
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (!DECIMAL_STRING.test(trimmed)) throw new TypeError(`Not a decimal string: "${value}"`);
    return new BillingDecimal(trimmed);
  }
  if (!Decimal.isDecimal(value)) throw new TypeError("Expected a Decimal or a decimal string");
  if (!value.isFinite()) throw new RangeError(`Not a finite decimal: ${value.toString()}`);
  return new BillingDecimal(value);
}

export function toOptionalDecimal(value: DecimalInput | null | undefined): Decimal | undefined {
  return value === null || value === undefined ? undefined : toDecimal(value);
}

/** Counts (events, days) are integers and may arrive as JS numbers; money never does. */
export function toCount(value: number | DecimalInput): Decimal {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a count: ${value}`);
    return new BillingDecimal(value);
  }
  return toDecimal(value);
}

export const ZERO = new BillingDecimal(0);
export const ONE = new BillingDecimal(1);

export function sumDecimals(values: readonly DecimalInput[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(toDecimal(v)), ZERO);
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lessThanOrEqualTo(b) ? a : b;
}
