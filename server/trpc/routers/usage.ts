import { z } from "zod";
import { AGGREGATIONS } from "../../catalog/metric-schemas";
import { getCustomerUsage, ZCustomerUsageQuery } from "../../usage/customer-usage";
import { iso, ZTimestamp } from "../dto";
import { organizationReadProcedure, router } from "../init";

const ZUsageResponse = z.object({
  metric: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  from: ZTimestamp,
  to: ZTimestamp,
  data: z.array(z.object({ windowStart: ZTimestamp, windowEnd: ZTimestamp, group: z.record(z.string(), z.string().nullable()), value: z.string() })),
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
});
