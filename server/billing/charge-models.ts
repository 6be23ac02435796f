import type Decimal from "decimal.js";
import { ZERO, maxDecimal, toDecimal } from "./decimal";
import { assertValidChargeModel } from "./charge-validation";
import { pricePackage } from "./package-pricing";
import { pricePercentage } from "./percentage-pricing";
import { priceGraduated, priceVolume } from "./tier-pricing";
import type { UsageChargeModel, UsageQuantity } from "./types";

/**
 * The exact, unrounded amount of a usage charge for one quantity (one period, one group).
 * Rounding happens once, on the invoice line. A negative net quantity (a sum of refunds) is
 * priced as 0: usage lines never go negative, money is given back with credit notes.
 */
export function priceUsage(charge: UsageChargeModel, usage: UsageQuantity): Decimal {
  assertValidChargeModel(charge);
  const quantity = toDecimal(usage.quantity);
  switch (charge.model) {
    case "per_unit":
      return maxDecimal(quantity, ZERO).times(toDecimal(charge.unitPrice));
    case "graduated":
      return priceGraduated(charge.tiers, quantity);
    case "volume":
      return priceVolume(charge.tiers, quantity);
    case "package":
      return pricePackage(charge, quantity);
    case "percentage":
      return pricePercentage(charge, usage);
  }
}

/**
 * What moving a period's usage from `before` to `after` costs: price(after) − price(before).
 * Real-time prepaid burn-down uses it event by event so tier boundaries and packages come out as
 * they will on the invoice. The price at q = 0 (a first tier's flatFee) is in no increment: a
 * caller that wants it on the balance consumes priceUsage(charge, { quantity: "0" }) up front.
 */
export function incrementalCost(charge: UsageChargeModel, before: UsageQuantity, after: UsageQuantity): Decimal {
  return priceUsage(charge, after).minus(priceUsage(charge, before));
}
