import type Decimal from "decimal.js";
import { maxDecimal, minDecimal, toDecimal, ZERO } from "../billing/decimal";
import type { Db } from "../db";
import { BUCKET_MS } from "./limits";
import { contributionOf, matchesFilters, type Aggregation, type MetricDef } from "./rollup-keys";

export interface UsageSelection {
  organizationId: string;
  metric: MetricDef & { eventSchemaId: string };
  customerId: string;
  from: Date;
  to: Date;
  /** A charge's extra filters (on the metric's dimensions). */
  filters?: Record<string, string[]>;
  /** Properties (among the metric's dimensions) to split the result by. */
  groupBy?: string[];
  /** Splits [from, to) into windows; the key is the window's start. Default: one window. */
  windowOf?: (instant: Date) => string;
  /** With windowOf: the windows' starts, ascending, the first at or before `from` (lets SQL sum per window). */
  windowStarts?: readonly Date[];
}

// Rollups plus the deltas of accepted events the settler has not folded in yet
// (rollup-settle.ts): one statement, one snapshot, so every event counts exactly once. The
// conditions on the outer query are pushed into both branches.
const ROLLUP_COLUMNS = `"metricId", "customerId", "bucketStart", "groupKey", "eventCount", "sum", "min", "max", "latestAt", "latestValue"`;
const ROLLUPS_WITH_PENDING = `SELECT ${ROLLUP_COLUMNS} FROM "UsageRollup" UNION ALL SELECT ${ROLLUP_COLUMNS} FROM "UsagePendingRollup"`;

interface RollupAggregate {
  /** Epoch ms of the first quarter hour of the window and group. */
  first: number;
  groupKey: string;
  eventCount: string;
  sum: string;
  min: string | null;
  max: string | null;
  latestAt: number | null;
  latestValue: string | null;
}

interface State {
  count: number;
  sum: Decimal;
  min: Decimal | null;
  max: Decimal | null;
  latestAt: number | null;
  latestValue: Decimal | null;
  distinct: Set<string>;
}

export interface UsageCell {
  window: string;
  group: Record<string, string | null>;
  /** The metric's value: count, sum, max, … of the events in the window and group. */
  quantity: Decimal;
  /** Events that contributed (the fixed fee of percentage charges counts these). */
  eventCount: number;
}

const newState = (): State => ({ count: 0, sum: ZERO, min: null, max: null, latestAt: null, latestValue: null, distinct: new Set() });

function finalValue(aggregation: Aggregation, s: State): Decimal {
  switch (aggregation) {
    case "count":
      return toDecimal(String(s.count));
    case "sum":
      return s.sum;
    case "max":
      return s.max ?? ZERO;
    case "min":
      return s.min ?? ZERO;
    case "avg":
      return s.count === 0 ? ZERO : s.sum.dividedBy(s.count);
    case "latest":
      return s.latestValue ?? ZERO;
    case "unique_count":
      return toDecimal(String(s.distinct.size));
  }
}

const ceilBucket = (d: Date) => new Date(Math.ceil(d.getTime() / BUCKET_MS) * BUCKET_MS);
const floorBucket = (d: Date) => new Date(Math.floor(d.getTime() / BUCKET_MS) * BUCKET_MS);

/** The whole quarter hours of [from, to) that rollups answer for. */
function alignedSpan(from: Date, to: Date) {
  const alignedFrom = ceilBucket(from);
  return { alignedFrom, alignedTo: new Date(Math.max(alignedFrom.getTime(), floorBucket(to).getTime())) };
}

/**
 * Rollup rows read ahead for many customers at once (a billing run): one query per metric instead
 * of one per contract and charge. aggregateUsage takes its rows from here when it holds the
 * selection's metric, customer and span, and merges them exactly as rows it read itself.
 */
export class PrefetchedRollups {
  private readonly rows = new Map<string, RollupAggregate[]>();
  private readonly uniques = new Map<string, { bucketStart: Date; groupKey: string; value: string }[]>();

  static key(metricId: string, customerId: string, alignedFrom: Date, alignedTo: Date) {
    return `${metricId}|${customerId}|${alignedFrom.getTime()}|${alignedTo.getTime()}`;
  }

  /** Reads the rollups of `metric` for each request's whole quarter hours, in one statement. */
  static async load(db: Db, metric: MetricDef, requests: readonly { customerId: string; from: Date; to: Date }[], into = new PrefetchedRollups()) {
    const spans = new Map<string, { customerId: string; alignedFrom: Date; alignedTo: Date }>();
    for (const r of requests) {
      const { alignedFrom, alignedTo } = alignedSpan(r.from, r.to);
      if (alignedFrom < alignedTo) spans.set(PrefetchedRollups.key(metric.id, r.customerId, alignedFrom, alignedTo), { customerId: r.customerId, alignedFrom, alignedTo });
    }
    const list = [...spans.entries()];
    if (list.length === 0) return into;
    const params = [metric.id, list.map(([, s]) => s.customerId), list.map(([, s]) => s.alignedFrom.toISOString()), list.map(([, s]) => s.alignedTo.toISOString())];
    const spansSql = `unnest($2::text[], $3::timestamp[], $4::timestamp[]) WITH ORDINALITY AS q("customerId", "from", "to", idx)`;
    // Every span gets an entry, so one without rollups reads as empty instead of being queried again.
    for (const [key] of list) {
      if (metric.aggregation === "unique_count") into.uniques.set(key, []);
      else into.rows.set(key, []);
    }
    if (metric.aggregation === "unique_count") {
      const rows = await db.$queryRawUnsafe<{ idx: string; bucketStart: Date; groupKey: string; value: string }[]>(
        `SELECT q.idx::text AS idx, u."bucketStart", u."groupKey", u.value
           FROM ${spansSql}
           JOIN "UsageUniqueValue" u ON u."metricId" = $1 AND u."customerId" = q."customerId" AND u."bucketStart" >= q."from" AND u."bucketStart" < q."to"`,
        ...params,
      );
      for (const row of rows) into.uniques.get(list[Number(row.idx) - 1]![0])!.push(row);
    } else {
      const rows = await db.$queryRawUnsafe<(RollupAggregate & { idx: string })[]>(
        `SELECT q.idx::text AS idx, (extract(epoch FROM min(r."bucketStart")) * 1000)::float8 AS first, r."groupKey", sum(r."eventCount")::text AS "eventCount",
                sum(r."sum")::text AS sum, min(r."min")::text AS min, max(r."max")::text AS max,
                (extract(epoch FROM max(r."latestAt")) * 1000)::float8 AS "latestAt",
                ${metric.aggregation === "latest" ? `(array_agg(r."latestValue" ORDER BY r."latestAt" DESC NULLS LAST))[1]::text` : "NULL::text"} AS "latestValue"
           FROM ${spansSql}
           JOIN (${ROLLUPS_WITH_PENDING}) r ON r."metricId" = $1 AND r."customerId" = q."customerId" AND r."bucketStart" >= q."from" AND r."bucketStart" < q."to"
          GROUP BY q.idx, r."groupKey"`,
        ...params,
      );
      for (const { idx, ...row } of rows) into.rows.get(list[Number(idx) - 1]![0])!.push(row);
    }
    return into;
  }

  rollupsFor(key: string) {
    return this.rows.get(key);
  }

  uniquesFor(key: string) {
    return this.uniques.get(key);
  }
}

/**
 * A metric's usage for one customer over [from, to), by window and group. Whole quarter hours
 * come from the rollups; only a partial quarter hour at either edge (a contract starting at
 * 10:07) is read from raw events, so the cost does not grow with the number of events.
 */
export async function aggregateUsage(db: Db, sel: UsageSelection, prefetched?: PrefetchedRollups): Promise<UsageCell[]> {
  const { metric, from, to } = sel;
  const groupBy = sel.groupBy ?? [];
  const windowOf = sel.windowOf ?? (() => from.toISOString());
  const cells = new Map<string, { window: string; group: Record<string, string | null>; state: State }>();
  const cellFor = (instant: Date, dims: Record<string, string | null>) => {
    const group: Record<string, string | null> = {};
    for (const g of groupBy) group[g] = dims[g] ?? null;
    const window = windowOf(instant);
    const key = `${window}|${JSON.stringify(group)}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { window, group, state: newState() }));
    return cell.state;
  };
  const passes = (dims: Record<string, string | null>) =>
    !sel.filters || Object.entries(sel.filters).every(([p, values]) => dims[p] !== null && dims[p] !== undefined && values.includes(dims[p]!));

  const { alignedFrom, alignedTo } = alignedSpan(from, to);
  // Prefetched rows are one aggregate per group over the whole span: only without windows.
  const key = PrefetchedRollups.key(metric.id, sel.customerId, alignedFrom, alignedTo);
  const ahead = sel.windowOf ? undefined : prefetched;

  if (alignedFrom < alignedTo) {
    if (metric.aggregation === "unique_count") {
      const rows =
        ahead?.uniquesFor(key) ??
        (await db.usageUniqueValue.findMany({
          where: { metricId: metric.id, customerId: sel.customerId, bucketStart: { gte: alignedFrom, lt: alignedTo } },
          select: { bucketStart: true, groupKey: true, value: true },
        }));
      for (const row of rows) {
        const dims = JSON.parse(row.groupKey) as Record<string, string | null>;
        if (passes(dims)) cellFor(row.bucketStart, dims).distinct.add(row.value);
      }
    } else {
      // Pre-aggregated per window and group in SQL: a month of quarter hours is ~3,000 rollup
      // rows, a few dozen once summed per day; the merge below is the same either way.
      const starts = sel.windowStarts?.map((d) => d.toISOString());
      const byWindow = starts ? `width_bucket("bucketStart", (SELECT $5::text[]::timestamp[])), ` : sel.windowOf ? `"bucketStart", ` : "";
      const rows =
        ahead?.rollupsFor(key) ??
        (await db.$queryRawUnsafe<RollupAggregate[]>(
        `SELECT (extract(epoch FROM min("bucketStart")) * 1000)::float8 AS first, "groupKey", sum("eventCount")::text AS "eventCount",
                sum("sum")::text AS sum, min("min")::text AS min, max("max")::text AS max,
                (extract(epoch FROM max("latestAt")) * 1000)::float8 AS "latestAt",
                ${metric.aggregation === "latest" ? `(array_agg("latestValue" ORDER BY "latestAt" DESC NULLS LAST))[1]::text` : "NULL::text"} AS "latestValue"
           FROM (${ROLLUPS_WITH_PENDING}) r
          WHERE "metricId" = $1 AND "customerId" = $2 AND "bucketStart" >= $3::timestamp AND "bucketStart" < $4::timestamp
          GROUP BY ${byWindow}"groupKey"`,
        metric.id,
        sel.customerId,
        alignedFrom.toISOString(),
        alignedTo.toISOString(),
        ...(starts ? [starts] : []),
      ));
      for (const row of rows) {
        const dims = JSON.parse(row.groupKey) as Record<string, string | null>;
        if (!passes(dims)) continue;
        const s = cellFor(new Date(row.first), dims);
        s.count += Number(row.eventCount);
        s.sum = s.sum.plus(toDecimal(row.sum));
        if (row.min !== null) s.min = s.min === null ? toDecimal(row.min) : minDecimal(s.min, toDecimal(row.min));
        if (row.max !== null) s.max = s.max === null ? toDecimal(row.max) : maxDecimal(s.max, toDecimal(row.max));
        if (row.latestAt !== null && (s.latestAt === null || row.latestAt >= s.latestAt)) {
          s.latestAt = row.latestAt;
          s.latestValue = row.latestValue === null ? null : toDecimal(row.latestValue);
        }
      }
    }
  }

  const edges: [Date, Date][] = alignedFrom < alignedTo ? [[from, alignedFrom], [alignedTo, to]] : [[from, to]];
  for (const [start, end] of edges) {
    if (start >= end) continue;
    const events = await db.usageEvent.findMany({
      where: { customerId: sel.customerId, eventSchemaId: metric.eventSchemaId, timestamp: { gte: start, lt: end } },
      select: { timestamp: true, properties: true },
    });
    for (const e of events) {
      const properties = e.properties as Record<string, unknown>;
      const c = contributionOf(metric, properties);
      if (!c) continue;
      const dims = JSON.parse(c.groupKey) as Record<string, string | null>;
      if (!passes(dims) || (sel.filters && !matchesFilters(sel.filters, properties))) continue;
      const s = cellFor(e.timestamp, dims);
      const value = toDecimal(c.value);
      s.count += 1;
      s.sum = s.sum.plus(value);
      s.min = s.min === null ? value : minDecimal(s.min, value);
      s.max = s.max === null ? value : maxDecimal(s.max, value);
      if (s.latestAt === null || e.timestamp.getTime() >= s.latestAt) {
        s.latestAt = e.timestamp.getTime();
        s.latestValue = value;
      }
      if (c.distinct !== null) s.distinct.add(c.distinct);
    }
  }

  return [...cells.values()].map((c) => ({ window: c.window, group: c.group, quantity: finalValue(metric.aggregation, c.state), eventCount: c.state.count }));
}
