import { recordAudit } from "../audit";
import { toDecimal } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { invoiceAmountDue } from "../billing/totals";
import type { ServiceContext } from "../context";
import { customerIdForFilter, externalIdsById } from "../customers/customer-lookup";
import { withTransaction, type Prisma } from "../db";
import { grantCredits } from "../customers/credits";
import { releasePastDue, releaseUsageBlock } from "../customers/usage-block";
import type { Account } from "../ledger/accounts";
import { postEntry } from "../ledger/journal";
import { voidEntry, voidResidualEntry } from "../ledger/postings";
import { stopRevenueSchedules } from "../ledger/revenue-schedules";
import { Conflict, NotFound } from "../errors";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import { expireOpenCheckouts } from "../payments/checkout-expiry";

/** What toInvoiceView needs loaded with an invoice: its lines, in order. */
export const invoiceInclude = { lines: { orderBy: { position: "asc" as const } } } satisfies Prisma.InvoiceInclude;
export type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof invoiceInclude }>;

export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const satisfies readonly InvoiceRow["status"][];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

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
  /** A negative total granted to the customer's credit balance at finalize. */
  creditedToBalance: string;
  /** What credit notes took off the amount due. */
  amountCredited: string;
  /** Where collection stands (API.md): none, collecting, dunning, paid or uncollectible. */
  collectionStatus: InvoiceRow["collectionStatus"];
  nextPaymentAttemptAt: Date | null;
  paymentAttempts: number;
  /** When a dispute of one of its payments opened; null when none is open or lost. */
  disputedAt: Date | null;
  createdAt: Date;
}

/**
 * Money leaves with exactly the currency's minor-unit digits; amountDue = total − creditsApplied −
 * amountPaid − amountCredited (the last is 0 unless a credit note lowered what is due).
 */
export function toInvoiceView(row: InvoiceRow, customerExternalId: string): InvoiceView {
  const money = (d: { toFixed(): string }) => formatAmount(d.toFixed(), row.currency);
  const amountDue = invoiceAmountDue(
    {
      total: row.total.toFixed(),
      creditedToBalance: row.creditedToBalance.toFixed(),
      creditsApplied: row.creditsApplied.toFixed(),
      amountPaid: row.amountPaid.toFixed(),
      amountCredited: row.amountCredited.toFixed(),
    },
    row.currency,
  );
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
    amountCredited: money(row.amountCredited),
    creditedToBalance: money(row.creditedToBalance),
    collectionStatus: row.collectionStatus,
    nextPaymentAttemptAt: row.nextPaymentAttemptAt,
    paymentAttempts: row.paymentAttempts,
    disputedAt: row.disputedAt,
    createdAt: row.createdAt,
  };
}

export async function getInvoiceOrThrow(ctx: ServiceContext, id: string): Promise<InvoiceView> {
  const row = await ctx.db.invoice.findFirst({ where: { id, organizationId: ctx.organizationId }, include: invoiceInclude });
  if (!row) throw new NotFound("Invoice", id);
  return toInvoiceView(row, (await externalIdsById(ctx, [row.customerId])).get(row.customerId) ?? "");
}

export async function listInvoices(ctx: ServiceContext, query: TListQuery & { customer?: string; status?: InvoiceRow["status"] }) {
  const customerId = await customerIdForFilter(ctx, query.customer);
  if (customerId === null) return { data: [], nextCursor: null };
  const page = pageQuery(query);
  const rows = await ctx.db.invoice.findMany({
    where: { organizationId: ctx.organizationId, ...(customerId ? { customerId } : {}), ...(query.status ? { status: query.status } : {}), ...page.where },
    include: invoiceInclude,
    ...page.window,
  });
  const ids = await externalIdsById(ctx, rows.map((r) => r.customerId));
  return toPage(rows.map((r) => toInvoiceView(r, ids.get(r.customerId) ?? "")), query);
}

/**
 * Drafts, open and uncollectible invoices can be voided; what was paid must be refunded with a
 * credit note instead, and an invoice already corrected by a credit note is credited further, not
 * voided. Credits the invoice took from the ledger go back to the customer (see
 * returnAppliedCredits). Voiding the last invoice dunning wrote off lifts the customer's usage block.
 */
export async function voidInvoice(ctx: ServiceContext, id: string, options: { now?: Date } = {}): Promise<InvoiceView> {
  const now = options.now ?? new Date();
  await withTransaction(ctx.db, async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Invoice" WHERE id = $1 AND "organizationId" = $2 FOR UPDATE`, id, ctx.organizationId);
    if (!locked) throw new NotFound("Invoice", id);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id } });
    if (invoice.status !== "draft" && invoice.status !== "open" && invoice.status !== "uncollectible") {
      throw new Conflict(`Invoice ${invoice.number ?? invoice.id} is ${invoice.status}; only draft, open and uncollectible invoices can be voided`);
    }
    if ((await tx.creditNote.count({ where: { invoiceId: id } })) > 0) {
      throw new Conflict(`Invoice ${invoice.number ?? invoice.id} has credit notes; credit what is left with another credit note instead of voiding it`);
    }
    if (invoice.amountPaid.greaterThan(0)) {
      throw new Conflict(`Invoice ${invoice.number ?? invoice.id} was partly paid (${formatAmount(invoice.amountPaid.toFixed(), invoice.currency)} ${invoice.currency}); refund the payments, or issue a credit note for what is left, instead of voiding it`);
    }
    await tx.invoice.update({ where: { id }, data: { status: "void", voidedAt: now, collectionStatus: "none", nextPaymentAttemptAt: null } });
    await expireOpenCheckouts(tx, ctx.organizationId, id);
    const journalRefs = { id, customerId: invoice.customerId, currency: invoice.currency, number: invoice.number, at: now };
    const posted = await tx.journalLine.findMany({ where: { organizationId: ctx.organizationId, entry: { sourceKey: { in: [`invoice-finalized:${id}`, `invoice-uncollectible:${id}`] } } } });
    await postEntry(tx, ctx.organizationId, voidEntry(journalRefs, posted.map((l) => ({ ...l, account: l.account as Account, debit: toDecimal(l.debit.toFixed()), credit: toDecimal(l.credit.toFixed()) }))));
    await stopRevenueSchedules(tx, ctx.organizationId, journalRefs);
    await returnAppliedCredits({ ...ctx, db: tx }, { id, number: invoice.number, customerId: invoice.customerId }, now);
    const left = await tx.journalLine.aggregate({ where: { organizationId: ctx.organizationId, invoiceId: id, account: "accounts_receivable" }, _sum: { debit: true, credit: true } });
    const receivable = toDecimal((left._sum.debit ?? 0).toString()).minus(toDecimal((left._sum.credit ?? 0).toString()));
    if (!receivable.isZero()) await postEntry(tx, ctx.organizationId, voidResidualEntry(journalRefs, receivable));
    if (invoice.status === "uncollectible") {
      await releaseUsageBlock(tx, invoice.customerId);
      await releasePastDue(tx, invoice.contractId);
    }
    await recordAudit({ ...ctx, db: tx }, { action: "invoice.voided", targetType: "invoice", targetId: id, data: { number: invoice.number, before: { status: invoice.status, total: invoice.total.toFixed() }, after: { status: "void" } } });
  });
  return getInvoiceOrThrow(ctx, id);
}

/**
 * Gives back what finalizing took from the customer's grants: one grant per grant drawn from, with
 * that grant's expiry, so returned credits expire when they would have had they never been
 * applied (credits whose grant has expired since are not returned). Real-time prepaid usage is
 * not returned: the usage happened; grant credits explicitly to compensate it.
 */
async function returnAppliedCredits(ctx: ServiceContext, invoice: { id: string; number: string | null; customerId: string }, now: Date) {
  const entry = await ctx.db.creditLedgerEntry.findUnique({
    where: { organizationId_type_reference: { organizationId: ctx.organizationId, type: "invoice_application", reference: `invoice:${invoice.id}` } },
    include: { allocations: { include: { grant: { select: { expiresAt: true } } } } },
  });
  if (!entry) return;
  const customer = await ctx.db.customer.findUniqueOrThrow({ where: { id: invoice.customerId }, select: { externalId: true, currency: true } });
  for (const allocation of entry.allocations) {
    const expiresAt = allocation.grant.expiresAt;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) continue;
    const amount = formatAmount(allocation.amount.toFixed(), customer.currency);
    if (!/[1-9]/.test(amount)) continue;
    await grantCredits(
      ctx,
      customer.externalId,
      { amount, reason: `Returned from voided invoice ${invoice.number ?? invoice.id}`, paid: false, expiresAt, reference: `invoice-void:${invoice.id}:${allocation.grantId}` },
      { now, journal: { kind: "invoice", invoiceId: invoice.id } },
    );
  }
}
