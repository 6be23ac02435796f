import { z } from "zod";
import type { ServiceContext } from "../context";
import type { Prisma } from "../db";
import type { TListQuery } from "../pagination";
import { AGING_BUCKETS, agingDueRange } from "../reports/aging";
import { projectedDraftTotals } from "./draft-totals";
import { INVOICE_STATUSES, invoiceInclude, toInvoiceView, type InvoiceView } from "./invoices";

/** The dashboard's invoice filters. */
export const ZInvoiceSearchFilter = z.object({
  /** Part of the customer's externalId, any case. */
  customer: z.string().trim().max(64, "must be at most 64 characters").optional(),
  status: z.enum(INVOICE_STATUSES, { error: `must be one of ${INVOICE_STATUSES.join(", ")}` }).optional(),
  /** Invoices whose period starts in this month, in the contract's time zone. */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month such as 2026-01")
    .optional(),
  /** Open invoices in dunning (the overview's "amount at risk"). */
  collection: z.enum(["dunning"], { error: "must be dunning" }).optional(),
  /** Open invoices in a receivables aging bucket today (the overview's aging). */
  aging: z.enum(AGING_BUCKETS, { error: `must be one of ${AGING_BUCKETS.join(", ")}` }).optional(),
});
export type TInvoiceSearchFilter = z.infer<typeof ZInvoiceSearchFilter>;

/** The filter as a Prisma condition, or null when nothing can match. */
export async function invoiceSearchWhere(ctx: ServiceContext, filter: TInvoiceSearchFilter): Promise<Prisma.InvoiceWhereInput | null> {
  const and: Prisma.InvoiceWhereInput[] = [{ organizationId: ctx.organizationId }];
  if (filter.status) and.push({ status: filter.status });
  if (filter.collection) and.push({ status: "open", collectionStatus: filter.collection });
  if (filter.aging) {
    const { after, atOrBefore } = agingDueRange(filter.aging, new Date());
    and.push({ status: "open" });
    // Only `current` is open at the top, and it holds invoices without a due date too.
    if (atOrBefore) and.push({ dueAt: { lte: atOrBefore, ...(after ? { gt: after } : {}) } });
    else and.push({ OR: [{ dueAt: null }, ...(after ? [{ dueAt: { gt: after } }] : [])] });
  }
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
    // The column holds UTC without a zone: it is made an instant first, then read in the contract's zone.
    const slack = 15 * 3_600_000;
    const rows = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT i.id FROM "Invoice" i JOIN "Contract" c ON c.id = i."contractId"
       WHERE i."organizationId" = $1 AND i."periodStart" >= $2 AND i."periodStart" < $3
         AND to_char((i."periodStart" AT TIME ZONE 'UTC') AT TIME ZONE c.timezone, 'YYYY-MM') = $4`,
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

export type InvoiceSearchHit = InvoiceView & { customerName: string; timezone: string };

/** The dashboard's invoice list: newest first; a draft shows the totals it will have (projectedDraftTotals). */
export async function searchInvoices(ctx: ServiceContext, query: TListQuery & TInvoiceSearchFilter): Promise<{ data: InvoiceSearchHit[]; nextCursor: string | null }> {
  const where = await invoiceSearchWhere(ctx, query);
  if (!where) return { data: [], nextCursor: null };
  const rows = await ctx.db.invoice.findMany({
    where: query.cursor ? { AND: [where, { id: { lt: query.cursor } }] } : where,
    include: invoiceInclude,
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const [customers, contracts] = await Promise.all([
    ctx.db.customer.findMany({
      where: { organizationId: ctx.organizationId, id: { in: [...new Set(page.map((r) => r.customerId))] } },
      select: { id: true, externalId: true, name: true },
    }),
    ctx.db.contract.findMany({ where: { organizationId: ctx.organizationId, id: { in: [...new Set(page.map((r) => r.contractId))] } }, select: { id: true, timezone: true } }),
  ]);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const zoneById = new Map(contracts.map((c) => [c.id, c.timezone]));
  return {
    data: page.map((row) => {
      const customer = customerById.get(row.customerId);
      return {
        ...toInvoiceView(row, customer?.externalId ?? ""),
        ...(row.status === "draft" ? projectedDraftTotals(row) : {}),
        customerName: customer?.name ?? "",
        timezone: zoneById.get(row.contractId) ?? "UTC",
      };
    }),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
