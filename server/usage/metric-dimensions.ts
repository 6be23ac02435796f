import type { Charge } from "../billing/types";
import { toMetricDef } from "../catalog/metric-row";
import type { Prisma } from "../db";
import { invalidateIngestionState } from "./ingestion-state";
import { ingestionLockKey } from "./usage-locks";
import { rebuildMetricRollups } from "./rollup-store";

/**
 * Rollups are kept by a metric's dimensions. A plan charge that filters or groups a metric by a
 * property the rollups do not hold yet widens the metric's dimensions and rebuilds its rollups
 * from raw events, in the transaction that publishes the plan, so no usage is ever misattributed.
 */
export async function ensureMetricDimensions(tx: Prisma.TransactionClient, organizationId: string, charges: readonly Charge[]) {
  const needed = new Map<string, Set<string>>();
  for (const c of charges) {
    if (c.type !== "usage") continue;
    const set = needed.get(c.metric) ?? new Set<string>();
    for (const p of Object.keys(c.filters ?? {})) set.add(p);
    for (const p of c.groupBy ?? []) set.add(p);
    needed.set(c.metric, set);
  }
  if (needed.size === 0) return;
  const metrics = await tx.billableMetric.findMany({ where: { organizationId, code: { in: [...needed.keys()] } } });
  for (const metric of metrics) {
    const missing = [...needed.get(metric.code)!].filter((p) => !metric.dimensions.includes(p));
    if (missing.length === 0) continue;
    // Waits for batches in flight and holds new ones (they take it shared, then see the metric's
    // new dimensions through the IngestionVersion the update below bumps): none is lost or
    // rolled up by the old dimensions.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, ingestionLockKey(organizationId));
    const dimensions = [...metric.dimensions, ...missing].sort();
    await tx.billableMetric.update({ where: { id: metric.id }, data: { dimensions } });
    invalidateIngestionState(organizationId);
    await rebuildMetricRollups(tx, organizationId, { ...toMetricDef(metric), dimensions });
  }
}
