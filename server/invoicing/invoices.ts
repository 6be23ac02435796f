import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import type { ServiceContext } from "../context";
import { withTransaction, type Prisma } from "../db";
import { Conflict, NotFound } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";

const include = { lines: { orderBy: { position: "asc" as const } }, } satisfies Prisma.InvoiceInclude;
type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof include }>;

export interface InvoiceView {
  id: string;
  number: string | null;
  customer: string;
  contractId: string;
  currency: string;
  status: InvoiceRow["status"];
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date | null;
  dueAt: Date | null;
  lines: {
    kind: InvoiceRow["lines"][number]["kind"];
    description: string;
    metric: string | null;
    group: Record<string, string> | null;
    quantity: string;
    unitPrice: string | null;
    amount: string;
    periodStart: Date;
    periodEnd: Date;
  }[];
  subtotal: string;
  creditsApplied: string;
  tax: string;
  total: string;
  amountDue: string;
  amountPaid: string;
  createdAt: Date;
}

/** Money leaves with exactly the currency's minor-unit digits; amountDue = total − credits − paid. */
export function toInvoiceView(row: InvoiceRow, customerExternalId: string): InvoiceView {
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  const amountDue = toDecimal(row.total.toFixed()).minus(toDecimal(row.creditsApplied.toFixed())).minus(toDecimal(row.amountPaid.toFixed()));
  return {
    id: row.id,
    number: row.number,
    customer: customerExternalId,
    contractId: row.contractId,
    currency: row.currency,
    status: row.status,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    lines: row.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      metric: l.metric,
      group: (l.group as Record<string, string> | null) ?? null,
      quantity: l.quantity.toFixed(),
      unitPrice: l.unitPrice?.toFixed() ?? null,
      amount: money(l.amount),
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
    })),
    subtotal: money(row.subtotal),
    creditsApplied: money(row.creditsApplied),
    tax: money(row.tax),
    total: money(row.total),
    amountDue: formatAmount(amountDue, row.currency),
    amountPaid: money(row.amountPaid),
    createdAt: row.createdAt,
  };
}

async function externalIds(ctx: ServiceContext, customerIds: string[]) {
  const rows = await ctx.db.customer.findMany({ where: { id: { in: [...new Set(customerIds)] } }, select: { id: true, externalId: true } });
  return new Map(rows.map((r) => [r.id, r.externalId]));
}

export async function getInvoiceOrThrow(ctx: ServiceContext, id: string): Promise<InvoiceView> {
  const row = await ctx.db.invoice.findFirst({ where: { id, organizationId: ctx.organizationId }, include });
  if (!row) throw new NotFound("Invoice", id);
  return toInvoiceView(row, (await externalIds(ctx, [row.customerId])).get(row.customerId) ?? "");
}

export async function listInvoices(ctx: ServiceContext, query: TListQuery & { customer?: string; status?: InvoiceRow["status"] }) {
  let customerId: string | undefined;
  if (query.customer) {
    const customer = await ctx.db.customer.findUnique({ where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId: query.customer } } });
    if (!customer) return { data: [], nextCursor: null };
    customerId = customer.id;
  }
  const page = pageQuery(query);
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, ...(customerId ? { customerId } : {}), ...(query.status ? { status: query.status } : {}), ...page.where },
    include,
    ...page.window,
  });
  const ids = await externalIds(ctx, rows.map((r) => r.customerId));
  return toPage(rows.map((r) => toInvoiceView(r, ids.get(r.customerId) ?? "")), query);
}

/** Drafts and open invoices can be voided; what was paid must be refunded with a credit note instead. */
export async function voidInvoice(ctx: ServiceContext, id: string, options: { now?: Date } = {}): Promise<InvoiceView> {
  await withTransaction(ctx.db, async (tx) => {
    const invoice = await tx.invoice.findFirst({ where: { id, organizationId: ctx.organizationId } });
    if (!invoice) throw new NotFound("Invoice", id);
    if (invoice.status !== "draft" && invoice.status !== "open") {
      throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only draft and open invoices can be voided`);
    }
    await tx.invoice.update({ where: { id }, data: { status: "void", voidedAt: options.now ?? new Date() } });
  });
  return getInvoiceOrThrow(ctx, id);
}
