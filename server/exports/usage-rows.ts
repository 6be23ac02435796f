import { toDecimal } from "../billing/decimal";
import type { ServiceContext } from "../context";
import type { CsvPage } from "../http/csv-stream";
import { EXPORT_PAGE_ROWS, type TExportRange } from "./export-schemas";
import { keysetPages } from "./keyset-pages";

export const USAGE_COLUMNS = ["customer", "metric", "aggregation", "day", "value", "events"] as const;

interface Row {
  metricId: string;
  customerId: string;
  day: Date;
  customer: string;
  metric: string;
  aggregation: string;
  eventCount: string;
  sum: string | null;
  min: string | null;
  max: string | null;
  latestValue: string | null;
  uniques: string | null;
}

const ROLLUP_COLUMNS = `"metricId", "customerId", "bucketStart", "eventCount", "sum", "min", "max", "latestAt", "latestValue"`;
const DAY_MS = 86_400_000;

/** The day's value of the metric as its aggregation defines it, from the day's rollups. */
function dayValue(r: Row): string {
  switch (r.aggregation) {
    case "count":
      return r.eventCount;
    case "sum":
      return toDecimal(r.sum ?? "0").toFixed();
    case "min":
      return toDecimal(r.min ?? "0").toFixed();
    case "max":
      return toDecimal(r.max ?? "0").toFixed();
    case "avg":
      return r.eventCount === "0" ? "0" : toDecimal(r.sum ?? "0").dividedBy(r.eventCount).toFixed();
    case "latest":
      return toDecimal(r.latestValue ?? "0").toFixed();
    default:
      return r.uniques ?? "0";
  }
}

/**
 * Usage per customer, metric and UTC day, all groups together, read from the quarter-hour rollups
 * (and the deltas the settler has not folded in yet), never from raw events. Pages are keyed on
 * (metric, customer, day), the rollups' own key order; a unique_count day counts the distinct
 * values seen that day.
 */
export async function* usagePages(ctx: ServiceContext, range: TExportRange, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<CsvPage> {
  const metrics = await ctx.db.billableMetric.findMany({ where: { organizationId: ctx.organizationId }, select: { id: true } });
  if (metrics.length === 0) return;
  const from = (range.from ?? new Date(0)).toISOString();
  const to = (range.to ?? new Date("9999-01-01T00:00:00Z")).toISOString();
  // Both branches carry every condition, so each reads its primary key from the cursor on.
  const branch = (table: string) =>
    `SELECT ${ROLLUP_COLUMNS} FROM "${table}"
      WHERE "metricId" = ANY($1::text[]) AND "organizationId" = $2 AND "bucketStart" >= $3::timestamp AND "bucketStart" < $4::timestamp
        AND ("metricId", "customerId", "bucketStart") >= ($5, $6, $7::timestamp)`;
  const sql = `SELECT g.*, c."externalId" AS customer, m.code AS metric, m.aggregation::text AS aggregation,
                      CASE WHEN m.aggregation = 'unique_count' THEN (
                        SELECT count(DISTINCT u.value)::text FROM "UsageUniqueValue" u
                         WHERE u."metricId" = g."metricId" AND u."customerId" = g."customerId"
                           AND u."bucketStart" >= GREATEST(g.day, $3::timestamp) AND u."bucketStart" < LEAST(g.day + interval '1 day', $4::timestamp)
                      ) END AS uniques
                 FROM (
                   SELECT r."metricId", r."customerId", date_trunc('day', r."bucketStart") AS day,
                          sum(r."eventCount")::text AS "eventCount", sum(r.sum)::text AS sum, min(r.min)::text AS min, max(r.max)::text AS max,
                          (array_agg(r."latestValue" ORDER BY r."latestAt" DESC NULLS LAST))[1]::text AS "latestValue"
                     FROM (${branch("UsageRollup")} UNION ALL ${branch("UsagePendingRollup")}) r
                    GROUP BY 1, 2, 3
                    ORDER BY 1, 2, 3
                    LIMIT $8::int
                 ) g
                 JOIN "BillableMetric" m ON m.id = g."metricId"
                 JOIN "Customer" c ON c.id = g."customerId"
                ORDER BY g."metricId", g."customerId", g.day`;
  const ids = metrics.map((m) => m.id);
  const pages = keysetPages(
    (after: Row | null, n) =>
      ctx.db.$queryRawUnsafe<Row[]>(sql, ids, ctx.organizationId, from, to, after?.metricId ?? "", after?.customerId ?? "", new Date((after?.day.getTime() ?? -DAY_MS) + DAY_MS).toISOString(), n),
    (r) => r,
    pageRows,
  );
  for await (const rows of pages) {
    yield rows.map((r) => [r.customer, r.metric, r.aggregation, r.day.toISOString().slice(0, 10), dayValue(r), Number(r.eventCount)]);
  }
}
