// Server-safe helpers shared by the catalog pages (no "use client": server components call these).

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

/**
 * Money for display from a decimal string, never through a float: Intl formats the string itself
 * (ES2023), with the currency's symbol. Falls back to "12.30 USD" for codes Intl does not know.
 */
export function displayMoney(amount: string, currency: string, digits?: number): string {
  try {
    const options: Intl.NumberFormatOptions = { style: "currency", currency };
    if (digits !== undefined) Object.assign(options, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return new Intl.NumberFormat("en-US", options).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A unit price with all its significant digits ("$0.000002"), at least the currency's usual ones. */
export function displayPrice(amount: string, currency: string): string {
  const decimals = amount.includes(".") ? (amount.split(".")[1] ?? "").replace(/0+$/, "").length : 0;
  try {
    const usual = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: Math.max(usual, decimals), maximumFractionDigits: Math.max(usual, decimals) }).format(
      amount as Intl.StringNumericLiteral,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Quantities as typed, with thousands separators ("1,500", "100.5"). */
export function displayQuantity(quantity: string): string {
  const decimals = quantity.includes(".") ? (quantity.split(".")[1] ?? "").length : 0;
  try {
    return new Intl.NumberFormat("en-US", { maximumFractionDigits: Math.min(decimals, 20) }).format(quantity as Intl.StringNumericLiteral);
  } catch {
    return quantity;
  }
}

interface DescribedTier {
  upTo: string | null;
  unitPrice: string;
  flatFee?: string;
}

/** A one-line summary of a charge's pricing, for plan pages ("$0.01 per unit", "1,000 units for $5.00"). */
export function describePricing(
  charge:
    | { type: "flat"; amount: string; timing: string; prorate: boolean }
    | { type: "usage"; model: "per_unit"; unitPrice: string }
    | { type: "usage"; model: "graduated" | "volume"; tiers: DescribedTier[] }
    | { type: "usage"; model: "package"; packageSize: string; packagePrice: string; freeUnits?: string }
    | { type: "usage"; model: "percentage"; rate: string; fixedFeePerEvent?: string; freeUnits?: string; minPerEvent?: string; maxPerEvent?: string },
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
      const parts = [`${charge.rate} × amount`];
      if (charge.fixedFeePerEvent) parts.push(`+ ${displayPrice(charge.fixedFeePerEvent, currency)} per event`);
      if (charge.freeUnits) parts.push(`after ${displayQuantity(charge.freeUnits)} free`);
      if (charge.minPerEvent || charge.maxPerEvent)
        parts.push(`per event within [${charge.minPerEvent ? displayPrice(charge.minPerEvent, currency) : "0"}, ${charge.maxPerEvent ? displayPrice(charge.maxPerEvent, currency) : "∞"}]`);
      return [parts.join(" ")];
    }
  }
}
