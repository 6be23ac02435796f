import { z } from "zod";
import { ZInstant } from "../../customers/contract-schemas";
import { ZListQuery, ZPage } from "../../pagination";
import { MISMATCH_KINDS } from "../../reconciliation/matching";
import { MAX_RANGE_DAYS } from "../../reconciliation/range";
import { runReconciliation } from "../../reconciliation/run-reconciliation";
import { getReconciliationRunOrThrow, listReconciliationRuns, listRecentReconciliationRuns, type ReconciliationItemView, type ReconciliationRunView } from "../../reconciliation/runs";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { operatorProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const ZRun = z.object({
  id: z.string(),
  from: ZTimestamp.describe("Start of the range compared (inclusive)"),
  to: ZTimestamp.describe("End of the range compared (exclusive)"),
  trigger: z.enum(["schedule", "manual"]).describe("schedule: the daily job (the UTC day before); manual: the dashboard or this API"),
  requestedBy: z.string().nullable(),
  status: z.enum(["succeeded", "failed"]).describe("failed: a gateway's books could not be read, and nothing was compared (see error)"),
  error: z.string().nullable(),
  checked: z.object({ payments: z.number().int(), refunds: z.number().int(), gatewayTransactions: z.number().int(), invoices: z.number().int() }),
  rechecked: z.object({ payments: z.number().int().describe("Stuck payments asked about again"), settled: z.number().int().describe("Of those, settled by the gateway's answer") }),
  itemCount: z.number().int(),
  newItemCount: z.number().int().describe("Mismatches no earlier run had reported; the operators are e-mailed about these"),
  openItemCount: z.number().int(),
  startedAt: ZTimestamp,
  finishedAt: ZTimestamp,
});
const toRunDto = (r: ReconciliationRunView): z.infer<typeof ZRun> => ({ ...r, from: iso(r.from), to: iso(r.to), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt) });

const ZItem = z.object({
  id: z.string(),
  kind: z
    .enum(MISMATCH_KINDS)
    .describe(
      "unconfirmed_payment / unconfirmed_refund: succeeded here, absent from the gateway's books; unrecorded_charge / unrecorded_refund: in the gateway's books, with no succeeded payment or refund here; amount_mismatch: a different amount or currency; invoice_amount_paid: amountPaid is not payments minus refunds; stuck_payment: still pending after the 5 minute and 1 hour re-checks",
    ),
  status: z.enum(["open", "resolved"]),
  isNew: z.boolean().describe("No earlier run had reported it"),
  description: z.string(),
  expectedAmount: z.string().nullable().describe("What our records say"),
  expectedCurrency: z.string().nullable(),
  foundAmount: z.string().nullable().describe("What the gateway (or the invoice's amountPaid) says"),
  foundCurrency: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  paymentId: z.string().nullable(),
  refundId: z.string().nullable(),
  gatewayObjectId: z.string().nullable(),
  occurredAt: ZTimestamp,
  resolvedAt: ZTimestamp.nullable(),
});
const toItemDto = (i: ReconciliationItemView): z.infer<typeof ZItem> => ({ ...i, occurredAt: iso(i.occurredAt), resolvedAt: isoOrNull(i.resolvedAt) });

const ZRunWithItems = ZRun.extend({ items: z.array(ZItem) });
const tags = ["Reconciliation"];

export const reconciliationRouter = router({
  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/reconciliation-runs", tags, summary: "List reconciliation runs, oldest first", protect: true } })
    .input(ZListQuery)
    .output(ZPage(ZRun))
    .query(async ({ ctx, input }) => {
      const page = await listReconciliationRuns(ctx.service, input);
      return { data: page.data.map(toRunDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/reconciliation-runs/{id}", tags, summary: "A reconciliation run with its mismatches", protect: true } })
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(ZRunWithItems)
    .query(async ({ ctx, input }) => {
      const run = await getReconciliationRunOrThrow(ctx.service, input.id);
      return { ...toRunDto(run), items: run.items.map(toItemDto) };
    }),

  /** The dashboard's list: newest first. */
  recent: operatorProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ data: z.array(ZRun) }))
    .query(async ({ ctx, input }) => ({ data: (await listRecentReconciliationRuns(ctx.service, input.limit)).map(toRunDto) })),

  run: organizationProcedure
    .meta({
      openapi: { method: "POST", path: "/reconciliation-runs", tags, summary: `Reconcile [from, to) now: at most ${MAX_RANGE_DAYS} days, not later than now`, protect: true },
      successStatus: 201,
    })
    .input(z.object({ from: ZInstant, to: ZInstant }))
    .output(ZRunWithItems)
    .mutation(async ({ ctx, input }) => {
      const run = await getReconciliationRunOrThrow(ctx.service, await runReconciliation(ctx.service, input));
      return { ...toRunDto(run), items: run.items.map(toItemDto) };
    }),
});
