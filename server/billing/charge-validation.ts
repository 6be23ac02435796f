import { toDecimal, type DecimalInput } from "./decimal";
import type { Tier, UsageChargeModel } from "./types";

function isDecimalLike(value: unknown): value is DecimalInput {
  try {
    toDecimal(value as DecimalInput);
    return true;
  } catch {
    return false;
  }
}

function checkNonNegative(issues: string[], field: string, value: DecimalInput | undefined): void {
  if (value === undefined) return;
  if (!isDecimalLike(value)) issues.push(`${field} must be a decimal`);
  else if (toDecimal(value).isNegative()) issues.push(`${field} must not be negative`);
}

function findTierIssues(tiers: readonly Tier[]): string[] {
  const issues: string[] = [];
  if (tiers.length === 0) return ["tiers must not be empty"];
  let previous: DecimalInput | null = null;
  tiers.forEach((tier, i) => {
    checkNonNegative(issues, `tiers[${i}].unitPrice`, tier.unitPrice);
    checkNonNegative(issues, `tiers[${i}].flatFee`, tier.flatFee);
    const isLast = i === tiers.length - 1;
    if (tier.upTo === null) {
      if (!isLast) issues.push(`tiers[${i}].upTo may be null (infinity) on the last tier only`);
      return;
    }
    if (isLast) issues.push("the last tier's upTo must be null (infinity)");
    if (!isDecimalLike(tier.upTo)) {
      issues.push(`tiers[${i}].upTo must be a decimal`);
      return;
    }
    const upTo = toDecimal(tier.upTo);
    if (upTo.isNegative()) issues.push(`tiers[${i}].upTo must not be negative`);
    if (previous !== null && isDecimalLike(previous) && !upTo.greaterThan(toDecimal(previous))) {
      issues.push(`tiers[${i}].upTo must be greater than the previous tier's`);
    }
    previous = tier.upTo;
  });
  return issues;
}

/** Everything wrong with a charge model's configuration, as messages (empty when valid). */
export function findChargeModelIssues(charge: UsageChargeModel): string[] {
  const issues: string[] = [];
  switch (charge.model) {
    case "per_unit":
      checkNonNegative(issues, "unitPrice", charge.unitPrice);
      break;
    case "graduated":
    case "volume":
      issues.push(...findTierIssues(charge.tiers));
      break;
    case "package":
      checkNonNegative(issues, "packagePrice", charge.packagePrice);
      checkNonNegative(issues, "freeUnits", charge.freeUnits);
      if (!isDecimalLike(charge.packageSize) || !toDecimal(charge.packageSize).greaterThan(0)) {
        issues.push("packageSize must be greater than 0");
      }
      break;
    case "percentage": {
      checkNonNegative(issues, "rate", charge.rate);
      checkNonNegative(issues, "fixedFeePerEvent", charge.fixedFeePerEvent);
      checkNonNegative(issues, "freeUnits", charge.freeUnits);
      checkNonNegative(issues, "minPerEvent", charge.minPerEvent);
      checkNonNegative(issues, "maxPerEvent", charge.maxPerEvent);
      const clamped = charge.minPerEvent !== undefined || charge.maxPerEvent !== undefined;
      if (clamped && charge.freeUnits !== undefined && isDecimalLike(charge.freeUnits) && !toDecimal(charge.freeUnits).isZero()) {
        issues.push("freeUnits is not allowed with minPerEvent/maxPerEvent");
      }
      if (
        charge.minPerEvent !== undefined &&
        charge.maxPerEvent !== undefined &&
        isDecimalLike(charge.minPerEvent) &&
        isDecimalLike(charge.maxPerEvent) &&
        toDecimal(charge.minPerEvent).greaterThan(toDecimal(charge.maxPerEvent))
      ) {
        issues.push("minPerEvent must not exceed maxPerEvent");
      }
      break;
    }
    default:
      issues.push(`unknown charge model "${(charge as { model: string }).model}"`);
  }
  return issues;
}

export class InvalidChargeModelError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid charge model: ${issues.join("; ")}`);
    this.name = "InvalidChargeModelError";
  }
}

export function assertValidChargeModel(charge: UsageChargeModel): void {
  const issues = findChargeModelIssues(charge);
  if (issues.length > 0) throw new InvalidChargeModelError(issues);
}
