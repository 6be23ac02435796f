// Billed, collected and outstanding per UTC month, read as the revenue report reads them
// (server/ledger/revenue-report.ts): billed from finalized invoices, collected and outstanding
// from the journal (money accounts and the receivable), so the overview and the report agree.
import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { overviewMonths } from "./overview-window";

export interface MonthlyMoneyRow {
  currency: string;
  month: string;
  billed: string;
  collected: string;
  /** The receivable of invoices at the month's end (or at `now` for the current month). */
  outstanding: string;
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

// The receivable's movements per month inside the window, and its balance before it ("" month):
// the running sum gives the balance at each month's end.
const RECEIVABLE = `
SELECT currency, CASE WHEN "postedAt" < $2::timestamp THEN '' ELSE to_char("postedAt", 'YYYY-MM') END AS month,
       SUM(debit - credit)::text AS amount
FROM "JournalLine"
WHERE "organizationId" = $1 AND account = 'accounts_receivable' AND "invoiceId" IS NOT NULL AND "postedAt" < $3::timestamp
GROUP BY 1, 2`;

type Row = { currency: string; month: string; amount: string };

/** Every currency seen in the window (or with a receivable before it), with one row per month. */
export async function getMonthlyMoney(ctx: ServiceContext, now: Date): Promise<MonthlyMoneyRow[]> {
  const { months, from, to } = overviewMonths(now);
  const args = [ctx.organizationId, from.toISOString(), to.toISOString()] as const;
  const [billed, collected, receivable] = await Promise.all([
    ctx.db.$queryRawUnsafe<Row[]>(BILLED, ...args),
    ctx.db.$queryRawUnsafe<Row[]>(COLLECTED, ...args),
    ctx.db.$queryRawUnsafe<Row[]>(RECEIVABLE, ...args),
  ]);
  const currencies = [...new Set([...billed, ...collected, ...receivable].map((r) => r.currency))].sort();
  const find = (rows: Row[], currency: string, month: string) => rows.find((r) => r.currency === currency && r.month === month)?.amount ?? "0";
  return currencies.flatMap((currency) => {
    let balance = toDecimal(find(receivable, currency, ""));
    return months.map((month) => {
      balance = balance.plus(toDecimal(find(receivable, currency, month)));
      return { currency, month, billed: find(billed, currency, month), collected: find(collected, currency, month), outstanding: balance.toFixed() };
    });
  });
}
