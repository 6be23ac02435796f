import type { BillableMetric } from "../generated/prisma/client";
import type { MetricDef } from "../usage/rollup-keys";
import { parseJsonColumn } from "../validation/json-column";
import { ZFilters } from "./metric-schemas";

type JsonColumns = Pick<BillableMetric, "id" | "filters">;
export type ParsedMetric<R extends JsonColumns = BillableMetric> = Omit<R, "filters"> & { filters: Record<string, string[]> };

/**
 * A BillableMetric row with its JSON column parsed; throws CorruptRow when it does not parse.
 * Ingestion parses a metric once per cache load (usage/ingestion-state.ts), not per event.
 */
export function toMetric<R extends JsonColumns>(row: R): ParsedMetric<R> {
  return { ...row, filters: parseJsonColumn(ZFilters, row.filters, { table: "BillableMetric", id: row.id, column: "filters" }) };
}

type DefColumns = Pick<BillableMetric, "id" | "code" | "aggregation" | "field" | "filters" | "dimensions" | "eventSchemaId">;

/** What rollups and aggregation need of a metric row. */
export function toMetricDef(row: DefColumns): MetricDef & { eventSchemaId: string } {
  const { id, code, aggregation, field, filters, dimensions, eventSchemaId } = toMetric(row);
  return { id, code, aggregation, field, filters, dimensions, eventSchemaId };
}
