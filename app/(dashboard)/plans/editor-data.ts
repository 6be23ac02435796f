import { serverCaller } from "@/server/trpc/server-caller";
import type { SchemaField } from "../metrics/catalog-form";
import type { MetricOption } from "./charge-editor";

/** What the plan editor offers: every metric (archived ones only to keep existing charges) and the fields of their schemas. */
export async function loadEditorCatalog(trpc: Awaited<ReturnType<typeof serverCaller>>) {
  const [metrics, schemas] = await Promise.all([trpc.metrics.list({ limit: 200, includeArchived: "true" }), trpc.eventSchemas.list({ limit: 200, includeArchived: "true" })]);
  const options: MetricOption[] = metrics.data.map((m) => ({ code: m.code, name: m.name, aggregation: m.aggregation, eventType: m.eventType, archived: m.archivedAt !== null }));
  const schemaFields: Record<string, SchemaField[]> = Object.fromEntries(schemas.data.map((s) => [s.code, s.fields]));
  return { metrics: options, schemaFields };
}
