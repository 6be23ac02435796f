import type Decimal from "decimal.js";
import type pg from "pg";
import { toDecimal } from "../billing/decimal";
import type { Db } from "../db";
import { bucketStart, contributionOf, type MetricDef } from "./rollup-keys";
import { copyFrom, copyText, copyTimestamp } from "./pg-copy";
import { prismaSql, type Sql } from "./sql";
import { SETTLE_LOCK_KEY } from "./usage-locks";

export interface StoredEvent {
  customerId: string;
  timestamp: Date;
  properties: Record<string, unknown>;
}

interface RollupDelta {
  metricId: string;
  customerId: string;
  bucket: string;
  groupKey: string;
  count: number;
  sum: Decimal;
  min: Decimal | null;
  max: Decimal | null;
  latestAt: number | null;
  latestValue: Decimal | null;
}

export interface RollupChanges {
  deltas: RollupDelta[];
  uniques: { metricId: string; customerId: string; bucket: string; groupKey: string; value: string }[];
}

/** Folds events into per-(metric, customer, bucket, group) deltas: one row per key per batch. */
export function foldEvents(events: readonly StoredEvent[], metrics: readonly MetricDef[]): RollupChanges {
  const deltas = new Map<string, RollupDelta>();
  const uniques = new Map<string, RollupChanges["uniques"][number]>();
  for (const event of events) {
    const bucket = bucketStart(event.timestamp).toISOString();
    for (const metric of metrics) {
      const c = contributionOf(metric, event.properties);
      if (!c) continue;
      if (c.distinct !== null) {
        const key = `${metric.id}|${event.customerId}|${bucket}|${c.groupKey}|${c.distinct}`;
        uniques.set(key, { metricId: metric.id, customerId: event.customerId, bucket, groupKey: c.groupKey, value: c.distinct });
      }
      const key = `${metric.id}|${event.customerId}|${bucket}|${c.groupKey}`;
      const value = toDecimal(c.value);
      const at = event.timestamp.getTime();
      const d = deltas.get(key);
      if (!d) {
        deltas.set(key, { metricId: metric.id, customerId: event.customerId, bucket, groupKey: c.groupKey, count: 1, sum: value, min: value, max: value, latestAt: at, latestValue: value });
        continue;
      }
      d.count += 1;
      d.sum = d.sum.plus(value);
      d.min = d.min && d.min.lessThan(value) ? d.min : value;
      d.max = d.max && d.max.greaterThan(value) ? d.max : value;
      if (d.latestAt === null || at >= d.latestAt) {
        d.latestAt = at;
        d.latestValue = value;
      }
    }
  }
  return sortRollupChanges({ deltas: [...deltas.values()], uniques: [...uniques.values()] });
}

type RollupKey = { metricId: string; customerId: string; bucket: string; groupKey: string };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Code-unit order, the same in every process (localeCompare would depend on the locale).
const byKey = (a: RollupKey, b: RollupKey) => compare(a.metricId, b.metricId) || compare(a.customerId, b.customerId) || compare(a.bucket, b.bucket) || compare(a.groupKey, b.groupKey);

/** A fixed order keeps concurrent batches from locking the same rows in opposite orders. */
export function sortRollupChanges(changes: RollupChanges): RollupChanges {
  changes.deltas.sort(byKey);
  changes.uniques.sort((a, b) => byKey(a, b) || compare(a.value, b.value));
  return changes;
}

// Rows as one JSON document (decimals as JSON strings, so they stay exact), in the sorted order.
const UPSERT_ROLLUPS = { name: "eb_usage_upsert_rollups", text: `
INSERT INTO "UsageRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
SELECT m, c, b, g, $2, n, s, mn, mx, la, lv
FROM json_to_recordset($1::json) AS t(m text, c text, b timestamp, g text, n bigint, s numeric, mn numeric, mx numeric, la timestamp, lv numeric)
ON CONFLICT ("metricId", "customerId", "bucketStart", "groupKey") DO UPDATE SET
  "eventCount" = "UsageRollup"."eventCount" + EXCLUDED."eventCount",
  "sum" = "UsageRollup"."sum" + EXCLUDED."sum",
  "min" = LEAST("UsageRollup"."min", EXCLUDED."min"),
  "max" = GREATEST("UsageRollup"."max", EXCLUDED."max"),
  "latestValue" = CASE WHEN "UsageRollup"."latestAt" IS NULL OR EXCLUDED."latestAt" >= "UsageRollup"."latestAt" THEN EXCLUDED."latestValue" ELSE "UsageRollup"."latestValue" END,
  "latestAt" = GREATEST("UsageRollup"."latestAt", EXCLUDED."latestAt")` };

const INSERT_UNIQUES = { name: "eb_usage_insert_uniques", text: `
INSERT INTO "UsageUniqueValue" ("metricId", "customerId", "bucketStart", "groupKey", "value")
SELECT m, c, b::timestamp, g, v FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(m, c, b, g, v)
ON CONFLICT DO NOTHING` };

const deltaRows = (deltas: readonly RollupDelta[]) =>
  deltas.map((d) => ({
    m: d.metricId,
    c: d.customerId,
    b: d.bucket,
    g: d.groupKey,
    n: d.count,
    s: d.sum.toString(),
    mn: d.min?.toString() ?? null,
    mx: d.max?.toString() ?? null,
    la: d.latestAt === null ? null : new Date(d.latestAt).toISOString(),
    lv: d.latestValue?.toString() ?? null,
  }));

async function insertUniques(sql: Sql, uniques: RollupChanges["uniques"]) {
  if (uniques.length === 0) return;
  await sql(INSERT_UNIQUES, [uniques.map((u) => u.metricId), uniques.map((u) => u.customerId), uniques.map((u) => u.bucket), uniques.map((u) => u.groupKey), uniques.map((u) => u.value)]);
}

/** Adds folded deltas straight to the rollups (sorted, so concurrent writers lock rows in one order). */
export async function applyRollupChanges(sql: Sql, organizationId: string, changes: RollupChanges) {
  if (changes.deltas.length) await sql(UPSERT_ROLLUPS, [JSON.stringify(deltaRows(changes.deltas)), organizationId]);
  await insertUniques(sql, changes.uniques);
}

const INSERT_PENDING = { name: "eb_usage_insert_pending", text: `
INSERT INTO "UsagePendingRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
SELECT m, c, b, g, $2, n, s, mn, mx, la, lv
FROM json_to_recordset($1::json) AS t(m text, c text, b timestamp, g text, n bigint, s numeric, mn numeric, mx numeric, la timestamp, lv numeric)` };

const COPY_PENDING = `COPY "UsagePendingRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue") FROM STDIN`;

/**
 * Leaves folded deltas for the settler (rollup-settle.ts), in the transaction that stores their
 * events: an append, no rollup row locked. With a pg client, by COPY; otherwise one INSERT.
 * Distinct values of unique_count metrics go straight to their table (idempotent, sorted).
 */
export async function appendPendingRollups(sql: Sql, organizationId: string, changes: RollupChanges, client?: pg.ClientBase) {
  const { deltas } = changes;
  if (deltas.length && client) {
    const n = (v: Decimal | null) => (v === null ? "\\N" : v.toString());
    const lines = deltas.map(
      (d) =>
        `${copyText(d.metricId)}\t${copyText(d.customerId)}\t${copyTimestamp(Date.parse(d.bucket))}\t${copyText(d.groupKey)}\t${copyText(organizationId)}\t${d.count}\t${d.sum.toString()}\t${n(d.min)}\t${n(d.max)}\t${d.latestAt === null ? "\\N" : copyTimestamp(d.latestAt)}\t${n(d.latestValue)}`,
    );
    await copyFrom(client, COPY_PENDING, [Buffer.from(lines.join("\n") + "\n")]);
  } else if (deltas.length) {
    await sql(INSERT_PENDING, [JSON.stringify(deltaRows(deltas)), organizationId]);
  }
  await insertUniques(sql, changes.uniques);
}

const REBUILD_PAGE = 5_000;

/**
 * Recomputes a metric's rollups from its raw events, after its dimensions changed. The same
 * fold as ingestion, page by page, so both paths share one definition of the aggregation.
 */
export async function rebuildMetricRollups(db: Db, organizationId: string, metric: MetricDef & { eventSchemaId: string }) {
  // No settle runs meanwhile (it would move this metric's pending deltas into rows being rebuilt).
  await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, SETTLE_LOCK_KEY);
  await db.$executeRawUnsafe(`DELETE FROM "UsagePendingRollup" WHERE "metricId" = $1`, metric.id);
  await db.$executeRawUnsafe(`DELETE FROM "UsageRollup" WHERE "metricId" = $1`, metric.id);
  await db.$executeRawUnsafe(`DELETE FROM "UsageUniqueValue" WHERE "metricId" = $1`, metric.id);
  let after = BigInt(0);
  for (;;) {
    const page = await db.usageEvent.findMany({
      where: { organizationId, eventSchemaId: metric.eventSchemaId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: REBUILD_PAGE,
      select: { id: true, customerId: true, timestamp: true, properties: true },
    });
    if (page.length === 0) return;
    const events = page.map((e) => ({ customerId: e.customerId, timestamp: e.timestamp, properties: e.properties as Record<string, unknown> }));
    await applyRollupChanges(prismaSql(db), organizationId, foldEvents(events, [metric]));
    after = page[page.length - 1]!.id;
  }
}
