import type { EventField } from "../catalog/event-schema-schemas";
import { buildEventValidator } from "../catalog/event-validator";
import type { Db } from "../db";

export interface CatalogSnapshot {
  schemasByCode: Map<string, { id: string; archived: boolean; validate: ReturnType<typeof buildEventValidator> }>;
}

// Ingestion reads the event schemas for every batch; a short-lived snapshot per organization
// avoids re-reading them and rebuilding validators each time (metrics are read in the batch's
// transaction, see ingest.ts). Writes in this process invalidate it at
// once; other processes see changes within the TTL.
const TTL_MS = 1_000;
const snapshots = new Map<string, { at: number; snapshot: Promise<CatalogSnapshot> }>();

export function invalidateCatalog(organizationId: string) {
  snapshots.delete(organizationId);
}

async function loadSnapshot(db: Db, organizationId: string): Promise<CatalogSnapshot> {
  const schemas = await db.eventSchema.findMany({ where: { organizationId }, select: { id: true, code: true, fields: true, archivedAt: true } });
  return {
    schemasByCode: new Map(
      schemas.map((s) => [s.code, { id: s.id, archived: s.archivedAt !== null, validate: buildEventValidator(s.fields as unknown as EventField[]) }]),
    ),
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
