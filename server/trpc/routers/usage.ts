import { z } from "zod";
import { AGGREGATIONS } from "../../catalog/metric-schemas";
import { getCustomerUsage, ZCustomerUsageQuery } from "../../usage/customer-usage";
import { listRecentEvents, listRecentRejections, ZRecentUsageQuery } from "../../usage/event-debugger";
import { iso, ZTimestamp } from "../dto";
import { operatorProcedure, organizationReadProcedure, router } from "../init";

const ZUsageResponse = z.object({
  metric: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  from: ZTimestamp,
  to: ZTimestamp,
  data: z.array(z.object({ windowStart: ZTimestamp, windowEnd: ZTimestamp, group: z.record(z.string(), z.string().nullable()), value: z.string() })),
});

const ZRecentEvent = z.object({
  id: z.string(),
  eventId: z.string(),
  customer: z.string(),
  type: z.string(),
  timestamp: ZTimestamp,
  receivedAt: ZTimestamp,
  properties: z.record(z.string(), z.unknown()),
});

const ZRecentRejection = z.object({
  id: z.string(),
  eventId: z.string().nullable(),
  customer: z.string().nullable(),
  type: z.string().nullable(),
  message: z.string(),
  payload: z.unknown(),
  createdAt: ZTimestamp,
});

export const usageRouter = router({
  customerUsage: organizationReadProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/customers/{externalId}/usage",
        tags: ["Usage"],
        summary: "A metric's usage for a customer, by window (hour/day in the customer's time zone) and group",
        protect: true,
      },
    })
    .input(ZCustomerUsageQuery)
    .output(ZUsageResponse)
    .query(async ({ ctx, input }) => {
      const usage = await getCustomerUsage(ctx.service, input);
      return {
        ...usage,
        from: iso(usage.from),
        to: iso(usage.to),
        data: usage.data.map((d) => ({ ...d, windowStart: iso(d.windowStart), windowEnd: iso(d.windowEnd) })),
      };
    }),

  /** Event debugger (dashboard only): the most recent accepted events, newest first. */
  recentEvents: operatorProcedure
    .input(ZRecentUsageQuery)
    .output(z.object({ data: z.array(ZRecentEvent) }))
    .query(async ({ ctx, input }) => {
      const events = await listRecentEvents(ctx.service, input);
      return { data: events.map((e) => ({ ...e, timestamp: iso(e.timestamp), receivedAt: iso(e.receivedAt) })) };
    }),

  /** Event debugger (dashboard only): the most recent refused events with their reasons. */
  recentRejections: operatorProcedure
    .input(ZRecentUsageQuery)
    .output(z.object({ data: z.array(ZRecentRejection) }))
    .query(async ({ ctx, input }) => {
      const rejections = await listRecentRejections(ctx.service, input);
      return { data: rejections.map((r) => ({ ...r, createdAt: iso(r.createdAt) })) };
    }),
});
