import type { EventField } from "../catalog/event-schema-schemas";
import { buildEventValidator } from "../catalog/event-validator";
import type { Db } from "../db";
import type { MetricDef } from "./rollup-keys";

export interface CatalogSnapshot {
  schemasByCode: Map<string, { id: string; archived: boolean; validate: ReturnType<typeof buildEventValidator> }>;
  metricsBySchemaId: Map<string, MetricDef[]>;
}

// Ingestion reads the catalog for every batch; a short-lived snapshot per organization avoids
// re-reading it and rebuilding validators each time. Writes in this process invalidate it at
// once; other processes see changes within the TTL.
const TTL_MS = 1_000;
const snapshots = new Map<string, { at: number; snapshot: Promise<CatalogSnapshot> }>();

export function invalidateCatalog(organizationId: string) {
  snapshots.delete(organizationId);
}

async function loadSnapshot(db: Db, organizationId: string): Promise<CatalogSnapshot> {
  const [schemas, metrics] = await Promise.all([
    db.eventSchema.findMany({ where: { organizationId }, select: { id: true, code: true, fields: true, archivedAt: true } }),
    db.billableMetric.findMany({
      where: { organizationId },
      select: { id: true, code: true, eventSchemaId: true, aggregation: true, field: true, filters: true, dimensions: true },
    }),
  ]);
  const metricsBySchemaId = new Map<string, MetricDef[]>();
  for (const m of metrics) {
    const list = metricsBySchemaId.get(m.eventSchemaId) ?? [];
    list.push({ id: m.id, code: m.code, aggregation: m.aggregation, field: m.field, filters: m.filters as Record<string, string[]>, dimensions: m.dimensions });
    metricsBySchemaId.set(m.eventSchemaId, list);
  }
  return {
    schemasByCode: new Map(
      schemas.map((s) => [s.code, { id: s.id, archived: s.archivedAt !== null, validate: buildEventValidator(s.fields as unknown as EventField[]) }]),
    ),
    metricsBySchemaId,
  };
}

export function catalogSnapshot(db: Db, organizationId: string, now = Date.now()): Promise<CatalogSnapshot> {
  const cached = snapshots.get(organizationId);
  if (cached && now - cached.at < TTL_MS) return cached.snapshot;
  const snapshot = loadSnapshot(db, organizationId);
  snapshots.set(organizationId, { at: now, snapshot });
  snapshot.catch(() => snapshots.delete(organizationId));
  return snapshot;
}
