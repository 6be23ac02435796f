import type Decimal from "decimal.js";
import { toDecimal, ZERO } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { Invalid } from "../errors";
import { compareAccounts, ledgerAmount } from "./ledger-reads";

/** A wider window is a report nobody reads on a screen and a query worth bounding. */
export const MAX_BALANCE_MONTHS = 36;
/** What the dashboard and the API show without a range: the current month and the 11 before it. */
export const DEFAULT_BALANCE_MONTHS = 12;

/** Months as integers (year × 12 + month − 1), so ranges are plain arithmetic. */
const monthIndex = (month: string) => {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return year * 12 + mon - 1;
};
const monthName = (index: number) => `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
const monthStart = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));

/** The UTC month an instant falls in, "2026-01". */
export const monthOf = (instant: Date) => monthName(instant.getUTCFullYear() * 12 + instant.getUTCMonth());

/** `count` months ending with `last` ("2026-03", 3 → ["2026-01", "2026-02", "2026-03"]). */
export function monthsEndingWith(last: string, count: number): string[] {
  const end = monthIndex(last);
  return Array.from({ length: count }, (_, i) => monthName(end - count + 1 + i));
}

export interface MonthlyBalancesView {
  from: string;
  to: string;
  months: string[];
  /** One row per account and currency with any posting up to the end of `to`; a balance per month, in `months` order. */
  accounts: { account: string; currency: string; balances: { month: string; balance: string }[] }[];
}

/**
 * Each account's balance (debits − credits, as the trial balance signs it) at the end of every
 * UTC month from `from` to `to` (both "YYYY-MM", inclusive; by default the last 12 months up to
 * now's). Everything posted before `from` is the opening balance. One grouped query: lines summed
 * per account, currency and month, then running sums over the months; months without postings
 * carry the previous month's balance.
 */
export async function accountBalancesByMonth(ctx: ServiceContext, input: { from?: string; to?: string }, options: { now?: Date } = {}): Promise<MonthlyBalancesView> {
  const to = input.to ?? monthOf(options.now ?? new Date());
  const from = input.from ?? monthsEndingWith(to, DEFAULT_BALANCE_MONTHS)[0]!;
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (last < first) throw Invalid.field("to", `must be ${from} or later (the same month as from, or after it)`);
  if (last - first + 1 > MAX_BALANCE_MONTHS) throw Invalid.field("from", `must be at most ${MAX_BALANCE_MONTHS} months before to (${to}), both included`);

  // The column holds UTC without a zone, so date_trunc cuts UTC months. ISO strings cast to
  // timestamp drop their "Z" and keep the UTC wall time, as the column does.
  const rows = await ctx.db.$queryRawUnsafe<{ account: string; currency: string; month: string; balance: string }[]>(
    `WITH monthly AS (
       SELECT account, currency, GREATEST(date_trunc('month', "postedAt"), $2::timestamp) AS month, sum(debit) - sum(credit) AS net
         FROM "JournalLine"
        WHERE "organizationId" = $1 AND "postedAt" < $3::timestamp
        GROUP BY 1, 2, 3
     )
     SELECT account, currency, to_char(month, 'YYYY-MM') AS month,
            (sum(net) OVER (PARTITION BY account, currency ORDER BY month))::text AS balance
       FROM monthly`,
    ctx.organizationId,
    monthStart(first).toISOString(),
    monthStart(last + 1).toISOString(),
  );

  const months = monthsEndingWith(to, last - first + 1);
  const byAccount = new Map<string, { account: string; currency: string; atMonthEnd: Map<string, Decimal> }>();
  for (const row of rows) {
    const key = `${row.account}\u0000${row.currency}`;
    const group = byAccount.get(key) ?? { account: row.account, currency: row.currency, atMonthEnd: new Map<string, Decimal>() };
    group.atMonthEnd.set(row.month, toDecimal(row.balance));
    byAccount.set(key, group);
  }
  const accounts = [...byAccount.values()]
    .map(({ account, currency, atMonthEnd }) => {
      let balance = ZERO;
      return {
        account,
        currency,
        balances: months.map((month) => {
          balance = atMonthEnd.get(month) ?? balance;
          return { month, balance: ledgerAmount(balance, currency) };
        }),
      };
    })
    .sort(compareAccounts);
  return { from, to, months, accounts };
}
