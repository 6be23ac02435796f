import type Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, toDecimal, toOptionalDecimal } from "./decimal";
import type { Tier } from "./types";

type NormalizedTier = { lower: Decimal; upTo: Decimal | null; unitPrice: Decimal; flatFee: Decimal };

/** Each tier with its exclusive lower bound: tier i holds upTo_{i−1} < q ≤ upTo_i. */
function normalizeTiers(tiers: readonly Tier[]): NormalizedTier[] {
  let lower = ZERO;
  return tiers.map((tier) => {
    const upTo = tier.upTo === null ? null : toDecimal(tier.upTo);
    const normalized = {
      lower,
      upTo,
      unitPrice: toDecimal(tier.unitPrice),
      flatFee: toOptionalDecimal(tier.flatFee) ?? ZERO,
    };
    lower = upTo ?? lower;
    return normalized;
  });
}

function firstTier(tiers: readonly NormalizedTier[]): NormalizedTier {
  const tier = tiers[0];
  if (!tier) throw new RangeError("tiers must not be empty");
  return tier;
}

/**
 * Each tier prices only the units inside it, plus its flatFee once if it has any; at q = 0 the
 * first tier's flatFee is still billed (Stripe, Lago and OpenMeter agree; a zero first tier avoids it).
 */
export function priceGraduated(tiers: readonly Tier[], quantity: Decimal): Decimal {
  const normalized = normalizeTiers(tiers);
  const q = maxDecimal(quantity, ZERO);
  if (q.isZero()) return firstTier(normalized).flatFee;
  return normalized.reduce((total, tier) => {
    const top = tier.upTo === null ? q : minDecimal(q, tier.upTo);
    const units = maxDecimal(top.minus(tier.lower), ZERO);
    if (units.isZero()) return total;
    return total.plus(units.times(tier.unitPrice)).plus(tier.flatFee);
  }, ZERO);
}

/** The index of the tier q falls in; q = 0 (or less) falls in the first tier. */
export function findVolumeTierIndex(tiers: readonly Tier[], quantity: Decimal): number {
  const normalized = normalizeTiers(tiers);
  const index = normalized.findIndex((tier) => tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo));
  if (index === -1) throw new RangeError(`quantity ${quantity.toString()} exceeds the last tier; its upTo must be null`);
  return index;
}

/** All q priced at the tier q falls in, plus that tier's flatFee (also at q = 0). */
export function priceVolume(tiers: readonly Tier[], quantity: Decimal): Decimal {
  const q = maxDecimal(quantity, ZERO);
  const tier = normalizeTiers(tiers)[findVolumeTierIndex(tiers, q)];
  if (!tier) throw new RangeError("tiers must not be empty");
  return q.times(tier.unitPrice).plus(tier.flatFee);
}
