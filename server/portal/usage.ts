import type Decimal from "decimal.js";
import { DateTime } from "luxon";
import { maxDecimal, minDecimal, sumDecimals, ZERO } from "../billing/decimal";
import { formatAmount } from "../billing/money";
import { closingLines } from "../billing/period-lines";
import type { InvoiceLine, Period, UsageCharge } from "../billing/types";
import { toMetricDef } from "../catalog/metric-row";
import { measureContractUsage } from "../invoicing/contract-usage";
import { aggregateUsage } from "../usage/aggregate";
import type { Aggregation } from "../usage/rollup-keys";
import type { PortalContext } from "./portal-context";
import { dayCosts, type DayUsage } from "./usage-day-costs";
import { choosePeriod, listUsagePeriods, loadStartedContracts, type PortalContract, type UsagePeriod } from "./usage-periods";

export interface UsageDay {
  /** The day's first instant in the customer's time zone (a period starting mid-day: its start). */
  start: Date;
  /** The calendar day in the customer's time zone, "2026-03-14". */
  date: string;
}

export interface DayFigure {
  /** The day's quantity as an exact decimal string; null when it cannot be told (see PortalUsageLine.days). */
  quantity: string | null;
  /** What the day adds to the invoice line (usage-day-costs.ts); null when that cannot be told. */
  cost: string | null;
}

/** Usage of one value of the metric's group keys (e.g. model: gpt-4o) within one invoice line. */
export interface PortalUsageGroup {
  /** A plain series key for charts ("s0", "s1"…), unique within the metric. */
  key: string;
  label: string;
  group: Record<string, string | null>;
  quantity: string;
  /** The group's cost when it alone makes its invoice line; null when the plan prices it together with other groups. */
  cost: string | null;
  /** One per day of the period, aligned with PortalUsageView.days. */
  days: DayFigure[];
}

/** One usage line of the invoice the period closes (or will close), as the plan prices it. */
export interface PortalUsageLine {
  chargeIndex: number;
  description: string;
  quantity: string;
  amount: string;
  groups: PortalUsageGroup[];
  /** The line's quantity and cost by day; a quantity is null when the groups' daily values do not combine (latest of several groups). */
  days: DayFigure[];
}

export interface PortalUsageMetric {
  code: string;
  name: string;
  aggregation: Aggregation;
  /** The properties the metric splits usage by (its groupBy) and those the plan's charges group by. */
  groupKeys: string[];
  lines: PortalUsageLine[];
  /** Σ of the metric's usage lines. */
  cost: string;
}

export interface PortalUsageView {
  timezone: string;
  currency: string | null;
  /** The customer's billing periods, most recent first. */
  periods: UsagePeriod[];
  /** null when the customer has no contract that has started. */
  period: UsagePeriod | null;
  days: UsageDay[];
  metrics: PortalUsageMetric[];
  /** Σ of every usage line of the period. */
  cost: string | null;
  asOf: Date;
}

const ADDITIVE = new Set<Aggregation>(["count", "sum"]);

const unique = (values: readonly string[]) => [...new Set(values)];

/** The local days a period touches; the first starts at the period's start when that is mid-day. */
export function usageDays(period: Period, zone: string): UsageDay[] {
  const days: UsageDay[] = [];
  for (let t = DateTime.fromJSDate(period.start, { zone }).startOf("day"); t.toJSDate() < period.end; t = t.plus({ days: 1 })) {
    days.push({ start: t.toJSDate() < period.start ? period.start : t.toJSDate(), date: t.toISODate()! });
  }
  return days;
}

const groupLabel = (group: Record<string, string | null>) =>
  Object.entries(group)
    .map(([k, v]) => `${k}: ${v ?? "(none)"}`)
    .join(", ");

/**
 * The usage page of the portal: for the session's customer and one billing period (the current
 * one unless `period` names another), each metric its contract prices, split by the metric's
 * group keys and by day in the customer's time zone, with the cost of each group as the plan
 * prices it. Quantities come from the rollups, prices from the engine's closing lines, exactly as
 * the period's invoice (or its upcoming-invoice preview) computes them.
 */
export async function getPortalUsage(ctx: PortalContext, input: { period?: string | null }, now = new Date()): Promise<PortalUsageView> {
  const contracts = await loadStartedContracts(ctx, now);
  const periods = listUsagePeriods(contracts, now);
  const period = choosePeriod(periods, input.period);
  const contract = period ? contracts.find((c) => c.id === period.contractId) : undefined;
  if (!period || !contract) {
    const customer = await ctx.db.customer.findUniqueOrThrow({ where: { id: ctx.customerId }, select: { timezone: true } });
    return { timezone: customer.timezone, currency: null, periods, period: null, days: [], metrics: [], cost: null, asOf: now };
  }
  const { terms } = contract;
  const days = usageDays(period, terms.timezone);
  const metrics = await measureMetrics(ctx, contract, period, days);
  const cost = formatAmount(sumDecimals(metrics.map((m) => m.cost)), terms.currency);
  return { timezone: terms.timezone, currency: terms.currency, periods, period, days, metrics, cost, asOf: now };
}

async function measureMetrics(ctx: PortalContext, contract: PortalContract, period: Period, days: UsageDay[]): Promise<PortalUsageMetric[]> {
  const { terms } = contract;
  const usageCharges = terms.charges.flatMap((charge, chargeIndex) => (charge.type === "usage" ? [{ charge, chargeIndex }] : []));
  const codes = unique(usageCharges.map((c) => c.charge.metric));
  const rows = await ctx.db.billableMetric.findMany({ where: { organizationId: ctx.organizationId, code: { in: codes } } });
  const metricDefs = new Map(rows.map((row) => [row.code, toMetricDef(row)]));

  // The engine's own lines for the period (the same quantities and prices as the invoice), and
  // each charge's usage by day and group, read side by side.
  const [usage, measured] = await Promise.all([
    measureContractUsage(ctx.db, { organizationId: ctx.organizationId, customerId: ctx.customerId, terms, period, metrics: metricDefs }),
    Promise.all(
      usageCharges.map(({ charge }) => {
        const row = rows.find((r) => r.code === charge.metric);
        if (!row) return Promise.resolve([]);
        return measureGroups(ctx, { metric: metricDefs.get(row.code)!, charge, period, days, zone: terms.timezone, keys: unique([...row.groupBy, ...(charge.groupBy ?? [])]) });
      }),
    ),
  ]);
  const lines = closingLines({ contract: terms, period, usage }).lines.filter((line) => line.kind === "usage");

  const result: PortalUsageMetric[] = [];
  for (const row of [...rows].sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code))) {
    const metric = metricDefs.get(row.code)!;
    const charges = usageCharges.filter((c) => c.charge.metric === row.code);
    const groupKeys = unique([...row.groupBy, ...charges.flatMap((c) => c.charge.groupBy ?? [])]);
    const metricLines: PortalUsageLine[] = [];
    let series = 0;
    for (const { charge, chargeIndex } of charges) {
      const groups = measured[usageCharges.findIndex((c) => c.chargeIndex === chargeIndex)]!;
      for (const line of lines.filter((l) => l.chargeIndex === chargeIndex)) {
        const mine = groups.filter((g) => sameLineGroup(charge, g.group, line));
        metricLines.push(describeLine({ line, charge, aggregation: metric.aggregation, currency: terms.currency, groups: mine, days, nextKey: () => `s${series++}` }));
      }
    }
    result.push({
      code: row.code,
      name: row.name,
      aggregation: metric.aggregation,
      groupKeys,
      lines: metricLines,
      cost: formatAmount(sumDecimals(metricLines.map((l) => l.amount)), terms.currency),
    });
  }
  return result;
}

interface MeasuredGroup {
  group: Record<string, string | null>;
  quantity: Decimal;
  /** Indexed like the period's days. */
  days: DayUsage[];
}

/** A charge's usage over the period by day and by the metric's group keys, from the rollups. */
async function measureGroups(
  ctx: PortalContext,
  input: { metric: ReturnType<typeof toMetricDef>; charge: UsageCharge; period: Period; days: UsageDay[]; zone: string; keys: string[] },
): Promise<MeasuredGroup[]> {
  const { metric, charge, period, days, zone, keys } = input;
  const selection = { organizationId: ctx.organizationId, metric, customerId: ctx.customerId, from: period.start, to: period.end, filters: charge.filters, groupBy: keys };
  const windowOf = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toISODate()!;
  const cells = await aggregateUsage(ctx.db, { ...selection, windowOf, windowStarts: days.map((d) => d.start) });
  // Days add up to the period only for count and sum; other aggregations are measured over the period.
  const totals = ADDITIVE.has(metric.aggregation) ? null : await aggregateUsage(ctx.db, selection);

  const dayIndex = new Map(days.map((d, i) => [d.date, i]));
  const identity = (group: Record<string, string | null>) => JSON.stringify(keys.map((k) => group[k] ?? null));
  const groups = new Map<string, MeasuredGroup>();
  for (const cell of cells) {
    const id = identity(cell.group);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { group: cell.group, quantity: ZERO, days: days.map(() => ({ quantity: ZERO, eventCount: 0 })) }));
    const i = dayIndex.get(cell.window);
    if (i === undefined) continue;
    group.days[i] = { quantity: cell.quantity, eventCount: cell.eventCount };
    if (!totals) group.quantity = group.quantity.plus(cell.quantity);
  }
  for (const cell of totals ?? []) {
    const group = groups.get(identity(cell.group));
    if (group) group.quantity = cell.quantity;
  }
  return [...groups.values()];
}

const projectOnto = (keys: readonly string[], group: Record<string, string | null>) => JSON.stringify(keys.map((k) => group[k] ?? ""));

function sameLineGroup(charge: UsageCharge, group: Record<string, string | null>, line: InvoiceLine): boolean {
  const keys = charge.groupBy ?? [];
  return keys.length === 0 || projectOnto(keys, group) === projectOnto(keys, line.group ?? {});
}

/** A line's daily quantities from its groups', where they combine. */
function lineDays(aggregation: Aggregation, groups: readonly MeasuredGroup[], dayCount: number): DayUsage[] | null {
  if (groups.length === 1) return groups[0]!.days;
  const combine = aggregation === "count" || aggregation === "sum" ? (a: Decimal, b: Decimal) => a.plus(b) : aggregation === "max" ? maxDecimal : aggregation === "min" ? minDecimal : null;
  if (!combine) return groups.length === 0 ? Array.from({ length: dayCount }, () => ({ quantity: ZERO, eventCount: 0 })) : null;
  return Array.from({ length: dayCount }, (_, i) => {
    const active = groups.map((g) => g.days[i]!).filter((d) => d.eventCount > 0);
    return active.length === 0 ? { quantity: ZERO, eventCount: 0 } : { quantity: active.slice(1).reduce((q, d) => combine(q, d.quantity), active[0]!.quantity), eventCount: active.reduce((n, d) => n + d.eventCount, 0) };
  });
}

function describeLine(input: {
  line: InvoiceLine;
  charge: UsageCharge;
  aggregation: Aggregation;
  currency: string;
  groups: MeasuredGroup[];
  days: UsageDay[];
  nextKey: () => string;
}): PortalUsageLine {
  const { line, charge, aggregation, currency, groups, days } = input;
  const perDay = lineDays(aggregation, groups, days.length);
  const costs = perDay ? dayCosts({ charge, aggregation, currency, days: perDay }) : null;
  const lineFigures: DayFigure[] = days.map((_, i) => ({ quantity: perDay ? perDay[i]!.quantity.toFixed() : null, cost: costs ? formatAmount(costs[i]!, currency) : null }));
  const alone = groups.length === 1;
  const sorted = [...groups].sort((a, b) => groupLabel(a.group).localeCompare(groupLabel(b.group)));
  return {
    chargeIndex: line.chargeIndex!,
    description: line.description,
    quantity: line.quantity.toFixed(),
    amount: formatAmount(line.amount, currency),
    days: lineFigures,
    groups: sorted.map((g) => ({
      key: input.nextKey(),
      label: Object.keys(g.group).length ? groupLabel(g.group) : line.description,
      group: g.group,
      quantity: g.quantity.toFixed(),
      cost: alone ? formatAmount(line.amount, currency) : null,
      days: g.days.map((d, i) => ({ quantity: d.quantity.toFixed(), cost: alone ? lineFigures[i]!.cost : null })),
    })),
  };
}

