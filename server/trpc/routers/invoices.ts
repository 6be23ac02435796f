import { z } from "zod";
import { toDecimal } from "../../billing/decimal";
import { formatAmount } from "../../billing/money";
import { computeInvoiceTotals } from "../../billing/totals";
import type { ServiceContext } from "../../context";
import { ZInstant } from "../../customers/contract-schemas";
import type { Prisma } from "../../db";
import { addInvoiceAdjustment, markInvoiceUncollectible, refreshInvoiceUsage, ZAdjustment } from "../../invoicing/draft-invoices";
import { finalizeInvoice } from "../../invoicing/finalize-invoice";
import { findInvoiceLabels } from "../../invoicing/invoice-labels";
import { getInvoiceOrThrow, listInvoices, toInvoiceView, voidInvoice, type InvoiceView } from "../../invoicing/invoices";
import { listBillingFailures, type BillingFailureView } from "../../invoicing/billing-failures";
import { runBilling } from "../../invoicing/run-billing";
import { getUpcomingInvoice } from "../../invoicing/upcoming-invoice";
import { NotFound } from "../../errors";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, isoOrNull, ZTimestamp } from "../dto";
import { operatorProcedure, organizationProcedure, organizationReadProcedure, router } from "../init";

const STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
const LINE_KINDS = ["flat", "usage", "commitment", "credit", "adjustment"] as const;

const ZInvoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  customer: z.string(),
  contractId: z.string(),
  currency: z.string(),
  status: z.enum(STATUSES),
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
  createdAt: ZTimestamp,
});

const toDto = (i: InvoiceView): z.infer<typeof ZInvoice> => ({
  ...i,
  periodStart: iso(i.periodStart),
  periodEnd: iso(i.periodEnd),
  issuedAt: isoOrNull(i.issuedAt),
  dueAt: isoOrNull(i.dueAt),
  createdAt: iso(i.createdAt),
  lines: i.lines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })),
});

const tags = ["Invoices"];

// ---------------------------------------------------------------------------------------------
// Dashboard-only reads (no REST path): the invoice list's filters and totals, an invoice's timeline.

const ZPeriodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month such as 2026-01");
const ZDashboardFilter = z.object({
  /** Part of the customer's externalId, any case. */
  customer: z.string().trim().max(64, "must be at most 64 characters").optional(),
  status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(", ")}` }).optional(),
  /** Invoices whose period starts in this month, in the contract's time zone. */
  period: ZPeriodMonth.optional(),
});
type TDashboardFilter = z.infer<typeof ZDashboardFilter>;

/** The filter as a Prisma condition, or null when nothing can match. */
async function dashboardWhere(ctx: ServiceContext, filter: TDashboardFilter): Promise<Prisma.InvoiceWhereInput | null> {
  const and: Prisma.InvoiceWhereInput[] = [{ organizationId: ctx.organizationId }];
  if (filter.status) and.push({ status: filter.status });
  if (filter.customer) {
    const customers = await ctx.db.customer.findMany({
      where: { organizationId: ctx.organizationId, externalId: { contains: filter.customer, mode: "insensitive" } },
      select: { id: true },
      take: 1000,
    });
    if (customers.length === 0) return null;
    and.push({ customerId: { in: customers.map((c) => c.id) } });
  }
  if (filter.period) {
    const [year = 0, month = 1] = filter.period.split("-").map(Number);
    // Periods are cut in the contract's zone (UTC−12 … UTC+14): look a little beyond the UTC month.
    const slack = 15 * 3_600_000;
    const rows = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT i.id FROM "Invoice" i JOIN "Contract" c ON c.id = i."contractId"
       WHERE i."organizationId" = $1 AND i."periodStart" >= $2 AND i."periodStart" < $3
         AND to_char(i."periodStart" AT TIME ZONE c.timezone, 'YYYY-MM') = $4`,
      ctx.organizationId,
      new Date(Date.UTC(year, month - 1, 1) - slack),
      new Date(Date.UTC(year, month, 1) + slack),
      filter.period,
    );
    if (rows.length === 0) return null;
    and.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { AND: and };
}

/**
 * A draft keeps tax and total at 0 until it is finalized (only its subtotal follows its lines), so the
 * dashboard shows what they will be: tax on the subtotal at the invoice's rate, credits not yet applied.
 */
function draftTotals(row: { subtotal: { toFixed(): string }; taxRate: { toFixed(): string }; amountPaid: { toFixed(): string }; currency: string }) {
  const totals = computeInvoiceTotals({ lines: [row.subtotal.toFixed()], taxRate: row.taxRate.toFixed(), currency: row.currency, amountPaid: row.amountPaid.toFixed() });
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  return { subtotal: money(totals.subtotal), tax: money(totals.tax), total: money(totals.total), amountDue: money(totals.amountDue) };
}
const ZDraftTotals = z.object({ subtotal: z.string(), tax: z.string(), total: z.string(), amountDue: z.string() });

const ZBillingFailure = z.object({ contractId: z.string(), customer: z.string(), message: z.string(), asOf: ZTimestamp, failedAt: ZTimestamp, attempts: z.number().int() });
const toFailureDto = (f: BillingFailureView) => ({ ...f, asOf: iso(f.asOf), failedAt: iso(f.failedAt) });

const ZDashboardInvoice = ZInvoice.extend({ customerName: z.string(), timezone: z.string() });
const TIMELINE_EVENTS = ["created", "finalized", "paid", "voided", "uncollectible"] as const;
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
    .input(ZListQuery.extend({ customer: z.string().max(64).optional(), status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(", ")}` }).optional() }))
    .output(ZPage(ZInvoice))
    .query(async ({ ctx, input }) => {
      const page = await listInvoices(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/invoices/{id}", tags, summary: "Get an invoice with its lines", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .query(async ({ ctx, input }) => toDto(await getInvoiceOrThrow(ctx.service, input.id))),

  finalize: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/finalize", tags, summary: "Finalize a draft: number, credits, open or paid", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await finalizeInvoice(ctx.service, input.id);
      return toDto(await getInvoiceOrThrow(ctx.service, input.id));
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
        lines: upcoming.lines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })),
      };
    }),

  addAdjustment: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/adjustments", tags, summary: "Add an adjustment line to a draft (negative for a discount)", protect: true }, successStatus: 201 })
    .input(ZInvoiceId.extend(ZAdjustment.shape))
    .output(ZInvoice)
    .mutation(async ({ ctx, input: { id, ...adjustment } }) => {
      await addInvoiceAdjustment(ctx.service, id, adjustment);
      return toDto(await getInvoiceOrThrow(ctx.service, id));
    }),

  refreshUsage: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/refresh-usage", tags, summary: "Recompute a draft's lines from current usage", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await refreshInvoiceUsage(ctx.service, input.id);
      return toDto(await getInvoiceOrThrow(ctx.service, input.id));
    }),

  markUncollectible: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/mark-uncollectible", tags, summary: "Write an open invoice off", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => {
      await markInvoiceUncollectible(ctx.service, input.id);
      return toDto(await getInvoiceOrThrow(ctx.service, input.id));
    }),

  void: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/void", tags, summary: "Void a draft or open invoice", protect: true } })
    .input(ZInvoiceId)
    .output(ZInvoice)
    .mutation(async ({ ctx, input }) => toDto(await voidInvoice(ctx.service, input.id))),

  /** The dashboard's invoice list: newest first, filtered by status, customer and period month. */
  search: organizationReadProcedure
    .input(ZListQuery.extend(ZDashboardFilter.shape))
    .output(ZPage(ZDashboardInvoice))
    .query(async ({ ctx, input }) => {
      const where = await dashboardWhere(ctx.service, input);
      if (!where) return { data: [], nextCursor: null };
      const rows = await ctx.service.db.invoice.findMany({
        where: input.cursor ? { AND: [where, { id: { lt: input.cursor } }] } : where,
        include: { lines: { orderBy: { position: "asc" } } },
        orderBy: { id: "desc" },
        take: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      const [customers, contracts] = await Promise.all([
        ctx.service.db.customer.findMany({ where: { id: { in: [...new Set(page.map((r) => r.customerId))] } }, select: { id: true, externalId: true, name: true } }),
        ctx.service.db.contract.findMany({ where: { id: { in: [...new Set(page.map((r) => r.contractId))] } }, select: { id: true, timezone: true } }),
      ]);
      const customerById = new Map(customers.map((c) => [c.id, c]));
      const zoneById = new Map(contracts.map((c) => [c.id, c.timezone]));
      return {
        data: page.map((row) => {
          const customer = customerById.get(row.customerId);
          const dto = toDto(toInvoiceView(row, customer?.externalId ?? ""));
          return { ...dto, ...(row.status === "draft" ? draftTotals(row) : {}), customerName: customer?.name ?? "", timezone: zoneById.get(row.contractId) ?? "UTC" };
        }),
        nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
      };
    }),

  /**
   * Counts and sums per status and currency of the invoices matching a filter (all pages), summed
   * exactly in PostgreSQL numeric; amountDue = Σ total + Σ creditedToBalance − Σ creditsApplied − Σ amountPaid − Σ amountCredited
   * (each invoice's is never negative, so the sums add up). Drafts
   * count with the totals they will have (see draftTotals).
   */
  summary: organizationReadProcedure
    .input(ZDashboardFilter.omit({ status: true }))
    .output(z.object({ data: z.array(z.object({ status: z.enum(STATUSES), currency: z.string(), count: z.number().int(), total: z.string(), amountDue: z.string() })) }))
    .query(async ({ ctx, input }) => {
      const where = await dashboardWhere(ctx.service, input);
      if (!where) return { data: [] };
      const groups = await ctx.service.db.invoice.groupBy({
        by: ["status", "currency"],
        where,
        _count: { _all: true },
        _sum: { total: true, creditedToBalance: true, creditsApplied: true, amountPaid: true, amountCredited: true },
        orderBy: [{ currency: "asc" }, { status: "asc" }],
      });
      const exact = (d: { toFixed(): string } | null) => toDecimal(d ? d.toFixed() : "0");
      const drafts = groups.some((g) => g.status === "draft")
        ? await ctx.service.db.invoice.findMany({ where: { AND: [where, { status: "draft" }] }, select: { currency: true, subtotal: true, taxRate: true, amountPaid: true } })
        : [];
      return {
        data: groups.map((g) => {
          if (g.status === "draft") {
            const mine = drafts.filter((d) => d.currency === g.currency).map(draftTotals);
            const sum = (key: "total" | "amountDue") => formatAmount(mine.reduce((acc, d) => acc.plus(toDecimal(d[key])), toDecimal("0")), g.currency);
            return { status: g.status, currency: g.currency, count: g._count._all, total: sum("total"), amountDue: sum("amountDue") };
          }
          return {
            status: g.status,
            currency: g.currency,
            count: g._count._all,
            total: formatAmount(exact(g._sum.total), g.currency),
            amountDue: formatAmount(exact(g._sum.total).plus(exact(g._sum.creditedToBalance)).minus(exact(g._sum.creditsApplied)).minus(exact(g._sum.amountPaid)).minus(exact(g._sum.amountCredited)), g.currency),
          };
        }),
      };
    }),

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
        events: z.array(z.object({ event: z.enum(TIMELINE_EVENTS), status: z.enum(STATUSES), at: ZTimestamp })),
        draftTotals: ZDraftTotals.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const row = await ctx.service.db.invoice.findFirst({ where: { id: input.id, organizationId: ctx.service.organizationId } });
      if (!row) throw new NotFound("Invoice", input.id);
      const [customer, contract] = await Promise.all([
        ctx.service.db.customer.findUnique({ where: { id: row.customerId }, select: { name: true, email: true } }),
        ctx.service.db.contract.findUnique({ where: { id: row.contractId }, select: { timezone: true } }),
      ]);
      // In lifecycle order, not by time: a billing run stamps finalizedAt with its own start, which
      // can precede the createdAt the database gave the invoice a moment later.
      type Event = { event: (typeof TIMELINE_EVENTS)[number]; status: (typeof STATUSES)[number]; at: Date };
      const events: Event[] = [{ event: "created", status: "draft", at: row.createdAt }];
      if (row.finalizedAt) events.push({ event: "finalized", status: "open", at: row.finalizedAt });
      if (row.paidAt) events.push({ event: "paid", status: "paid", at: row.paidAt });
      if (row.voidedAt) events.push({ event: "voided", status: "void", at: row.voidedAt });
      // No own timestamp: nothing changes an uncollectible invoice, so its last update is when it was written off.
      if (row.status === "uncollectible") events.push({ event: "uncollectible", status: "uncollectible", at: row.updatedAt });
      return {
        customerName: customer?.name ?? "",
        customerEmail: customer?.email ?? "",
        timezone: contract?.timezone ?? "UTC",
        taxRate: row.taxRate.toFixed(),
        events: events.map((e) => ({ ...e, at: iso(e.at) })),
        draftTotals: row.status === "draft" ? draftTotals(row) : null,
      };
    }),
});
