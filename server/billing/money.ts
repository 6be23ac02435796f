import Decimal from "decimal.js";
import { toDecimal, type DecimalInput } from "./decimal";

/**
 * Intl (CLDR) reports the digits a currency is usually displayed with, which for these codes is
 * not the ISO 4217 minor unit that amounts are kept and charged in (Stripe also keeps IDR, HUF,
 * COP, PKR… at two decimals). ISO 4217 wins.
 */
const ISO_MINOR_UNIT_OVERRIDES: Readonly<Record<string, number>> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IRR: 2, KPW: 2, LAK: 2, LBP: 2, MGA: 2, MMK: 2,
  PKR: 2, SLL: 2, SOS: 2, SYP: 2, YER: 2, IQD: 3, CLF: 4, UYW: 4,
};

const CURRENCY_CODE = /^[A-Z]{3}$/;

let supportedCurrencies: ReadonlySet<string> | undefined;
const minorUnitCache = new Map<string, number>();

export function isCurrencyCode(code: string): boolean {
  if (!CURRENCY_CODE.test(code)) return false;
  supportedCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return supportedCurrencies.has(code) || code in ISO_MINOR_UNIT_OVERRIDES;
}

export function minorUnits(currency: string): number {
  const cached = minorUnitCache.get(currency);
  if (cached !== undefined) return cached;
  if (!isCurrencyCode(currency)) throw new RangeError(`Unknown ISO 4217 currency code: "${currency}"`);
  const digits =
    ISO_MINOR_UNIT_OVERRIDES[currency] ??
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
    2;
  minorUnitCache.set(currency, digits);
  return digits;
}

/** Half-up to the minor unit; ties go away from zero for negatives too (-1.505 → -1.51), as Stripe does. */
export function roundMoney(amount: DecimalInput, currency: string): Decimal {
  const rounded = toDecimal(amount).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
  // A negative amount that rounds to zero must not print as "-0.00".
  return rounded.isZero() ? rounded.abs() : rounded;
}

export function isRoundedTo(amount: DecimalInput, currency: string): boolean {
  return toDecimal(amount).decimalPlaces() <= minorUnits(currency);
}

/** The plain decimal string stored and shown by the API: "12.30", "1230" for JPY, "-1.50". */
export function formatAmount(amount: DecimalInput, currency: string): string {
  return roundMoney(amount, currency).toFixed(minorUnits(currency));
}
