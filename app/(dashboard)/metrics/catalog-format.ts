// Server-safe helpers shared by the catalog pages (no "use client": server components call these).

import type { Charge } from "@/server/billing/types";
import { displayPercent, displayPrice, displayQuantity } from "@/components/format";

export { displayMoney, displayPrice, displayQuantity } from "@/components/format";

export const AGGREGATION_LABELS: Record<string, string> = {
  count: "Count of events",
  sum: "Sum",
  max: "Maximum",
  min: "Minimum",
  latest: "Latest value",
  unique_count: "Count of unique values",
  avg: "Average",
};

export const INTERVAL_LABELS: Record<string, string> = { week: "Weekly", month: "Monthly", quarter: "Quarterly", year: "Yearly" };

export const MODEL_LABELS: Record<string, string> = {
  per_unit: "Per unit",
  graduated: "Graduated tiers",
  volume: "Volume tiers",
  package: "Package",
  percentage: "Percentage",
};

/** A route segment back to a code; a malformed escape is simply not a code. */
export function codeFromParam(param: string): string | null {
  try {
    return decodeURIComponent(param);
  } catch {
    return null;
  }
}

/** A one-line summary of a charge's pricing, for plan pages ("$0.01 per unit", "1,000 units for $5.00"). */
export function describePricing(
  charge: Charge,
  currency: string,
): string[] {
  if (charge.type === "flat") return [`${displayPrice(charge.amount, currency)} ${charge.timing === "advance" ? "in advance" : "in arrears"}${charge.prorate ? ", prorated" : ""}`];
  switch (charge.model) {
    case "per_unit":
      return [`${displayPrice(charge.unitPrice, currency)} per unit`];
    case "graduated":
    case "volume": {
      let previous: string | null = null;
      return charge.tiers.map((tier) => {
        const range = tier.upTo === null ? (previous === null ? "All units" : `Above ${displayQuantity(previous)}`) : `${previous === null ? "0" : `> ${displayQuantity(previous)}`} – ${displayQuantity(tier.upTo)}`;
        previous = tier.upTo;
        return `${range}: ${displayPrice(tier.unitPrice, currency)}/unit${tier.flatFee && !/^0*\.?0*$/.test(tier.flatFee) ? ` + ${displayPrice(tier.flatFee, currency)}` : ""}`;
      });
    }
    case "package":
      return [
        `${displayPrice(charge.packagePrice, currency)} per ${displayQuantity(charge.packageSize)} units${charge.freeUnits && !/^0*\.?0*$/.test(charge.freeUnits) ? `, first ${displayQuantity(charge.freeUnits)} free` : ""}`,
      ];
    case "percentage": {
      const parts = [`${displayPercent(charge.rate)} of the amount`];
      if (charge.freeUnits) parts.push(`above the first ${displayQuantity(charge.freeUnits)}`);
      if (charge.fixedFeePerEvent) parts.push(`+ ${displayPrice(charge.fixedFeePerEvent, currency)} per payment`);
      if (charge.minPerEvent && charge.maxPerEvent) parts.push(`(between ${displayPrice(charge.minPerEvent, currency)} and ${displayPrice(charge.maxPerEvent, currency)} per payment)`);
      else if (charge.minPerEvent) parts.push(`(at least ${displayPrice(charge.minPerEvent, currency)} per payment)`);
      else if (charge.maxPerEvent) parts.push(`(at most ${displayPrice(charge.maxPerEvent, currency)} per payment)`);
      return [parts.join(" ")];
    }
  }
}
