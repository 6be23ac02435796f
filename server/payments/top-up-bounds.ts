import Decimal from "decimal.js";
import { toDecimal } from "../billing/decimal";
import { formatAmount, minorUnits } from "../billing/money";
import { Invalid } from "../errors";

type Bound = { toFixed(): string } | null;

/**
 * Refuses a top-up outside the organization's bounds (Settings → Payments), naming `amount` and
 * the bound in the customer's currency. A bound finer than the currency's minor unit (10.5 for
 * yen) is rounded inwards, to 11 as a minimum and 10 as a maximum: for amounts the currency can
 * hold, that is the same rule, and it is what the message can say.
 */
export function checkTopUpBounds(amount: Decimal, currency: string, bounds: { topUpMinimum: Bound; topUpMaximum: Bound }): void {
  const { minimum, maximum } = topUpBoundsIn(currency, bounds);
  if (minimum && amount.lessThan(minimum)) throw Invalid.field("amount", `must be at least ${formatAmount(minimum, currency)} ${currency}`);
  if (maximum && amount.greaterThan(maximum)) throw Invalid.field("amount", `must be at most ${formatAmount(maximum, currency)} ${currency}`);
}

/** The bounds as amounts the currency can hold (rounded inwards, as checkTopUpBounds applies them); null: no bound. */
export function topUpBoundsIn(currency: string, bounds: { topUpMinimum: Bound; topUpMaximum: Bound }): { minimum: Decimal | null; maximum: Decimal | null } {
  const places = minorUnits(currency);
  return {
    minimum: bounds.topUpMinimum ? toDecimal(bounds.topUpMinimum.toFixed()).toDecimalPlaces(places, Decimal.ROUND_CEIL) : null,
    maximum: bounds.topUpMaximum ? toDecimal(bounds.topUpMaximum.toFixed()).toDecimalPlaces(places, Decimal.ROUND_FLOOR) : null,
  };
}
