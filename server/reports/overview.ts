// The operator's overview: money per currency (MRR, the last 12 months, receivables, dunning, top
// customers), prepaid customers about to run out, and usage per metric. Each part is one or two
// aggregate statements over summaries (invoices, the journal, the credit ledger, usage rollups),
// run side by side.
import { toDecimal } from "../billing/decimal";
import { formatAmount, roundMoney } from "../billing/money";
import type { ServiceContext } from "../context";
import { ledgerAmount } from "../ledger/ledger-reads";
import { AGING_BUCKETS, AGING_LABELS, type AgingBucket } from "./aging";
import { getCustomersRunningOut, type RunningOut } from "./credit-runway";
import { getMrr } from "./mrr";
import { getOverviewMoney } from "./overview-money";
import { overviewMonths } from "./overview-window";
import { getReceivables } from "./receivables";
import type { TopCustomer } from "./top-customers";
import { getUsageTrends, type UsageTrend } from "./usage-trends";

export interface CurrencyOverview {
  currency: string;
  mrr: string;
  /** Contracts billing now (past their trial), which the MRR is of. */
  contracts: number;
  months: { month: string; billed: string; collected: string; outstanding: string }[];
  /** What open invoices owe now: the sum of the aging buckets. */
  receivable: string;
  aging: { bucket: AgingBucket; label: string; amount: string; invoices: number }[];
  dunning: { invoices: number; amountAtRisk: string };
  topCustomers: Omit<TopCustomer, "currency">[];
}

export interface Overview {
  asOf: Date;
  months: string[];
  currencies: CurrencyOverview[];
  runningOut: RunningOut[];
  usage: UsageTrend[];
}

/**
 * `reuseEndedMonths`: keep the ended months' figures between calls while nothing changes them
 * (ended-months.ts); for the dashboard, which reads at the real time. Tests at a fixed `now` read
 * everything.
 */
export async function getOverview(ctx: ServiceContext, options: { now?: Date; reuseEndedMonths?: boolean } = {}): Promise<Overview> {
  const now = options.now ?? new Date();
  const [mrr, { monthly, top }, receivables, runningOut, usage] = await Promise.all([
    getMrr(ctx, now),
    getOverviewMoney(ctx, now, { reuseEndedMonths: options.reuseEndedMonths ?? false }),
    getReceivables(ctx, now),
    getCustomersRunningOut(ctx, now),
    getUsageTrends(ctx, now),
  ]);
  const currencies = [...new Set([...mrr.map((m) => m.currency), ...monthly.map((m) => m.currency), ...receivables.aging.keys(), ...receivables.dunning.keys(), ...top.map((t) => t.currency)])].sort();
  const money = (value: string, currency: string) => ledgerAmount(toDecimal(value), currency);
  return {
    asOf: now,
    months: overviewMonths(now).months,
    currencies: currencies.map((currency) => {
      const recurring = mrr.find((m) => m.currency === currency);
      const aging = receivables.aging.get(currency);
      const dunning = receivables.dunning.get(currency);
      const receivable = aging ? AGING_BUCKETS.reduce((sum, b) => sum.plus(aging[b].amount), toDecimal("0")) : toDecimal("0");
      return {
        currency,
        mrr: formatAmount(roundMoney(recurring?.amount ?? toDecimal("0"), currency), currency),
        contracts: recurring?.contracts ?? 0,
        months: monthly
          .filter((m) => m.currency === currency)
          .map((m) => ({ month: m.month, billed: money(m.billed, currency), collected: money(m.collected, currency), outstanding: money(m.outstanding, currency) })),
        receivable: formatAmount(receivable, currency),
        aging: AGING_BUCKETS.map((bucket) => ({ bucket, label: AGING_LABELS[bucket], amount: formatAmount(aging?.[bucket].amount ?? toDecimal("0"), currency), invoices: aging?.[bucket].count ?? 0 })),
        dunning: { invoices: dunning?.count ?? 0, amountAtRisk: formatAmount(toDecimal(dunning?.amount ?? "0"), currency) },
        topCustomers: top.filter((t) => t.currency === currency).map(({ currency: _c, ...t }) => ({ ...t, billed: money(t.billed, currency) })),
      };
    }),
    runningOut: runningOut.map((r) => ({ ...r, balance: formatAmount(roundMoney(toDecimal(r.balance), r.currency), r.currency), consumedLast7Days: formatAmount(roundMoney(toDecimal(r.consumedLast7Days), r.currency), r.currency) })),
    usage,
  };
}
