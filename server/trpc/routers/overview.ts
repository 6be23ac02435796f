import { z } from "zod";
import { AGING_BUCKETS } from "../../reports/aging";
import { getOverview } from "../../reports/overview";
import { iso, ZTimestamp } from "../dto";
import { operatorProcedure, router } from "../init";

const money = z.string().describe("A decimal string in the currency");
const ZCurrencyOverview = z.object({
  currency: z.string(),
  mrr: money,
  contracts: z.number().int(),
  months: z.array(z.object({ month: z.string(), billed: money, collected: money, outstanding: money })),
  receivable: money,
  aging: z.array(z.object({ bucket: z.enum(AGING_BUCKETS), label: z.string(), amount: money, invoices: z.number().int() })),
  dunning: z.object({ invoices: z.number().int(), amountAtRisk: money }),
  topCustomers: z.array(z.object({ externalId: z.string(), name: z.string(), billed: money, invoices: z.number().int() })),
});
const ZRunningOut = z.object({ externalId: z.string(), name: z.string(), currency: z.string(), balance: money, consumedLast7Days: money, daysLeft: z.string() });
const ZUsageTrend = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(["sum", "count", "max", "min", "avg", "events"]),
  days: z.array(z.object({ day: z.string(), value: z.string() })),
  last7: z.string(),
  previous7: z.string(),
});

export const overviewRouter = router({
  get: operatorProcedure
    .input(z.void())
    .output(z.object({ asOf: ZTimestamp, months: z.array(z.string()), currencies: z.array(ZCurrencyOverview), runningOut: z.array(ZRunningOut), usage: z.array(ZUsageTrend) }))
    .query(async ({ ctx }) => {
      const overview = await getOverview(ctx.service, { reuseEndedMonths: true });
      return { ...overview, asOf: iso(overview.asOf) };
    }),
});
