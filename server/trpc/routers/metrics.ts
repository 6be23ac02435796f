import { z } from "zod";
import { ZCode } from "../../catalog/codes";
import { AGGREGATIONS, ZCreateMetric, ZUpdateMetric } from "../../catalog/metric-schemas";
import { createMetric, getMetricOrThrow, listMetrics, setMetricArchived, updateMetric, type MetricView } from "../../catalog/metrics";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { adminProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const ZMetric = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  eventType: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  field: z.string().nullable(),
  filters: z.record(z.string(), z.array(z.string())),
  groupBy: z.array(z.string()),
  archivedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const toDto = (m: MetricView): z.infer<typeof ZMetric> => ({
  ...m,
  archivedAt: isoOrNull(m.archivedAt),
  createdAt: iso(m.createdAt),
  updatedAt: iso(m.updatedAt),
});

const tags = ["Metrics"];

export const metricsRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/metrics", tags, summary: "Create a billable metric", protect: true }, successStatus: 201 })
    .input(ZCreateMetric)
    .output(ZMetric)
    .mutation(async ({ ctx, input }) => toDto(await createMetric(ctx.service, input))),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/metrics", tags, summary: "List billable metrics", protect: true } })
    .input(ZListQuery.extend({ includeArchived: z.stringbool().optional(), eventType: ZCode.optional() }))
    .output(ZPage(ZMetric))
    .query(async ({ ctx, input }) => {
      const page = await listMetrics(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/metrics/{code}", tags, summary: "Get a billable metric", protect: true } })
    .input(z.object({ code: ZCode }))
    .output(ZMetric)
    .query(async ({ ctx, input }) => toDto(await getMetricOrThrow(ctx.service, input.code))),

  update: organizationProcedure
    .meta({ openapi: { method: "PATCH", path: "/metrics/{code}", tags, summary: "Rename or describe a metric", protect: true } })
    .input(ZUpdateMetric.extend({ code: ZCode }))
    .output(ZMetric)
    .mutation(async ({ ctx, input: { code, ...changes } }) => toDto(await updateMetric(ctx.service, code, changes))),

  setArchived: adminProcedure
    .input(z.object({ code: ZCode, archived: z.boolean() }))
    .output(ZMetric)
    .mutation(async ({ ctx, input }) => toDto(await setMetricArchived(ctx.service, input.code, input.archived))),
});
