// A plan's prices as a customer reads them in the portal ("$0.000002 per token, by model"). The
// dashboard's describePricing (app/(dashboard)/metrics/catalog-format.ts) is an operator's terse
// summary ("$0.01/unit"); this one names the metric's unit and explains each model in a sentence.
// Pure: no data access, so the overview and the plan-change page word the same terms alike.

import Decimal from "decimal.js";
import { displayPercent, displayPrice, displayQuantity } from "@/components/format";
import type { Charge, Commitment, Interval, Tier } from "../billing/types";

export interface Unit {
  singular: string;
  plural: string;
}

export interface ChargeWords {
  /** The charge's name: its own, else its metric's. */
  name: string;
  /** The price in one sentence. */
  price: string;
  /** What the sentence leaves out: tiers one per line, filters, grouping. */
  details: string[];
}

const INTERVAL_NOUN: Record<Interval, string> = { week: "week", month: "month", quarter: "quarter", year: "year" };

const isZero = (value: string | undefined | null) => value == null || new Decimal(value).isZero();

/**
 * The unit a metric counts, from its name: "Tokens" → token/tokens, "API calls" → API call/API
 * calls, "GB stored" stays as it is. Only a plain trailing "s" is taken off.
 */
export function unitFromMetricName(name: string): Unit {
  const trimmed = name.trim();
  if (!trimmed) return { singular: "unit", plural: "units" };
  // A leading capital is the name's, not the unit's ("Tokens"); an acronym keeps its case ("API calls").
  const plural = /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
  if (/[^s]s$/.test(plural)) return { singular: plural.slice(0, -1), plural };
  return { singular: plural, plural };
}

const unitsOf = (quantity: string, unit: Unit) => `${displayQuantity(quantity)} ${new Decimal(quantity).equals(1) ? unit.singular : unit.plural}`;

function tierLines(tiers: readonly Tier[], currency: string, unit: Unit, model: "graduated" | "volume"): string[] {
  let previous: string | null = null;
  return tiers.map((tier, index) => {
    const price = `${displayPrice(tier.unitPrice, currency)} per ${unit.singular}`;
    let range: string;
    if (tier.upTo === null) range = previous === null ? `Every ${unit.singular}` : `Above ${unitsOf(previous, unit)}`;
    else if (previous === null) range = model === "graduated" ? `The first ${unitsOf(tier.upTo, unit)}` : `Up to ${unitsOf(tier.upTo, unit)}`;
    else range = model === "graduated" ? `The next ${unitsOf(new Decimal(tier.upTo).minus(previous).toFixed(), unit)} (to ${displayQuantity(tier.upTo)})` : `More than ${displayQuantity(previous)}, up to ${unitsOf(tier.upTo, unit)}`;
    const fee = isZero(tier.flatFee) ? "" : index === 0 && model === "graduated" ? ` + ${displayPrice(tier.flatFee!, currency)} once` : ` + ${displayPrice(tier.flatFee!, currency)}`;
    previous = tier.upTo;
    return `${range}: ${price}${fee}`;
  });
}

function usagePrice(charge: Extract<Charge, { type: "usage" }>, currency: string, unit: Unit): { price: string; details: string[] } {
  switch (charge.model) {
    case "per_unit":
      return { price: `${displayPrice(charge.unitPrice, currency)} per ${unit.singular}`, details: [] };
    case "graduated":
      return { price: `Tiered: each tier prices the ${unit.plural} that fall in it`, details: tierLines(charge.tiers, currency, unit, "graduated") };
    case "volume":
      return { price: `Volume: every ${unit.singular} is priced at the tier the total reaches`, details: tierLines(charge.tiers, currency, unit, "volume") };
    case "package": {
      const free = isZero(charge.freeUnits) ? "" : `, the first ${unitsOf(charge.freeUnits!, unit)} free`;
      const size = new Decimal(charge.packageSize).equals(1) ? unit.singular : unitsOf(charge.packageSize, unit);
      return { price: `${displayPrice(charge.packagePrice, currency)} per ${size}${free}`, details: ["A started package is billed in full."] };
    }
    case "percentage": {
      const parts = [`${displayPercent(charge.rate)} of ${unit.singular === "unit" ? "the amount" : unit.plural}`];
      if (!isZero(charge.freeUnits)) parts.push(`above the first ${displayQuantity(charge.freeUnits!)}`);
      if (!isZero(charge.fixedFeePerEvent)) parts.push(`+ ${displayPrice(charge.fixedFeePerEvent!, currency)} per transaction`);
      const details: string[] = [];
      const min = charge.minPerEvent ? displayPrice(charge.minPerEvent, currency) : null;
      const max = charge.maxPerEvent ? displayPrice(charge.maxPerEvent, currency) : null;
      if (min && max) details.push(`Each transaction's fee is at least ${min} and at most ${max}.`);
      else if (min) details.push(`Each transaction's fee is at least ${min}.`);
      else if (max) details.push(`Each transaction's fee is at most ${max}.`);
      return { price: parts.join(" "), details };
    }
  }
}

const listWords = (items: readonly string[], last: "and" | "or") => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`);

/** One charge of a plan in words. `metricName` names the usage metric (its code when unknown). */
export function describeCharge(charge: Charge, options: { currency: string; interval: Interval; metricName?: string | null }): ChargeWords {
  const every = INTERVAL_NOUN[options.interval];
  if (charge.type === "flat") {
    const when = charge.timing === "advance" ? "billed at the start of each" : "billed at the end of each";
    return {
      name: charge.name,
      price: `${displayPrice(charge.amount, options.currency)} per ${every}, ${when} ${every}`,
      details: charge.prorate ? [`A partial ${every} is charged for the days it covers.`] : [],
    };
  }
  const metricName = options.metricName?.trim() || charge.metric;
  const unit = unitFromMetricName(metricName);
  const { price, details } = usagePrice(charge, options.currency, unit);
  const grouped = charge.groupBy?.length ? `, by ${listWords(charge.groupBy, "and")}` : "";
  const filters = Object.entries(charge.filters ?? {}).map(([key, values]) => `For ${key} ${listWords(values, "or")} only.`);
  return { name: charge.name?.trim() || metricName, price: `${price}${grouped}`, details: [...filters, ...details] };
}

/** A plan's commitment in words, or null when it has none. */
export function describeCommitment(commitment: Commitment | null, options: { currency: string; interval: Interval }): string | null {
  if (!commitment) return null;
  const amount = displayPrice(commitment.amount, options.currency);
  const every = INTERVAL_NOUN[options.interval];
  return commitment.type === "minimum"
    ? `Minimum spend of ${amount} per ${every}: a ${every} billed below it is topped up to it.`
    : `${amount} prepaid per ${every}, billed at its start; usage draws it down and usage beyond it is billed on top.`;
}

/** "per month" and the like: how often a plan bills. */
export function intervalWords(interval: Interval): string {
  return `per ${INTERVAL_NOUN[interval]}`;
}

export interface PlanWords {
  charges: ChargeWords[];
  commitment: string | null;
}

/** Every price of a plan (or a contract's effective terms) in words; `metricNames` maps metric codes to names. */
export function describePlanTerms(
  terms: { charges: readonly Charge[]; commitment: Commitment | null; currency: string; interval: Interval },
  metricNames: ReadonlyMap<string, string>,
): PlanWords {
  const options = { currency: terms.currency, interval: terms.interval };
  return {
    charges: terms.charges.map((charge) => describeCharge(charge, { ...options, metricName: charge.type === "usage" ? (metricNames.get(charge.metric) ?? null) : null })),
    commitment: describeCommitment(terms.commitment, options),
  };
}
