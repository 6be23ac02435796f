import { sumDecimals } from "../billing/decimal";
import { formatAmount } from "../billing/money";

interface SummaryRow {
  status: string;
  currency: string;
  count: number;
  /** Exact decimal strings. */
  total: string;
  amountDue: string;
}

/**
 * Totals per currency of the invoices a list shows: of one status, or of every status but void
 * (a voided invoice is no longer owed). Money is summed exactly and rounded once per currency.
 */
export function summaryTotalsByCurrency(rows: readonly SummaryRow[], status?: string) {
  const counted = rows.filter((row) => (status ? row.status === status : row.status !== "void"));
  return [...new Set(counted.map((row) => row.currency))].map((currency) => {
    const mine = counted.filter((row) => row.currency === currency);
    return {
      currency,
      count: mine.reduce((n, row) => n + row.count, 0),
      total: formatAmount(sumDecimals(mine.map((row) => row.total)), currency),
      amountDue: formatAmount(sumDecimals(mine.map((row) => row.amountDue)), currency),
    };
  });
}
