// The plan editor's state (every input kept as typed) and its conversion to and from plan terms.
// Amounts and quantities stay decimal strings: the same charge objects go to the server and to
// the engine's simulator.

import type { Charge, Commitment, UsageCharge } from "@/server/billing/types";
import { filterRowsFrom, filtersFrom, rowKey, type FilterRow } from "../metrics/catalog-form";

export const INTERVALS = ["month", "week", "quarter", "year"] as const;
export type Interval = (typeof INTERVALS)[number];
export const CHARGE_MODELS = ["per_unit", "graduated", "volume", "package", "percentage"] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

type UsageBase = Omit<UsageCharge, "model">;

export interface PlanTerms {
  name: string;
  description: string | null;
  currency: string;
  interval: Interval;
  trialDays: number;
  commitment: Commitment | null;
  charges: Charge[];
}

export interface TierDraft {
  key: string;
  upTo: string;
  unitPrice: string;
  flatFee: string;
}
export interface FlatDraft {
  key: string;
  type: "flat";
  name: string;
  amount: string;
  timing: "advance" | "arrears";
  prorate: boolean;
}
export interface UsageDraft {
  key: string;
  type: "usage";
  name: string;
  metric: string;
  model: ChargeModel;
  unitPrice: string;
  tiers: TierDraft[];
  packageSize: string;
  packagePrice: string;
  freeUnits: string;
  rate: string;
  fixedFeePerEvent: string;
  minPerEvent: string;
  maxPerEvent: string;
  filters: FilterRow[];
  groupBy: string[];
}
export type ChargeDraft = FlatDraft | UsageDraft;

export interface PlanDraft {
  code: string;
  name: string;
  description: string;
  currency: string;
  interval: Interval;
  trialDays: string;
  commitmentType: "none" | "minimum" | "prepaid";
  commitmentAmount: string;
  charges: ChargeDraft[];
}

export const newTier = (): TierDraft => ({ key: rowKey(), upTo: "", unitPrice: "", flatFee: "" });

export const newFlatCharge = (): FlatDraft => ({ key: rowKey(), type: "flat", name: "", amount: "", timing: "advance", prorate: true });

export const newUsageCharge = (metric: string): UsageDraft => ({
  key: rowKey(),
  type: "usage",
  name: "",
  metric,
  model: "per_unit",
  unitPrice: "",
  tiers: [newTier(), newTier()],
  packageSize: "",
  packagePrice: "",
  freeUnits: "",
  rate: "",
  fixedFeePerEvent: "",
  minPerEvent: "",
  maxPerEvent: "",
  filters: [],
  groupBy: [],
});

export const emptyDraft = (): PlanDraft => ({
  code: "",
  name: "",
  description: "",
  currency: "USD",
  interval: "month",
  trialDays: "0",
  commitmentType: "none",
  commitmentAmount: "",
  charges: [],
});

const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());

export function chargeFromDraft(draft: ChargeDraft): Charge {
  if (draft.type === "flat") return { type: "flat", name: draft.name, amount: draft.amount.trim(), timing: draft.timing, prorate: draft.prorate };
  const filters = filtersFrom(draft.filters);
  const base: UsageBase = {
    type: "usage",
    metric: draft.metric,
    ...(optional(draft.name) ? { name: draft.name.trim() } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(draft.groupBy.length > 0 ? { groupBy: draft.groupBy } : {}),
  };
  switch (draft.model) {
    case "per_unit":
      return { ...base, model: "per_unit", unitPrice: draft.unitPrice.trim() };
    case "graduated":
    case "volume":
      return {
        ...base,
        model: draft.model,
        tiers: draft.tiers.map((t) => ({ upTo: optional(t.upTo) ?? null, unitPrice: t.unitPrice.trim(), ...(optional(t.flatFee) ? { flatFee: t.flatFee.trim() } : {}) })),
      };
    case "package":
      return {
        ...base,
        model: "package",
        packageSize: draft.packageSize.trim(),
        packagePrice: draft.packagePrice.trim(),
        ...(optional(draft.freeUnits) ? { freeUnits: draft.freeUnits.trim() } : {}),
      };
    case "percentage":
      return {
        ...base,
        model: "percentage",
        rate: draft.rate.trim(),
        ...(optional(draft.fixedFeePerEvent) ? { fixedFeePerEvent: draft.fixedFeePerEvent.trim() } : {}),
        ...(optional(draft.freeUnits) ? { freeUnits: draft.freeUnits.trim() } : {}),
        ...(optional(draft.minPerEvent) ? { minPerEvent: draft.minPerEvent.trim() } : {}),
        ...(optional(draft.maxPerEvent) ? { maxPerEvent: draft.maxPerEvent.trim() } : {}),
      };
  }
}

export function draftFromCharge(charge: Charge): ChargeDraft {
  if (charge.type === "flat") return { key: rowKey(), ...charge };
  const draft: UsageDraft = {
    ...newUsageCharge(charge.metric),
    name: charge.name ?? "",
    model: charge.model,
    filters: filterRowsFrom(charge.filters),
    groupBy: charge.groupBy ?? [],
  };
  switch (charge.model) {
    case "per_unit":
      return { ...draft, unitPrice: charge.unitPrice };
    case "graduated":
    case "volume":
      return { ...draft, tiers: charge.tiers.map((t) => ({ key: rowKey(), upTo: t.upTo ?? "", unitPrice: t.unitPrice, flatFee: t.flatFee ?? "" })) };
    case "package":
      return { ...draft, packageSize: charge.packageSize, packagePrice: charge.packagePrice, freeUnits: charge.freeUnits ?? "" };
    case "percentage":
      return {
        ...draft,
        rate: charge.rate,
        fixedFeePerEvent: charge.fixedFeePerEvent ?? "",
        freeUnits: charge.freeUnits ?? "",
        minPerEvent: charge.minPerEvent ?? "",
        maxPerEvent: charge.maxPerEvent ?? "",
      };
  }
}

export function draftFromTerms(code: string, terms: PlanTerms): PlanDraft {
  return {
    code,
    name: terms.name,
    description: terms.description ?? "",
    currency: terms.currency,
    interval: terms.interval,
    trialDays: String(terms.trialDays),
    commitmentType: terms.commitment?.type ?? "none",
    commitmentAmount: terms.commitment?.amount ?? "",
    charges: terms.charges.map(draftFromCharge),
  };
}

/** The terms to send; the server validates and names every bad field. */
export function termsFromDraft(draft: PlanDraft) {
  const trial = draft.trialDays.trim();
  return {
    name: draft.name,
    currency: draft.currency.trim().toUpperCase(),
    interval: draft.interval,
    // Days are a count, not money: a whole number typed as text becomes a number.
    trialDays: trial === "" ? 0 : Number(trial),
    commitment: draft.commitmentType === "none" ? null : { type: draft.commitmentType, amount: draft.commitmentAmount.trim() },
    charges: draft.charges.map(chargeFromDraft),
  };
}
