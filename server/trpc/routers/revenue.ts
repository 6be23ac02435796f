import { z } from "zod";
import { isMonth } from "../../ledger/months";
import { closePeriod, listClosedPeriods, type PeriodCloseView } from "../../ledger/period-close";
import { getRevenueReport } from "../../ledger/revenue-report";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZMonth = z.string().refine(isMonth, "must be a month written YYYY-MM, such as 2026-11");
const amount = (what: string) => z.string().describe(what);
const ZFigures = z.object({
  currency: z.string(),
  billed: amount("Σ subtotal of invoices finalized in the month (voided since or not)"),
  voided: amount("Σ subtotal of finalized invoices voided in the month"),
  recognized: amount("Net credit of revenue_usage, revenue_subscription and revenue_commitment posted in the month"),
  contraRevenue: amount("Net debit of refunds_contra_revenue posted in the month (credit notes, refunds)"),
  deferred: amount("deferred_revenue balance at the month's end"),
  collected: amount("Payments in minus refunds and lost disputes out, posted in the month"),
  outstanding: amount("What invoices still owed at the month's end (their receivable)"),
});
const ZPeriod = z.object({ month: z.string(), closedAt: ZTimestamp, closedBy: z.string().nullable().describe("The operator's e-mail, or the API key that closed it") });
const toPeriodDto = (p: PeriodCloseView) => ({ ...p, closedAt: iso(p.closedAt) });

export const revenueRouter = router({
  report: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/reports/revenue", tags: ["Reports"], summary: "A month's revenue per currency: billed, recognized, deferred, collected, outstanding (UTC month)", protect: true } })
    .input(z.object({ month: ZMonth }))
    .output(z.object({ month: z.string(), from: ZTimestamp, to: ZTimestamp, closed: z.boolean(), currencies: z.array(ZFigures) }))
    .query(async ({ ctx, input }) => {
      const report = await getRevenueReport(ctx.service, input.month);
      return { ...report, from: iso(report.from), to: iso(report.to) };
    }),

  periods: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/ledger/periods", tags: ["Ledger"], summary: "Closed months, latest first", protect: true } })
    .input(ZListQuery)
    .output(ZPage(ZPeriod))
    .query(async ({ ctx, input }) => {
      const page = await listClosedPeriods(ctx.service, input);
      return { data: page.data.map(toPeriodDto), nextCursor: page.nextCursor };
    }),

  closePeriod: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/ledger/periods/{month}/close", tags: ["Ledger"], summary: "Close an ended month: nothing posts into it any more (months close in order)", protect: true } })
    .input(z.object({ month: ZMonth }))
    .output(ZPeriod)
    .mutation(async ({ ctx, input }) => toPeriodDto(await closePeriod(ctx.service, input.month))),
});
