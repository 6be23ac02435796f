import { z } from "zod";
import { ZInstant } from "../customers/contract-schemas";

/**
 * A bound of a date range as a query string sends it: a day (`2026-01-31`, midnight UTC) or an
 * instant with its zone (`2026-01-31T12:00:00Z`).
 */
export const ZDateOrInstant = z.union([z.iso.date().transform((day) => new Date(`${day}T00:00:00.000Z`)), ZInstant], {
  error: "must be a date (2026-01-31) or an ISO 8601 timestamp with a zone (2026-01-31T00:00:00Z)",
});

/** `from` (inclusive) and `to` (exclusive), both optional; `to` must come after `from`. */
export const ZDateRange = z.object({ from: ZDateOrInstant.optional(), to: ZDateOrInstant.optional() });

export function refineDateRange<T extends { from?: Date; to?: Date }>(range: T, ctx: z.RefinementCtx) {
  if (range.from && range.to && range.to.getTime() <= range.from.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
}
