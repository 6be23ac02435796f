import { z } from "zod";
import { ZCode, ZDescription, ZName, ZPropertyName } from "./codes";

export const AGGREGATIONS = ["count", "sum", "max", "min", "latest", "unique_count", "avg"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** `{ property: [values] }`: only events whose property equals one of the values count. */
export const ZFilters = z.record(
  ZPropertyName,
  z.array(z.string().max(200), { error: "must be a list of values" }).min(1, "must list at least one value").max(500),
);

export const ZGroupBy = z
  .array(ZPropertyName)
  .max(5, "must hold at most 5 dimensions")
  .refine((g) => new Set(g).size === g.length, "must not repeat a dimension");

export const ZCreateMetric = z.object({
  code: ZCode,
  name: ZName,
  description: ZDescription,
  eventType: ZCode,
  aggregation: z.enum(AGGREGATIONS, { error: `must be one of ${AGGREGATIONS.join(", ")}` }),
  field: ZPropertyName.nullish(),
  filters: ZFilters.default({}),
  groupBy: ZGroupBy.default([]),
});
export type TCreateMetric = z.infer<typeof ZCreateMetric>;

export const ZUpdateMetric = z.object({ name: ZName.optional(), description: ZDescription });
export type TUpdateMetric = z.infer<typeof ZUpdateMetric>;
