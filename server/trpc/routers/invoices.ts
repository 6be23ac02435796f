import { z } from "zod";
import { ZInstant } from "../../customers/contract-schemas";
import { addInvoiceAdjustment, markInvoiceUncollectible, refreshInvoiceUsage, ZAdjustment } from "../../invoicing/draft-invoices";
import { finalizeInvoice } from "../../invoicing/finalize-invoice";
import { getInvoiceDetailsOrThrow, INVOICE_TIMELINE_EVENTS } from "../../invoicing/invoice-details";
import { findInvoiceLabels } from "../../invoicing/invoice-labels";
import { searchInvoices, ZInvoiceSearchFilter } from "../../invoicing/invoice-search";
import { summarizeInvoices } from "../../invoicing/invoice-summary";
import { getInvoiceOrThrow, INVOICE_STATUSES, listInvoices, voidInvoice, type InvoiceView } from "../../invoicing/invoices";
import { listBillingFailures, type BillingFailureView } from "../../invoicing/billing-failures";
import { runBilling } from "../../invoicing/run-billing";
import { getUpcomingInvoice } from "../../invoicing/upcoming-invoice";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { operatorProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const LINE_KINDS = ["flat", "usage", "commitment", "credit", "adjustment"] as const;
const COLLECTION_STATUSES = ["none", "collecting", "dunning", "paid", "uncollectible"] as const;

export const ZInvoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  customer: z.string(),
  contractId: z.string(),
  currency: z.string(),
  status: z.enum(INVOICE_STATUSES),
  periodStart: ZTimestamp,
  periodEnd: ZTimestamp,
  issuedAt: ZTimestamp.nullable(),
  dueAt: ZTimestamp.nullable(),
  lines: z.array(
    z.object({
      kind: z.enum(LINE_KINDS),
      description: z.string(),
      metric: z.string().nullable(),
      group: z.record(z.string(), z.string()).nullable(),
      quantity: z.string(),
      unitPrice: z.string().nullable(),
      amount: z.string(),
      periodStart: ZTimestamp,
      periodEnd: ZTimestamp,
    }),
  ),
  subtotal: z.string(),
  creditsApplied: z.string(),
  tax: z.string(),
  total: z.string(),
  amountDue: z.string(),
  amountPaid: z.string(),
  amountCredited: z.string(),
  creditedToBalance: z.string().describe("A negative total granted to the customer's credit balance at finalize; amountDue is never negative."),
  collectionStatus: z.enum(COLLECTION_STATUSES),
  nextPaymentAttemptAt: ZTimestamp.nullable(),
  paymentAttempts: z.number().int(),
  disputedAt: ZTimestamp.nullable().describe("Set while a dispute of one of its payments is open, or after one was lost"),
  createdAt: ZTimestamp,
});

export const toInvoiceDto = (i: InvoiceView): z.infer<typeof ZInvoice> => ({
  ...i,
  periodStart: iso(i.periodStart),
  periodEnd: iso(i.periodEnd),
  issuedAt: isoOrNull(i.issuedAt),
  dueAt: isoOrNull(i.dueAt),
  nextPaymentAttemptAt: isoOrNull(i.nextPaymentAttemptAt),
  disputedAt: isoOrNull(i.disputedAt),
  createdAt: iso(i.createdAt),
  lines: i.lines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })),
});

const tags = ["Invoices"];

const ZDraftTotals = z.object({ subtotal: z.string(), tax: z.string(), total: z.string(), amountDue: z.string() });

const ZBillingFailure = z.object({ contractId: z.string(), customer: z.string(), message: z.string(), asOf: ZTimestamp, failedAt: ZTimestamp, attempts: z.number().int() });
const toFailureDto = (f: BillingFailureView) => ({ ...f, asOf: iso(f.asOf), failedAt: iso(f.failedAt) });

const ZDashboardInvoice = ZInvoice.extend({ customerName: z.string(), timezone: z.string() });
const ZInvoiceId = z.object({ id: z.string().min(1).max(64) });

export const invoicesRouter = router({
  runBilling: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/billing-runs", tags: ["Billing runs"], summary: "Invoice every contract period ended at or before asOf (idempotent)", protect: true } })
    .input(z.object({ asOf: ZInstant.optional() }))
    .output(
      z.object({
        invoicesCreated: z.number().int(),
        invoiceIds: z.array(z.string()),
        failures: z.array(ZBillingFailure).optional().describe("Contracts that could not be billed, with why; every other contract was billed. Absent when none."),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { failures, ...result } = await runBilling(ctx.service, input);
      return { ...result, ...(failures ? { failures: failures.map(toFailureDto) } : {}) };
    }),

  billingFailures: operatorProcedure
    .output(z.object({ data: z.array(ZBillingFailure) }))
    .query(async ({ ctx }) => ({ data: (await listBillingFailures(ctx.service)).map(toFailureDto) })),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/invoices", tags, summary: "List invoices, by customer and status", protect: true } })
    .input(ZListQuery.extend({ customer: z.string().max(64).optional(), status: z.enum(INVOICE_STATUSES, { error: `must be one of ${INVOICE_STATUSES.join(", ")}` }).optional() }))
    .output(ZPage(ZInvoice))
    .query(async ({ ctx, input }) => {
      const page = await listInvoices(ctx.service, input);
      return { data: page.data.map(toInvoiceDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/invoices/{id}", tags, summary: "Get an invoice with its lines", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .query(async ({ ctx, input }) => toInvoiceDto(await getInvoiceOrThrow(ctx.service, input.id))),

  finalize: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/finalize", tags, summary: "Finalize a draft: number, credits, open or paid", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await finalizeInvoice(ctx.service, input.id);
      return toInvoiceDto(await getInvoiceOrThrow(ctx.service, input.id));
    }),

  upcoming: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/customers/{externalId}/upcoming-invoice", tags, summary: "The invoice the current period would produce now", protect: true } })
    .input(z.object({ externalId: z.string().min(1).max(64), contractId: z.string().max(64).optional() }))
    .output(ZInvoice.omit({ id: true, createdAt: true }).extend({ id: z.null() }))
    .query(async ({ ctx, input }) => {
      const upcoming = await getUpcomingInvoice(ctx.service, input);
      return {
        ...upcoming,
        periodStart: iso(upcoming.periodStart),
        periodEnd: iso(upcoming.periodEnd),
        issuedAt: null,
        dueAt: null,
        nextPaymentAttemptAt: null,
        disputedAt: null,
        lines: upcoming.lines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })),
      };
    }),

  addAdjustment: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/adjustments", tags, summary: "Add an adjustment line to a draft (negative for a discount)", protect: true }, successStatus: 201 })
    .input(ZInvoiceId.extend(ZAdjustment.shape))
    .output(ZInvoice)
    .mutation(async ({ ctx, input: { id, ...adjustment } }) => {
      await addInvoiceAdjustment(ctx.service, id, adjustment);
      return toInvoiceDto(await getInvoiceOrThrow(ctx.service, id));
    }),

  refreshUsage: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/refresh-usage", tags, summary: "Recompute a draft's lines from current usage", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await refreshInvoiceUsage(ctx.service, input.id);
      return toInvoiceDto(await getInvoiceOrThrow(ctx.service, input.id));
    }),

  markUncollectible: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/mark-uncollectible", tags, summary: "Write an open invoice off", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await markInvoiceUncollectible(ctx.service, input.id);
      return toInvoiceDto(await getInvoiceOrThrow(ctx.service, input.id));
    }),

  void: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/void", tags, summary: "Void a draft, open or uncollectible invoice", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => toInvoiceDto(await voidInvoice(ctx.service, input.id))),

  /** The dashboard's invoice list: newest first, filtered by status, customer and period month. */
  search: organizationReadProcedure
    .input(ZListQuery.extend(ZInvoiceSearchFilter.shape))
    .output(ZPage(ZDashboardInvoice))
    .query(async ({ ctx, input }) => {
      const page = await searchInvoices(ctx.service, input);
      return { data: page.data.map((hit) => ({ ...toInvoiceDto(hit), customerName: hit.customerName, timezone: hit.timezone })), nextCursor: page.nextCursor };
    }),

  /** Counts and sums per status and currency of the invoices matching a filter (all pages). */
  summary: organizationReadProcedure
    .input(ZInvoiceSearchFilter.omit({ status: true }))
    .output(z.object({ data: z.array(z.object({ status: z.enum(INVOICE_STATUSES), currency: z.string(), count: z.number().int(), total: z.string(), amountDue: z.string() })) }))
    .query(async ({ ctx, input }) => ({ data: await summarizeInvoices(ctx.service, input) })),

  /** Numbers and kinds (opening or closing) of invoices, for pages that show invoices by id (the balance history). */
  labels: organizationReadProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(64)).max(500) }))
    .output(z.object({ data: z.array(z.object({ id: z.string(), number: z.string().nullable(), kind: z.enum(["opening", "closing"]) })) }))
    .query(async ({ ctx, input }) => ({ data: await findInvoiceLabels(ctx.service, input.ids) })),

  /**
   * What the invoice page shows beside the invoice: the customer, the contract's zone, the status
   * history from the invoice's timestamps, and a draft's totals to be.
   */
  details: organizationReadProcedure
    .input(ZInvoiceId)
    .output(
      z.object({
        customerName: z.string(),
        customerEmail: z.string(),
        timezone: z.string(),
        /** The tax rate the invoice was issued with, e.g. "0.2". */
        taxRate: z.string(),
        events: z.array(z.object({ event: z.enum(INVOICE_TIMELINE_EVENTS), status: z.enum(INVOICE_STATUSES), at: ZTimestamp })),
        draftTotals: ZDraftTotals.nullable(),
        reminders: z.array(z.object({ offset: z.number().int(), subject: z.string(), to: z.string(), createdAt: ZTimestamp, sentAt: ZTimestamp.nullable() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const details = await getInvoiceDetailsOrThrow(ctx.service, input.id);
      return {
        ...details,
        events: details.events.map((e) => ({ ...e, at: iso(e.at) })),
        reminders: details.reminders.map((r) => ({ ...r, createdAt: iso(r.createdAt), sentAt: isoOrNull(r.sentAt) })),
      };
    }),
});
