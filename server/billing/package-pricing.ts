import type Decimal from "decimal.js";
import { ZERO, maxDecimal, toDecimal, toOptionalDecimal } from "./decimal";
import type { PackageModel } from "./types";

/** ceil(max(0, q − freeUnits) / packageSize) × packagePrice; a started package is a whole package. */
export function pricePackage(charge: PackageModel, quantity: Decimal): Decimal {
  const size = toDecimal(charge.packageSize);
  if (!size.greaterThan(0)) throw new RangeError("packageSize must be greater than 0");
  const billable = maxDecimal(quantity.minus(toOptionalDecimal(charge.freeUnits) ?? ZERO), ZERO);
  // divToInt and mod are exact, unlike a rounded division followed by ceil.
  const whole = billable.divToInt(size);
  const packages = billable.mod(size).isZero() ? whole : whole.plus(1);
  return packages.times(toDecimal(charge.packagePrice));
}
