// The overview's figures (exact decimal strings from overview.get) as the components draw them:
// labels, links, shares and changes computed with Decimal; plain numbers only for chart geometry.
import Decimal from "decimal.js";
import { displayMoney, displayQuantity } from "@/components/format";
import type { AgingRow } from "@/components/overview/aging-list";
import type { UsageTrendView } from "@/components/overview/usage-trend-card";
import type { MoneyTrendPoint } from "@/components/ui/money-trend-chart";
import type { AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";

type Overview = inferRouterOutputs<AppRouter>["overview"]["get"];
export type CurrencyFigures = Overview["currencies"][number];

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);
const shortMonth = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" });
const longMonth = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

export const monthTitle = (month: string) => longMonth.format(monthDate(month));
export const revenueHref = (month: string) => `/reports/revenue?month=${month}`;

/** For drawing only: exact figures go to the tooltip as formatted strings. */
const drawn = (value: string) => new Decimal(value).toNumber();

export function moneyTrend(figures: CurrencyFigures): MoneyTrendPoint[] {
  return figures.months.map((m) => ({
    label: shortMonth.format(monthDate(m.month)),
    title: monthTitle(m.month),
    values: { billed: drawn(m.billed), collected: drawn(m.collected), outstanding: drawn(m.outstanding) },
    display: { billed: displayMoney(m.billed, figures.currency), collected: displayMoney(m.collected, figures.currency), outstanding: displayMoney(m.outstanding, figures.currency) },
    href: revenueHref(m.month),
  }));
}

const TONES: Record<CurrencyFigures["aging"][number]["bucket"], AgingRow["tone"]> = { current: "current", "1-30": "late", "31-60": "later", "61-90": "latest", "over-90": "latest" };

export function agingRows(figures: CurrencyFigures): AgingRow[] {
  const total = new Decimal(figures.receivable);
  return figures.aging.map((a) => ({
    label: a.label,
    amount: displayMoney(a.amount, figures.currency),
    invoices: a.invoices,
    share: total.isZero() ? "0%" : `${new Decimal(a.amount).dividedBy(total).times(100).toFixed(1)}%`,
    href: `/invoices?aging=${a.bucket}`,
    tone: TONES[a.bucket],
  }));
}

/** The share of the receivable past due (every bucket but current), as "34%". */
export function pastDueShare(figures: CurrencyFigures): string | null {
  const total = new Decimal(figures.receivable);
  if (total.isZero()) return null;
  const late = figures.aging.filter((a) => a.bucket !== "current").reduce((sum, a) => sum.plus(a.amount), new Decimal(0));
  return `${late.dividedBy(total).times(100).toFixed(0)}% past due`;
}

const UNIT_LABEL: Record<Overview["usage"][number]["unit"], string> = { sum: "", count: "", max: "peak", min: "low", avg: "average", events: "events" };

export function usageTrend(trend: Overview["usage"][number]): UsageTrendView {
  const last = new Decimal(trend.last7);
  const previous = new Decimal(trend.previous7);
  let change: UsageTrendView["change"] = null;
  if (!previous.isZero()) {
    const pct = last.minus(previous).dividedBy(previous).times(100);
    const rounded = pct.toDecimalPlaces(0);
    change = { text: `${rounded.isPositive() && !rounded.isZero() ? "+" : rounded.isZero() ? "±" : "−"}${rounded.abs().toFixed(0)}%`, direction: rounded.isZero() ? "flat" : rounded.isPositive() ? "up" : "down" };
  } else if (!last.isZero()) {
    change = { text: "new", direction: "up" };
  }
  const unit = UNIT_LABEL[trend.unit];
  return {
    code: trend.code,
    name: trend.name,
    href: `/metrics/${encodeURIComponent(trend.code)}`,
    last7: `${displayQuantity(last.toDecimalPlaces(2).toFixed())}${unit ? ` ${unit}` : ""}`,
    change,
    points: trend.days.map((d) => ({ title: `${dayLabel.format(new Date(`${d.day}T00:00:00Z`))}: ${displayQuantity(new Decimal(d.value).toDecimalPlaces(2).toFixed())}`, value: drawn(d.value) })),
  };
}
