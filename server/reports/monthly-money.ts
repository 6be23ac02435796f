// Billed, collected and outstanding per UTC month, read as the revenue report reads them
// (server/ledger/revenue-report.ts): billed from finalized invoices, collected and outstanding
// from the journal (money accounts and the receivable), so the overview and the report agree.
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";

export interface MonthlyMoneyRow {
  currency: string;
  month: string;
  billed: string;
  collected: string;
  /** The receivable of invoices at the month's end (or at `now` for the current month). */
  outstanding: string;
}

/** Per currency and month ("YYYY-MM"), or per currency alone (month ""), a decimal string. */
export type MonthAmount = { currency: string; month: string; amount: string };

/** What a span of months adds: billed, collected and the receivable's movement, per month. */
export interface MoneyMoves {
  billed: MonthAmount[];
  collected: MonthAmount[];
  receivable: MonthAmount[];
}

const MONEY_KINDS = `'payment_succeeded', 'refund', 'refund_failed', 'dispute_lost'`;

// Σ subtotal of invoices finalized in each month (voided later or not, as the report counts them).
const BILLED = `
SELECT currency, to_char("finalizedAt", 'YYYY-MM') AS month, SUM(subtotal)::text AS amount
FROM "Invoice"
WHERE "organizationId" = $1 AND "finalizedAt" >= $2::timestamp AND "finalizedAt" < $3::timestamp
GROUP BY 1, 2`;

// Money in through payments minus money out through refunds and lost disputes, per month.
const COLLECTED = `
SELECT l.currency, to_char(l."postedAt", 'YYYY-MM') AS month, SUM(l.debit - l.credit)::text AS amount
FROM "JournalLine" l JOIN "JournalEntry" e ON e.id = l."entryId"
WHERE l."organizationId" = $1 AND (l.account = 'cash' OR l.account LIKE 'gateway\\_clearing\\_%')
  AND e.kind IN (${MONEY_KINDS}) AND l."postedAt" >= $2::timestamp AND l."postedAt" < $3::timestamp
GROUP BY 1, 2`;

// The receivable of invoices: its movements per month, and its balance before a month.
const RECEIVABLE = `
SELECT currency, to_char("postedAt", 'YYYY-MM') AS month, SUM(debit - credit)::text AS amount
FROM "JournalLine"
WHERE "organizationId" = $1 AND account = 'accounts_receivable' AND "invoiceId" IS NOT NULL AND "postedAt" >= $2::timestamp AND "postedAt" < $3::timestamp
GROUP BY 1, 2`;
const RECEIVABLE_BEFORE = `
SELECT currency, '' AS month, SUM(debit - credit)::text AS amount
FROM "JournalLine"
WHERE "organizationId" = $1 AND account = 'accounts_receivable' AND "invoiceId" IS NOT NULL AND "postedAt" < $2::timestamp
GROUP BY 1`;

/** Billed, collected and the receivable's movements of the months in [from, to). */
export async function readMoneyMoves(ctx: ServiceContext, from: Date, to: Date): Promise<MoneyMoves> {
  const args = [ctx.organizationId, from.toISOString(), to.toISOString()] as const;
  const [billed, collected, receivable] = await Promise.all([
    ctx.db.$queryRawUnsafe<MonthAmount[]>(BILLED, ...args),
    ctx.db.$queryRawUnsafe<MonthAmount[]>(COLLECTED, ...args),
    ctx.db.$queryRawUnsafe<MonthAmount[]>(RECEIVABLE, ...args),
  ]);
  return { billed, collected, receivable };
}

/** The receivable of invoices posted before `instant`, per currency (month ""). */
export function readReceivableBefore(ctx: ServiceContext, instant: Date): Promise<MonthAmount[]> {
  return ctx.db.$queryRawUnsafe<MonthAmount[]>(RECEIVABLE_BEFORE, ctx.organizationId, instant.toISOString());
}

/**
 * One row per currency seen and month of `months`: the moves of every span read (they must not
 * overlap), the outstanding amount carried from `opening` through the receivable's movements.
 */
export function assembleMonthlyMoney(months: readonly string[], opening: readonly MonthAmount[], spans: readonly MoneyMoves[]): MonthlyMoneyRow[] {
  const all = (key: keyof MoneyMoves) => spans.flatMap((s) => s[key]);
  const billed = all("billed");
  const collected = all("collected");
  const receivable = all("receivable");
  const currencies = [...new Set([...opening, ...billed, ...collected, ...receivable].map((r) => r.currency))].sort();
  const find = (rows: readonly MonthAmount[], currency: string, month: string) => rows.find((r) => r.currency === currency && r.month === month)?.amount ?? "0";
  return currencies.flatMap((currency) => {
    let balance = toDecimal(find(opening, currency, ""));
    return months.map((month) => {
      balance = balance.plus(toDecimal(find(receivable, currency, month)));
      return { currency, month, billed: find(billed, currency, month), collected: find(collected, currency, month), outstanding: balance.toFixed() };
    });
  });
}
