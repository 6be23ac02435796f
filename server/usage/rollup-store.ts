import type Decimal from "decimal.js";
import type pg from "pg";
import { toDecimal } from "../billing/decimal";
import type { Db } from "../db";
import { BUCKET_MS } from "./limits";
import { contributionOf, type MetricDef } from "./rollup-keys";
import { copyFrom, copyText, copyTimestamp } from "./pg-copy";
import { prismaSql, type Sql } from "./sql";
import { SETTLE_LOCK_KEY } from "./usage-locks";

export interface StoredEvent {
  customerId: string;
  timestamp: Date;
  properties: Record<string, unknown>;
}

/** One key's fold of a batch; values are exact decimal strings. */
interface RollupDelta {
  metricId: string;
  customerId: string;
  /** The quarter hour's start as PostgreSQL reads a UTC timestamp ("2026-01-10 12:00:00.000"). */
  bucket: string;
  groupKey: string;
  count: number;
  sum: string;
  min: string | null;
  max: string | null;
  latestAt: number | null;
  latestValue: string | null;
}

export interface RollupChanges {
  deltas: RollupDelta[];
  uniques: { metricId: string; customerId: string; bucket: string; groupKey: string; value: string }[];
}

// Most usage values are integers (tokens, calls, bytes): while they and their sum stay safe
// integers they are added as numbers, exactly, and only other values or overflow take Decimal.
type Exact = number | Decimal;
const SMALL_INTEGER = /^-?\d{1,15}$/;
const exact = (text: string): Exact => (SMALL_INTEGER.test(text) ? Number(text) : toDecimal(text));
const big = (v: Exact) => (typeof v === "number" ? toDecimal(String(v)) : v);
const text = (v: Exact) => (typeof v === "number" ? String(v) : v.toFixed());
function plus(a: Exact, b: Exact): Exact {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return big(a).plus(big(b));
}
const less = (a: Exact, b: Exact) => (typeof a === "number" && typeof b === "number" ? a < b : big(a).lessThan(big(b)));

interface Fold {
  delta: Omit<RollupDelta, "sum" | "min" | "max" | "latestValue">;
  sum: Exact;
  min: Exact;
  max: Exact;
  latest: Exact;
}

/** Folds events into per-(metric, customer, bucket, group) deltas: one row per key per batch. */
export function foldEvents(events: readonly StoredEvent[], metrics: readonly MetricDef[]): RollupChanges {
  const folds = new Map<string, Fold>();
  const uniques = new Map<string, RollupChanges["uniques"][number]>();
  const bucketTexts = new Map<number, string>();
  for (const event of events) {
    const at = event.timestamp.getTime();
    const bucketMs = Math.floor(at / BUCKET_MS) * BUCKET_MS;
    let bucket = bucketTexts.get(bucketMs);
    if (bucket === undefined) bucketTexts.set(bucketMs, (bucket = copyTimestamp(bucketMs)));
    for (const metric of metrics) {
      const c = contributionOf(metric, event.properties);
      if (!c) continue;
      if (c.distinct !== null) {
        const key = `${metric.id}|${event.customerId}|${bucket}|${c.groupKey}|${c.distinct}`;
        uniques.set(key, { metricId: metric.id, customerId: event.customerId, bucket, groupKey: c.groupKey, value: c.distinct });
      }
      const key = `${metric.id}|${event.customerId}|${bucket}|${c.groupKey}`;
      const value = exact(c.value);
      const f = folds.get(key);
      if (!f) {
        folds.set(key, { delta: { metricId: metric.id, customerId: event.customerId, bucket, groupKey: c.groupKey, count: 1, latestAt: at }, sum: value, min: value, max: value, latest: value });
        continue;
      }
      f.delta.count += 1;
      f.sum = plus(f.sum, value);
      if (less(value, f.min)) f.min = value;
      if (less(f.max, value)) f.max = value;
      // Among equal timestamps the later event of the batch wins, as the settler's merge does.
      if (f.delta.latestAt === null || at >= f.delta.latestAt) {
        f.delta.latestAt = at;
        f.latest = value;
      }
    }
  }
  const deltas: RollupDelta[] = [];
  for (const { delta: d, sum, min, max, latest } of folds.values()) {
    deltas.push({ metricId: d.metricId, customerId: d.customerId, bucket: d.bucket, groupKey: d.groupKey, count: d.count, sum: text(sum), min: text(min), max: text(max), latestAt: d.latestAt, latestValue: text(latest) });
  }
  // Deltas are appended, never upserted here, so their order does not matter (sorting 1,000 long
  // keys was a tenth of a batch's CPU); distinct values are inserted ON CONFLICT: in one order.
  return { deltas, uniques: [...uniques.values()].sort(byUniqueKey) };
}

type RollupKey = { metricId: string; customerId: string; bucket: string; groupKey: string };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Code-unit order, the same in every process (localeCompare would depend on the locale).
const byKey = (a: RollupKey, b: RollupKey) => compare(a.metricId, b.metricId) || compare(a.customerId, b.customerId) || compare(a.bucket, b.bucket) || compare(a.groupKey, b.groupKey);

const byUniqueKey = (a: RollupChanges["uniques"][number], b: RollupChanges["uniques"][number]) => byKey(a, b) || compare(a.value, b.value);

/** A fixed order keeps concurrent writers from locking the same rows in opposite orders. */
export function sortRollupChanges(changes: RollupChanges, what: "all" | "uniques" = "all"): RollupChanges {
  if (what === "all") changes.deltas.sort(byKey);
  changes.uniques.sort(byUniqueKey);
  return changes;
}

/** How a delta adds to an existing rollup row: the one merge rule of the rebuild and the settler. */
export const ADD_TO_ROLLUP = `ON CONFLICT ("metricId", "customerId", "bucketStart", "groupKey") DO UPDATE SET
  "eventCount" = "UsageRollup"."eventCount" + EXCLUDED."eventCount",
  "sum" = "UsageRollup"."sum" + EXCLUDED."sum",
  "min" = LEAST("UsageRollup"."min", EXCLUDED."min"),
  "max" = GREATEST("UsageRollup"."max", EXCLUDED."max"),
  "latestValue" = CASE WHEN "UsageRollup"."latestAt" IS NULL OR EXCLUDED."latestAt" >= "UsageRollup"."latestAt" THEN EXCLUDED."latestValue" ELSE "UsageRollup"."latestValue" END,
  "latestAt" = GREATEST("UsageRollup"."latestAt", EXCLUDED."latestAt")`;

// Rows as one JSON document (decimals as JSON strings, so they stay exact), in the sorted order.
const UPSERT_ROLLUPS = { name: "eb_usage_upsert_rollups", text: `
INSERT INTO "UsageRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
SELECT m, c, b, g, $2, n, s, mn, mx, la, lv
FROM json_to_recordset($1::json) AS t(m text, c text, b timestamp, g text, n bigint, s numeric, mn numeric, mx numeric, la timestamp, lv numeric)
${ADD_TO_ROLLUP}` };

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
    s: d.sum,
    mn: d.min,
    mx: d.max,
    la: d.latestAt === null ? null : copyTimestamp(d.latestAt),
    lv: d.latestValue,
  }));

async function insertUniques(sql: Sql, uniques: RollupChanges["uniques"]) {
  if (uniques.length === 0) return;
  await sql(INSERT_UNIQUES, [uniques.map((u) => u.metricId), uniques.map((u) => u.customerId), uniques.map((u) => u.bucket), uniques.map((u) => u.groupKey), uniques.map((u) => u.value)]);
}

/** Adds folded deltas straight to the rollups (sorted, so concurrent writers lock rows in one order). */
export async function applyRollupChanges(sql: Sql, organizationId: string, changes: RollupChanges) {
  sortRollupChanges(changes);
  if (changes.deltas.length) await sql(UPSERT_ROLLUPS, [JSON.stringify(deltaRows(changes.deltas)), organizationId]);
  await insertUniques(sql, changes.uniques);
}

const INSERT_PENDING = { name: "eb_usage_insert_pending", text: `
INSERT INTO "UsagePendingRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
SELECT m, c, b, g, $2, n, s, mn, mx, la, lv
FROM json_to_recordset($1::json) AS t(m text, c text, b timestamp, g text, n bigint, s numeric, mn numeric, mx numeric, la timestamp, lv numeric)` };

export const COPY_PENDING = `COPY "UsagePendingRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue") FROM STDIN`;

/** Deltas as COPY_PENDING's data. */
export function pendingRollupsCopy(organizationId: string, deltas: readonly RollupDelta[]): Buffer {
  const n = (v: string | null) => v ?? "\\N";
  const org = copyText(organizationId);
  let text = "";
  for (const d of deltas) {
    text += `${copyText(d.metricId)}\t${copyText(d.customerId)}\t${d.bucket}\t${copyText(d.groupKey)}\t${org}\t${d.count}\t${d.sum}\t${n(d.min)}\t${n(d.max)}\t${d.latestAt === null ? "\\N" : copyTimestamp(d.latestAt)}\t${n(d.latestValue)}\n`;
  }
  return Buffer.from(text);
}

/**
 * Leaves folded deltas for the settler (rollup-settle.ts), in the transaction that stores their
 * events: an append, no rollup row locked. With a pg client, by COPY; otherwise one INSERT.
 * Distinct values of unique_count metrics go straight to their table (idempotent, sorted).
 */
export async function appendPendingRollups(sql: Sql, organizationId: string, changes: RollupChanges, client?: pg.ClientBase) {
  const { deltas } = changes;
  if (deltas.length && client) {
    await copyFrom(client, COPY_PENDING, [pendingRollupsCopy(organizationId, deltas)]);
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
