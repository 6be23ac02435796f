import { inPgTransaction, ingestPool } from "./ingest-pool";
import { ADD_TO_ROLLUP } from "./rollup-store";
import type { Sql } from "./sql";
import { SETTLE_LOCK_KEY } from "./usage-locks";

/**
 * Accepted events leave their rollup deltas in "UsagePendingRollup" (one cheap append per batch,
 * no row of UsageRollup locked or rewritten per event); this folds them into "UsageRollup" in
 * one statement, rows moved and added in the same transaction, so each delta counts exactly
 * once. Readers add the pending rows to the rollups (aggregate.ts), so usage is exact at any
 * moment; settling only keeps the pending table small, and runs within a second of a batch.
 */
const SETTLE = {
  name: "eb_usage_settle_rollups_v2",
  text: `
WITH moved AS (DELETE FROM "UsagePendingRollup" RETURNING *),
merged AS (
  SELECT "metricId", "customerId", "bucketStart", "groupKey", min("organizationId") AS "organizationId", sum("eventCount") AS "eventCount",
         sum("sum") AS "sum", min("min") AS "min", max("max") AS "max", max("latestAt") AS "latestAt",
         (array_agg("latestValue" ORDER BY "latestAt" DESC NULLS LAST, "latestValue" DESC))[1] AS "latestValue"
    FROM moved GROUP BY "metricId", "customerId", "bucketStart", "groupKey"),
upserted AS (
INSERT INTO "UsageRollup" ("metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue")
SELECT "metricId", "customerId", "bucketStart", "groupKey", "organizationId", "eventCount", "sum", "min", "max", "latestAt", "latestValue" FROM merged
${ADD_TO_ROLLUP}
RETURNING 1)
SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM upserted)::int AS upserted`,
};

// Every settle leaves the rows it moved dead. Left to autovacuum (a minute apart at best), they
// pile up by the million under load, and every settle and every read scans them: the settler
// vacuums the table itself after moving rows (no index, so it takes milliseconds), which also
// hands the space back to new deltas.
const VACUUM_PENDING = `VACUUM (SKIP_LOCKED) "UsagePendingRollup"`;

const TRY_LOCK = { name: "eb_usage_settle_try_lock", text: `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked` };

/**
 * Folds every pending delta into the rollups, in the caller's transaction. Answers how many
 * pending rows it moved, or null when another settler holds the lock (it will do the work).
 */
export async function settlePendingRollups(sql: Sql): Promise<number | null> {
  const [lock] = await sql<{ locked: boolean }>(TRY_LOCK, [SETTLE_LOCK_KEY]);
  if (!lock?.locked) return null;
  const [result] = await sql<{ moved: number }>(SETTLE, []);
  return result?.moved ?? 0;
}

const SETTLE_DELAY_MS = 400;
let timer: NodeJS.Timeout | null = null;
let running: Promise<void> | null = null;

/**
 * Settles soon (within SETTLE_DELAY_MS plus the run): called after every batch that wrote
 * pending deltas. Many batches share one run. A failed or contended run tries again later.
 */
export function scheduleRollupSettle(delayMs = SETTLE_DELAY_MS) {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    running ??= settleNow().finally(() => (running = null));
  }, delayMs);
  timer.unref();
}

async function settleNow() {
  try {
    const moved = await inPgTransaction((sql) => settlePendingRollups(sql));
    if (moved === null) scheduleRollupSettle();
    else if (moved > 0) await ingestPool().query(VACUUM_PENDING);
  } catch (error) {
    console.error("[easybilling] settling usage rollups failed; retrying:", error);
    scheduleRollupSettle(1_000);
  }
}
