import { z } from "zod";
import { isCurrencyCode, isRoundedTo, minorUnits } from "../billing/money";
import type { Charge, Commitment } from "../billing/types";
import type { FieldIssue } from "../errors";
import { ZDecimal, ZPositiveDecimal } from "../validation/decimal";
import { ZCode, ZDescription, ZName } from "./codes";
import { ZFilters, ZGroupBy } from "./metric-schemas";

export const INTERVALS = ["week", "month", "quarter", "year"] as const;
export const CHARGE_MODELS = ["per_unit", "graduated", "volume", "package", "percentage"] as const;

export const ZCurrency = z
  .string({ error: "is required" })
  .transform((c) => c.trim().toUpperCase())
  .refine(isCurrencyCode, "must be an ISO 4217 currency code such as USD");

type DecimalSchema = z.ZodType<string, string | number>;

/**
 * Charges are described once and built twice: for input (decimal strings or numbers, checked and
 * canonicalized) and for output (plain strings, as OpenAPI output schemas cannot hold transforms).
 */
function buildChargeSchemas(dec: DecimalSchema, posDec: DecimalSchema) {
  const tier = z.object({
    upTo: dec.nullable(),
    unitPrice: dec,
    flatFee: dec.optional(),
  });

  const tiers = z
    .array(tier)
    .min(1, "must hold at least one tier")
    .max(100, "must hold at most 100 tiers")
    .superRefine((tiers, ctx) => {
      let previous: string | null = null;
      tiers.forEach((tier, i) => {
        const last = i === tiers.length - 1;
        if (tier.upTo === null) {
          if (!last) ctx.addIssue({ code: "custom", path: [i, "upTo"], message: "may be null (no upper bound) on the last tier only" });
          return;
        }
        if (last) ctx.addIssue({ code: "custom", path: [i, "upTo"], message: "must be null on the last tier, so every quantity has a price" });
        if (previous !== null && compareDecimal(tier.upTo, previous) <= 0) {
          ctx.addIssue({ code: "custom", path: [i, "upTo"], message: `must be greater than the previous tier's upTo (${previous})` });
        }
        previous = tier.upTo;
      });
    });

  const usageBase = {
    type: z.literal("usage"),
    name: z.string().trim().max(200).optional(),
    metric: ZCode,
    filters: ZFilters.optional(),
    groupBy: ZGroupBy.optional(),
  };

  const perUnit = z.object({ ...usageBase, model: z.literal("per_unit"), unitPrice: dec });
  const graduated = z.object({ ...usageBase, model: z.literal("graduated"), tiers: tiers });
  const volume = z.object({ ...usageBase, model: z.literal("volume"), tiers: tiers });
  const packageModel = z.object({
    ...usageBase,
    model: z.literal("package"),
    packageSize: posDec,
    packagePrice: dec,
    freeUnits: dec.optional(),
  });
  const percentage = z
    .object({
      ...usageBase,
      model: z.literal("percentage"),
      rate: dec.refine((r: string) => compareDecimal(r, "1") <= 0, "must be a fraction between 0 and 1 (0.02 is 2 %)"),
      fixedFeePerEvent: dec.optional(),
      freeUnits: dec.optional(),
      minPerEvent: dec.optional(),
      maxPerEvent: dec.optional(),
    })
    .superRefine((c, ctx) => {
      if (c.minPerEvent !== undefined && c.maxPerEvent !== undefined && compareDecimal(c.minPerEvent, c.maxPerEvent) > 0) {
        ctx.addIssue({ code: "custom", path: ["minPerEvent"], message: `must not exceed maxPerEvent (${c.maxPerEvent})` });
      }
      if ((c.minPerEvent !== undefined || c.maxPerEvent !== undefined) && c.freeUnits !== undefined) {
        ctx.addIssue({ code: "custom", path: ["freeUnits"], message: "is not allowed together with minPerEvent/maxPerEvent" });
      }
    });

  const usageCharge = z.discriminatedUnion("model", [perUnit, graduated, volume, packageModel, percentage], {
    error: `model must be one of ${CHARGE_MODELS.join(", ")}`,
  });

  const flatCharge = z.object({
    type: z.literal("flat"),
    name: ZName,
    amount: dec,
    timing: z.enum(["advance", "arrears"], { error: "must be advance or arrears" }).default("advance"),
    prorate: z.boolean().default(true),
  });

  const charge = z.discriminatedUnion("type", [flatCharge, usageCharge], { error: "type must be flat or usage" });

  const commitment = z.object({
    type: z.enum(["minimum", "prepaid"], { error: "must be minimum or prepaid" }),
    amount: posDec,
  });
  return { charge, commitment, usageCharge, flatCharge };
}

/** Compares two canonical non-negative decimal strings without floating point. */
function compareDecimal(a: string, b: string): number {
  const [ai = "0", af = ""] = a.split(".");
  const [bi = "0", bf = ""] = b.split(".");
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, "0");
  const fb = bf.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * The engine owns the charge type (billing/types.ts) and must not import the catalog, so the
 * schemas are checked against it instead: this compiles only when a schema parses to exactly `T`.
 */
const producing =
  <T>() =>
  <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : never)): S =>
    schema;

const input = buildChargeSchemas(ZDecimal, ZPositiveDecimal);
const output = buildChargeSchemas(z.string(), z.string());
// Stored rows keep the bounds of the app version that wrote them (amounts were not always capped),
// so reading checks their shape and decimal syntax only: a row too large to bill is billing's to report.
const storedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal string");
const stored = buildChargeSchemas(storedDecimal, storedDecimal);

export const ZCharge = producing<Charge>()(input.charge);
export const ZCommitment = producing<Commitment>()(input.commitment);
/** Response shapes (no transforms): what GET returns. */
export const ZChargeOut = producing<Charge>()(output.charge);
export const ZCommitmentOut = producing<Commitment>()(output.commitment);
/** What a stored plan version or merged contract override is read with (catalog/plan-version-row.ts). */
export const ZStoredCharge = producing<Charge>()(stored.charge);
export const ZStoredCommitment = producing<Commitment>()(stored.commitment);

const planTerms = {
  name: ZName,
  description: ZDescription,
  currency: ZCurrency,
  interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }),
  trialDays: z.number().int("must be a whole number of days").min(0, "must not be negative").max(3650).default(0),
  commitment: ZCommitment.nullish(),
  charges: z.array(ZCharge).min(1, "must hold at least one charge").max(50, "must hold at most 50 charges"),
};

export const ZPlanVersionInput = z.object(planTerms);
export type TPlanVersionInput = z.infer<typeof ZPlanVersionInput>;

export const ZCreatePlan = z.object({ code: ZCode, ...planTerms });
export type TCreatePlan = z.infer<typeof ZCreatePlan>;

/**
 * Money a plan bills as such (flat fees, commitments, tier flat fees, package prices) carries at
 * most the currency's minor unit (USD "5.001" is refused); unit prices, rates and per-event fees
 * keep up to 12 decimal places. `path` prefixes each issue ("charges.0.amount", "priceOverrides.1.amount").
 */
export function findMinorUnitIssues(currency: string, items: { path: string; charge?: Charge; commitment?: Commitment | null }[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (path: string, value: string | undefined | null) => {
    if (value != null && !isRoundedTo(value, currency)) issues.push({ path, message: `must have at most ${minorUnits(currency)} decimal places for ${currency}` });
  };
  for (const { path, charge, commitment } of items) {
    if (commitment) check(`${path}amount`, commitment.amount);
    if (!charge) continue;
    if (charge.type === "flat") check(`${path}amount`, charge.amount);
    else if (charge.model === "package") check(`${path}packagePrice`, charge.packagePrice);
    else if (charge.model === "graduated" || charge.model === "volume") charge.tiers.forEach((tier, t) => check(`${path}tiers.${t}.flatFee`, tier.flatFee));
  }
  return issues;
}
