import { stringify } from "csv-stringify/sync";
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { Invalid } from "../errors";
import { ledgerAmount } from "./ledger-reads";
import { isMonth, monthBounds } from "./months";

/** One currency's figures for a month (docs/ledger.md "The monthly revenue report"). Decimal strings. */
export interface RevenueFigures {
  currency: string;
  /** Σ subtotal of the invoices finalized in the month, voided since or not. */
  billed: string;
  /** Σ subtotal of finalized invoices voided in the month. */
  voided: string;
  /** Net credit of the revenue accounts (usage, subscription, commitment) posted in the month. */
  recognized: string;
  /** Net debit of refunds_contra_revenue posted in the month: credit notes and refunds. */
  contraRevenue: string;
  /** The deferred_revenue balance at the month's end. */
  deferred: string;
  /** Money in through payments minus money out through refunds and lost disputes, posted in the month. */
  collected: string;
  /** What invoices still owed at the month's end: the receivable of the journal's invoice lines. */
  outstanding: string;
}

export interface RevenueReport {
  month: string;
  from: Date;
  to: Date;
  /** Whether the month is closed: its figures no longer change. */
  closed: boolean;
  currencies: RevenueFigures[];
}

const REVENUE_ACCOUNTS = `'revenue_usage', 'revenue_subscription', 'revenue_commitment'`;
const MONEY_KINDS = `'payment_succeeded', 'refund', 'refund_failed', 'dispute_lost'`;

// One pass over the journal up to the month's end: movements of the month and balances at its
// end. Cast to text so amounts reach Decimal exactly.
const JOURNAL_FIGURES = `
SELECT l.currency,
  COALESCE(SUM(l.credit - l.debit) FILTER (WHERE l.account IN (${REVENUE_ACCOUNTS}) AND l."postedAt" >= $2::timestamp), 0)::text AS recognized,
  COALESCE(SUM(l.debit - l.credit) FILTER (WHERE l.account = 'refunds_contra_revenue' AND l."postedAt" >= $2::timestamp), 0)::text AS "contraRevenue",
  COALESCE(SUM(l.credit - l.debit) FILTER (WHERE l.account = 'deferred_revenue'), 0)::text AS deferred,
  COALESCE(SUM(l.debit - l.credit) FILTER (WHERE (l.account = 'cash' OR l.account LIKE 'gateway\\_clearing\\_%') AND e.kind IN (${MONEY_KINDS}) AND l."postedAt" >= $2::timestamp), 0)::text AS collected,
  COALESCE(SUM(l.debit - l.credit) FILTER (WHERE l.account = 'accounts_receivable' AND l."invoiceId" IS NOT NULL), 0)::text AS outstanding
FROM "JournalLine" l
JOIN "JournalEntry" e ON e.id = l."entryId"
WHERE l."organizationId" = $1 AND l."postedAt" < $3::timestamp
GROUP BY l.currency`;

type JournalFigures = Pick<RevenueFigures, "currency" | "recognized" | "contraRevenue" | "deferred" | "collected" | "outstanding">;

/**
 * The month's revenue per currency (UTC months, as the journal closes them): what was billed,
 * what the journal recognized, deferred, collected and had outstanding. Journal figures read
 * entries by their accounting instant, so a closed month's report never changes; billed reads the
 * invoices finalized in the month, which a later void does not undo (it counts as voided then).
 */
export async function getRevenueReport(ctx: ServiceContext, month: string): Promise<RevenueReport> {
  if (!isMonth(month)) throw Invalid.field("month", "must be a month written YYYY-MM, such as 2026-11");
  const { start, end } = monthBounds(month);
  const inMonth = { gte: start, lt: end };
  const [journal, billed, voided, closed] = await Promise.all([
    ctx.db.$queryRawUnsafe<JournalFigures[]>(JOURNAL_FIGURES, ctx.organizationId, start.toISOString(), end.toISOString()),
    ctx.db.invoice.groupBy({ by: ["currency"], where: { organizationId: ctx.organizationId, finalizedAt: inMonth }, _sum: { subtotal: true } }),
    ctx.db.invoice.groupBy({ by: ["currency"], where: { organizationId: ctx.organizationId, finalizedAt: { not: null }, voidedAt: inMonth }, _sum: { subtotal: true } }),
    ctx.db.ledgerPeriodClose.findFirst({ where: { organizationId: ctx.organizationId, month: { gte: month } }, select: { month: true } }),
  ]);
  const currencies = [...new Set([...journal.map((j) => j.currency), ...billed.map((b) => b.currency), ...voided.map((v) => v.currency)])].sort();
  const sumOf = (rows: typeof billed, currency: string) => rows.find((r) => r.currency === currency)?._sum.subtotal?.toFixed() ?? "0";
  return {
    month,
    from: start,
    to: end,
    closed: closed !== null,
    currencies: currencies.map((currency) => {
      const j = journal.find((row) => row.currency === currency);
      const money = (value: string | undefined) => ledgerAmount(toDecimal(value ?? "0"), currency);
      return {
        currency,
        billed: money(sumOf(billed, currency)),
        voided: money(sumOf(voided, currency)),
        recognized: money(j?.recognized),
        contraRevenue: money(j?.contraRevenue),
        deferred: money(j?.deferred),
        collected: money(j?.collected),
        outstanding: money(j?.outstanding),
      };
    }),
  };
}

export const REVENUE_CSV_COLUMNS = ["month", "currency", "billed", "voided", "recognized", "contraRevenue", "deferred", "collected", "outstanding"] as const;

/** The report as CSV: a header row, then one row per currency, amounts as the JSON has them. */
export function revenueReportCsv(report: RevenueReport): string {
  return stringify(
    report.currencies.map((figures) => ({ month: report.month, ...figures })),
    { header: true, columns: [...REVENUE_CSV_COLUMNS], record_delimiter: "windows" },
  );
}
