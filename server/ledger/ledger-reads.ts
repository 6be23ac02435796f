import type Decimal from "decimal.js";
import { toDecimal } from "../billing/decimal";
import { formatAmount, isRoundedTo } from "../billing/money";
import type { ServiceContext } from "../context";
import { customerIdForFilter, externalIdsById } from "../customers/customer-lookup";
import type { Prisma } from "../db";
import { toPage, type TListQuery } from "../pagination";
import { ACCOUNTS, type Account } from "./accounts";

export interface JournalLineView {
  account: string;
  currency: string;
  /** Decimal strings, one of them zero; with the currency's minor-unit digits unless the amount is finer (prepaid burn-down). */
  debit: string;
  credit: string;
  /** The customer's externalId. */
  customer: string | null;
  invoiceId: string | null;
  paymentId: string | null;
}

export interface JournalEntryView {
  id: string;
  occurredAt: Date;
  postedAt: Date;
  kind: string;
  memo: string | null;
  lines: JournalLineView[];
}

/** Money as the rest of the API writes it ("12.30"), or exact when finer than the minor unit. */
export function ledgerAmount(value: { toFixed(): string }, currency: string): string {
  const exact = toDecimal(value.toFixed());
  return isRoundedTo(exact, currency) ? formatAmount(exact, currency) : exact.toFixed();
}

export interface JournalListQuery extends TListQuery {
  from?: Date;
  to?: Date;
  account?: Account;
  kind?: string;
  invoiceId?: string;
  customer?: string;
  /** "asc" (the API's order) or "desc": the dashboard shows the latest first. */
  order?: "asc" | "desc";
}

/**
 * Journal entries posted in [from, to) (by their accounting instant), oldest first unless asked
 * otherwise, optionally only those with a line in `account`. Keyset pages by id (UUIDv7: posting order).
 */
export async function listJournalEntries(ctx: ServiceContext, query: JournalListQuery) {
  const newestFirst = query.order === "desc";
  const customerId = await customerIdForFilter(ctx, query.customer);
  if (customerId === null) return { data: [], nextCursor: null };
  const where: Prisma.JournalEntryWhereInput = {
    organizationId: ctx.organizationId,
    ...(query.from || query.to ? { postedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
    ...(query.account ? { lines: { some: { account: query.account } } } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.invoiceId ? { invoiceId: query.invoiceId } : {}),
    ...(customerId ? { customerId } : {}),
    ...(query.cursor ? { id: newestFirst ? { lt: query.cursor } : { gt: query.cursor } } : {}),
  };
  const rows = await ctx.db.journalEntry.findMany({ where, include: { lines: { orderBy: { id: "asc" } } }, orderBy: { id: newestFirst ? "desc" : "asc" }, take: query.limit + 1 });
  const customers = await externalIdsById(ctx, rows.flatMap((r) => r.lines.map((l) => l.customerId)).filter((id): id is string => id !== null));
  return toPage(
    rows.map((row): JournalEntryView => ({
      id: row.id,
      occurredAt: row.occurredAt,
      postedAt: row.postedAt,
      kind: row.kind,
      memo: row.memo,
      lines: row.lines.map((l) => ({
        account: l.account,
        currency: l.currency,
        debit: ledgerAmount(l.debit, l.currency),
        credit: ledgerAmount(l.credit, l.currency),
        customer: l.customerId ? (customers.get(l.customerId) ?? null) : null,
        invoiceId: l.invoiceId,
        paymentId: l.paymentId,
      })),
    })),
    query,
  );
}

/** The chart's order (assets, revenue, liabilities, expenses), then currency; unknown codes last. */
export function compareAccounts(a: { account: string; currency: string }, b: { account: string; currency: string }): number {
  const order = (account: string) => {
    const i = ACCOUNTS.indexOf(account as Account);
    return i === -1 ? ACCOUNTS.length : i;
  };
  return order(a.account) - order(b.account) || a.currency.localeCompare(b.currency);
}

/** The numbers of the invoices a page of entries links to, for labels ("INV-0001"; null for a draft). */
export async function invoiceNumbersOf(ctx: ServiceContext, entries: readonly JournalEntryView[]): Promise<Record<string, string | null>> {
  const ids = [...new Set(entries.flatMap((e) => e.lines.map((l) => l.invoiceId)).filter((id): id is string => id !== null))];
  if (ids.length === 0) return {};
  const rows = await ctx.db.invoice.findMany({ where: { organizationId: ctx.organizationId, id: { in: ids } }, select: { id: true, number: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.number]));
}

/** The dashboard's journal: newest first, with the invoice numbers its links show. */
export async function journalPage(ctx: ServiceContext, query: Omit<JournalListQuery, "order">) {
  const page = await listJournalEntries(ctx, { ...query, order: "desc" });
  return { ...page, invoiceNumbers: await invoiceNumbersOf(ctx, page.data) };
}

export interface AccountBalanceView {
  account: string;
  currency: string;
  debit: string;
  credit: string;
  /** debit − credit: positive for assets and expenses, negative for liabilities and revenue. */
  balance: string;
}

/** Σ debits and credits per account and currency of everything posted at or before `at`. */
export async function trialBalance(ctx: ServiceContext, at: Date): Promise<{ at: Date; accounts: AccountBalanceView[] }> {
  const groups = await ctx.db.journalLine.groupBy({
    by: ["account", "currency"],
    where: { organizationId: ctx.organizationId, postedAt: { lte: at } },
    _sum: { debit: true, credit: true },
  });
  const accounts = groups
    .map((g) => {
      const debit: Decimal = toDecimal(g._sum.debit?.toFixed() ?? "0");
      const credit: Decimal = toDecimal(g._sum.credit?.toFixed() ?? "0");
      return { account: g.account, currency: g.currency, debit: ledgerAmount(debit, g.currency), credit: ledgerAmount(credit, g.currency), balance: ledgerAmount(debit.minus(credit), g.currency) };
    })
    .sort(compareAccounts);
  return { at, accounts };
}
