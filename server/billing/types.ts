import type Decimal from "decimal.js";
import type { DecimalInput } from "./decimal";

export type Interval = "week" | "month" | "quarter" | "year";
export type BillingAnchor = "calendar" | "anniversary";

/** Half-open `[start, end)`. */
export type Period = { start: Date; end: Date };

/**
 * Charges are terms, stored as JSON: every amount in them is a canonical decimal string ("0.000002"),
 * as the catalog's charge schema (catalog/plan-schemas.ts) produces and checks at compile time.
 * This is the one charge type: stored, sent to the browser, priced by the engine.
 */
export type DecimalString = string;

/** `upTo` is inclusive; `null` means infinity and is allowed on the last tier only. */
export type Tier = { upTo: DecimalString | null; unitPrice: DecimalString; flatFee?: DecimalString | undefined };

export type PerUnitModel = { model: "per_unit"; unitPrice: DecimalString };
export type GraduatedModel = { model: "graduated"; tiers: Tier[] };
export type VolumeModel = { model: "volume"; tiers: Tier[] };
export type PackageModel = {
  model: "package";
  packageSize: DecimalString;
  packagePrice: DecimalString;
  freeUnits?: DecimalString | undefined;
};
export type PercentageModel = {
  model: "percentage";
  rate: DecimalString;
  fixedFeePerEvent?: DecimalString | undefined;
  freeUnits?: DecimalString | undefined;
  minPerEvent?: DecimalString | undefined;
  maxPerEvent?: DecimalString | undefined;
};

export type UsageChargeModel = PerUnitModel | GraduatedModel | VolumeModel | PackageModel | PercentageModel;

export type FlatCharge = {
  type: "flat";
  name: string;
  amount: DecimalString;
  timing: "advance" | "arrears";
  prorate: boolean;
};

export type UsageCharge = {
  type: "usage";
  name?: string | undefined;
  metric: string;
  filters?: Record<string, string[]> | undefined;
  groupBy?: string[] | undefined;
} & UsageChargeModel;

export type Charge = FlatCharge | UsageCharge;

export type Commitment = { type: "minimum" | "prepaid"; amount: DecimalString };

/** What a charge model prices: the metric quantity, plus per-event data for percentage charges. */
export type UsageQuantity = {
  quantity: DecimalInput;
  eventCount?: number | DecimalInput;
  /** Each event's summed field, needed only by percentage charges with minPerEvent/maxPerEvent. */
  eventValues?: DecimalInput[];
};

export type InvoiceLineKind = "flat" | "usage" | "commitment" | "credit" | "adjustment";

export type InvoiceLine = {
  kind: InvoiceLineKind;
  description: string;
  metric?: string;
  group?: Record<string, string>;
  quantity: Decimal;
  unitPrice?: Decimal;
  /** Rounded half-up to the currency's minor unit, once, after the whole line is computed. */
  amount: Decimal;
  periodStart: Date;
  periodEnd: Date;
  /** Index of the plan charge (flat or usage) the line comes from. */
  chargeIndex?: number;
};
