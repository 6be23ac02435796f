import type Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, toCount, toDecimal, toOptionalDecimal } from "./decimal";
import type { PercentageModel, UsageQuantity } from "./types";

function countEvents(usage: UsageQuantity): Decimal {
  if (usage.eventCount !== undefined) return toCount(usage.eventCount);
  if (usage.eventValues !== undefined) return toCount(usage.eventValues.length);
  throw new RangeError("a percentage charge with fixedFeePerEvent needs the usage's eventCount");
}

function clampPerEvent(fee: Decimal, min: Decimal | undefined, max: Decimal | undefined): Decimal {
  const raised = min === undefined ? fee : maxDecimal(fee, min);
  return max === undefined ? raised : minDecimal(raised, max);
}

/**
 * rate × max(0, q − freeUnits) + fixedFeePerEvent × events; with minPerEvent/maxPerEvent each
 * event's fee (rate × v + fixedFeePerEvent) is clamped then summed, which needs every event's value.
 */
export function pricePercentage(charge: PercentageModel, usage: UsageQuantity): Decimal {
  const rate = toDecimal(charge.rate);
  const fixed = toOptionalDecimal(charge.fixedFeePerEvent) ?? ZERO;
  const min = toOptionalDecimal(charge.minPerEvent);
  const max = toOptionalDecimal(charge.maxPerEvent);
  const free = toOptionalDecimal(charge.freeUnits) ?? ZERO;

  if (min !== undefined || max !== undefined) {
    if (!free.isZero()) throw new RangeError("freeUnits is not allowed with minPerEvent/maxPerEvent");
    if (usage.eventValues === undefined) {
      throw new RangeError("a percentage charge with minPerEvent/maxPerEvent needs the usage's eventValues");
    }
    return usage.eventValues.reduce<Decimal>(
      (total, value) => total.plus(clampPerEvent(rate.times(toDecimal(value)).plus(fixed), min, max)),
      ZERO,
    );
  }

  const billable = maxDecimal(toDecimal(usage.quantity).minus(free), ZERO);
  const variable = rate.times(billable);
  return fixed.isZero() ? variable : variable.plus(fixed.times(countEvents(usage)));
}
