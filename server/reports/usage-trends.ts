// Usage per metric and UTC day over the last 30 days, from the rollups (never raw events).
import type Decimal from "decimal.js";
import { toDecimal, ZERO } from "../billing/decimal";
import type { ServiceContext } from "../context";
import { overviewDays } from "./overview-window";

// Rollups plus the deltas the settler has not folded in yet, as server/usage/aggregate.ts reads
// them, summed per metric and day for all customers.
const COLUMNS = `"metricId", "bucketStart", "eventCount", "sum", "min", "max"`;
const DAILY = `
SELECT r."metricId", to_char(r."bucketStart", 'YYYY-MM-DD') AS day, SUM(r."eventCount")::text AS events,
       SUM(r.sum)::text AS sum, MIN(r.min)::text AS min, MAX(r.max)::text AS max
FROM (SELECT ${COLUMNS} FROM "UsageRollup" UNION ALL SELECT ${COLUMNS} FROM "UsagePendingRollup") r
WHERE r."metricId" = ANY($1::text[]) AND r."bucketStart" >= $2::timestamp AND r."bucketStart" < $3::timestamp
GROUP BY 1, 2`;

type Daily = { metricId: string; day: string; events: string; sum: string; min: string | null; max: string | null };

export interface UsageTrend {
  code: string;
  name: string;
  /** What `values` hold: the metric's own aggregate where it adds up across customers, else events. */
  unit: "sum" | "count" | "max" | "min" | "avg" | "events";
  days: { day: string; value: string }[];
  /** The last 7 days against the 7 before them. */
  last7: string;
  previous7: string;
}

function dayValue(unit: UsageTrend["unit"], row: Daily | undefined): Decimal {
  if (!row) return ZERO;
  if (unit === "sum") return toDecimal(row.sum);
  if (unit === "max") return toDecimal(row.max ?? "0");
  if (unit === "min") return toDecimal(row.min ?? "0");
  if (unit === "avg") return toDecimal(row.events).isZero() ? ZERO : toDecimal(row.sum).dividedBy(toDecimal(row.events));
  return toDecimal(row.events);
}

const unitOf = (aggregation: string): UsageTrend["unit"] =>
  aggregation === "sum" || aggregation === "max" || aggregation === "min" || aggregation === "avg" ? aggregation : aggregation === "count" ? "count" : "events";

/** The organization's live metrics (up to `limit`, by code), each with 30 daily values. */
export async function getUsageTrends(ctx: ServiceContext, now: Date, limit = 8): Promise<UsageTrend[]> {
  const metrics = await ctx.db.billableMetric.findMany({
    where: { organizationId: ctx.organizationId, archivedAt: null },
    select: { id: true, code: true, name: true, aggregation: true },
    orderBy: { code: "asc" },
    take: limit,
  });
  if (metrics.length === 0) return [];
  const { days, from, to } = overviewDays(now);
  const rows = await ctx.db.$queryRawUnsafe<Daily[]>(DAILY, metrics.map((m) => m.id), from.toISOString(), to.toISOString());
  return metrics.map((metric) => {
    const unit = unitOf(metric.aggregation);
    const mine = new Map(rows.filter((r) => r.metricId === metric.id).map((r) => [r.day, r]));
    const values = days.map((day) => ({ day, value: dayValue(unit, mine.get(day)) }));
    // Only sums and counts add up over a week; the others compare their extremes or averages by day.
    const fold = (slice: typeof values) =>
      unit === "max" ? slice.reduce((m, v) => (v.value.gt(m) ? v.value : m), ZERO) : slice.reduce((s, v) => s.plus(v.value), ZERO).dividedBy(unit === "min" || unit === "avg" ? Math.max(1, slice.length) : 1);
    return {
      code: metric.code,
      name: metric.name,
      unit,
      days: values.map((v) => ({ day: v.day, value: v.value.toFixed() })),
      last7: fold(values.slice(-7)).toFixed(),
      previous7: fold(values.slice(-14, -7)).toFixed(),
    };
  });
}
