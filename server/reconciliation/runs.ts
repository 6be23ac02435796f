import { formatAmount } from "../billing/money";
import type { ServiceContext } from "../context";
import { NotFound } from "../errors";
import type { ReconciliationItem, ReconciliationRun } from "../generated/prisma/client";
import { pageQuery, toPage, type TListQuery } from "../pagination";
import type { MismatchKind } from "./matching";

type RunRow = ReconciliationRun;
type ItemRow = ReconciliationItem;

export interface ReconciliationRunView {
  id: string;
  from: Date;
  to: Date;
  trigger: "schedule" | "manual";
  requestedBy: string | null;
  status: "succeeded" | "failed";
  error: string | null;
  checked: { payments: number; refunds: number; gatewayTransactions: number; invoices: number };
  rechecked: { payments: number; settled: number };
  itemCount: number;
  newItemCount: number;
  /** Items of this run no later run resolved. */
  openItemCount: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface ReconciliationItemView {
  id: string;
  kind: MismatchKind;
  status: "open" | "resolved";
  isNew: boolean;
  description: string;
  expectedAmount: string | null;
  expectedCurrency: string | null;
  foundAmount: string | null;
  foundCurrency: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  paymentId: string | null;
  refundId: string | null;
  gatewayObjectId: string | null;
  occurredAt: Date;
  resolvedAt: Date | null;
}

function toRunView(row: RunRow, openItemCount: number): ReconciliationRunView {
  return {
    id: row.id,
    from: row.from,
    to: row.to,
    trigger: row.trigger === "schedule" ? "schedule" : "manual",
    requestedBy: row.requestedBy,
    status: row.status,
    error: row.error,
    checked: { payments: row.paymentsChecked, refunds: row.refundsChecked, gatewayTransactions: row.gatewayTransactionsChecked, invoices: row.invoicesChecked },
    rechecked: { payments: row.paymentsRechecked, settled: row.paymentsSettled },
    itemCount: row.itemCount,
    newItemCount: row.newItemCount,
    openItemCount,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** With the currency's digits ("12.30" USD) where the currency is known. */
const amountOf = (amount: ItemRow["expectedAmount"], currency: string | null) => (amount === null ? null : currency ? formatAmount(amount.toFixed(), currency) : amount.toFixed());

function toItemView(row: ItemRow, invoiceNumbers: ReadonlyMap<string, string | null>): ReconciliationItemView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    isNew: row.isNew,
    description: row.description,
    expectedAmount: amountOf(row.expectedAmount, row.expectedCurrency),
    expectedCurrency: row.expectedCurrency,
    foundAmount: amountOf(row.foundAmount, row.foundCurrency),
    foundCurrency: row.foundCurrency,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceId ? (invoiceNumbers.get(row.invoiceId) ?? null) : null,
    paymentId: row.paymentId,
    refundId: row.refundId,
    gatewayObjectId: row.gatewayObjectId,
    occurredAt: row.occurredAt,
    resolvedAt: row.resolvedAt,
  };
}

async function openCounts(ctx: ServiceContext, runIds: string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const groups = await ctx.db.reconciliationItem.groupBy({ by: ["runId"], where: { organizationId: ctx.organizationId, runId: { in: runIds }, status: "open" }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.runId, g._count._all]));
}

/** Runs, oldest first (keyset pages by id, as every list of the API). */
export async function listReconciliationRuns(ctx: ServiceContext, query: TListQuery) {
  const page = pageQuery(query);
  const rows = await ctx.db.reconciliationRun.findMany({ where: { organizationId: ctx.organizationId, ...page.where }, ...page.window });
  const open = await openCounts(ctx, rows.map((r) => r.id));
  return toPage(rows.map((r) => toRunView(r, open.get(r.id) ?? 0)), query);
}

/** The dashboard's list: newest first. */
export async function listRecentReconciliationRuns(ctx: ServiceContext, limit: number): Promise<ReconciliationRunView[]> {
  const rows = await ctx.db.reconciliationRun.findMany({ where: { organizationId: ctx.organizationId }, orderBy: { id: "desc" }, take: limit });
  const open = await openCounts(ctx, rows.map((r) => r.id));
  return rows.map((r) => toRunView(r, open.get(r.id) ?? 0));
}

/** A run with its items: open first, then by kind and when they happened. */
export async function getReconciliationRunOrThrow(ctx: ServiceContext, id: string): Promise<ReconciliationRunView & { items: ReconciliationItemView[] }> {
  const row = await ctx.db.reconciliationRun.findFirst({ where: { id, organizationId: ctx.organizationId } });
  if (!row) throw new NotFound("Reconciliation run", id);
  const items = await ctx.db.reconciliationItem.findMany({ where: { runId: id, organizationId: ctx.organizationId }, orderBy: [{ status: "asc" }, { kind: "asc" }, { occurredAt: "asc" }, { id: "asc" }] });
  const invoiceIds = [...new Set(items.flatMap((i) => (i.invoiceId ? [i.invoiceId] : [])))];
  const invoices = invoiceIds.length ? await ctx.db.invoice.findMany({ where: { organizationId: ctx.organizationId, id: { in: invoiceIds } }, select: { id: true, number: true } }) : [];
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));
  const open = items.filter((i) => i.status === "open").length;
  return { ...toRunView(row, open), items: items.map((i) => toItemView(i, numbers)) };
}
