import { z } from "zod";
import { ZCode } from "../catalog/codes";
import { EARLIEST_INSTANT, LATEST_INSTANT, instantRange } from "../validation/limits";

export const BILLING_ANCHORS = ["calendar", "anniversary"] as const;
export const CANCELLATION_MODES = ["end_of_period", "immediate"] as const;
export const CONTRACT_STATUSES = ["scheduled", "active", "ended", "canceled", "past_due"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export type CancellationMode = (typeof CANCELLATION_MODES)[number];

/**
 * An instant on input: ISO 8601 with `Z` or an offset (a local time would be ambiguous), within
 * the years 2000–2099 (validation/limits.ts), so every period computed from it stays storable.
 */
export const ZInstant = z
  .iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp with a zone, such as 2026-01-01T00:00:00Z" })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() >= EARLIEST_INSTANT.getTime() && d.getTime() < LATEST_INSTANT.getTime(), `must be ${instantRange}`);

export const ZPlanVersionNumber = z.number({ error: "must be a version number" }).int("must be a whole number").min(1, "must be at least 1");

/**
 * `{ chargeIndex, …charge fields to replace }`: the fields are checked against the plan's charge
 * at that index with the catalog's charge schema by the service, which knows the plan.
 */
export const ZPriceOverride = z.looseObject({
  chargeIndex: z.number({ error: "must be the index of a charge of the plan" }).int("must be a whole number").min(0, "must not be negative"),
});
export type TPriceOverride = z.infer<typeof ZPriceOverride>;

const ZPriceOverrides = z.array(ZPriceOverride, { error: "must be a list of { chargeIndex, …fields }" }).max(50, "must hold at most 50 overrides");

export const ZCreateContract = z
  .object({
    planCode: ZCode,
    planVersion: ZPlanVersionNumber.optional(),
    startsAt: ZInstant,
    endsAt: ZInstant.nullish(),
    billingAnchor: z.enum(BILLING_ANCHORS, { error: "must be calendar or anniversary" }).default("calendar"),
    priceOverrides: ZPriceOverrides.default([]),
  })
  .superRefine((c, ctx) => {
    if (c.endsAt && c.endsAt.getTime() <= c.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: `must be after startsAt (${c.startsAt.toISOString()})` });
    }
  });
export type TCreateContract = z.infer<typeof ZCreateContract>;

export const ZCancelContract = z.object({
  at: ZInstant.optional(),
  mode: z.enum(CANCELLATION_MODES, { error: "must be end_of_period or immediate" }).default("end_of_period"),
});
export type TCancelContract = z.infer<typeof ZCancelContract>;

export const ZChangePlan = z.object({
  planCode: ZCode,
  planVersion: ZPlanVersionNumber.optional(),
  at: ZInstant.optional(),
  priceOverrides: ZPriceOverrides.default([]),
});
export type TChangePlan = z.infer<typeof ZChangePlan>;
