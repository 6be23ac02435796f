import { BUCKET_MS } from "./limits";

export type Aggregation = "count" | "sum" | "max" | "min" | "latest" | "unique_count" | "avg";

/** What ingestion needs to know of a metric to roll events up. */
export interface MetricDef {
  id: string;
  code: string;
  aggregation: Aggregation;
  field: string | null;
  filters: Record<string, string[]>;
  dimensions: string[];
}

/** Filters and dimensions compare property values as text: "gpt-4o", "true", "42". */
export function propertyText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return null;
}

export function matchesFilters(filters: Record<string, string[]>, properties: Record<string, unknown>): boolean {
  for (const property in filters) {
    const text = propertyText(properties[property]);
    if (text === null || !filters[property]!.includes(text)) return false;
  }
  return true;
}

/** Canonical JSON of the dimension values (sorted keys, missing as null): the rollup's group key. */
export function groupKeyOf(dimensions: readonly string[], properties: Record<string, unknown>): string {
  if (dimensions.length === 0) return "{}";
  const group: Record<string, string | null> = {};
  for (const d of [...dimensions].sort()) group[d] = propertyText(properties[d]);
  return JSON.stringify(group);
}

const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A numeric property as an exact decimal string (numbers keep their shortest form). */
export function numericText(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "string" && DECIMAL.test(value.trim())) return value.trim();
  return null;
}

export function bucketStart(timestamp: Date): Date {
  return new Date(Math.floor(timestamp.getTime() / BUCKET_MS) * BUCKET_MS);
}

/** One event's contribution to one metric, or null when the metric does not count it. */
export interface Contribution {
  groupKey: string;
  /** Decimal string for value aggregations, "0" for count. */
  value: string;
  /** unique_count: the distinct value. */
  distinct: string | null;
}

export function contributionOf(metric: MetricDef, properties: Record<string, unknown>): Contribution | null {
  if (!matchesFilters(metric.filters, properties)) return null;
  const groupKey = groupKeyOf(metric.dimensions, properties);
  if (metric.aggregation === "count") return { groupKey, value: "0", distinct: null };
  const raw = metric.field ? properties[metric.field] : undefined;
  if (metric.aggregation === "unique_count") {
    const distinct = propertyText(raw);
    return distinct === null ? null : { groupKey, value: "0", distinct };
  }
  // An event without the aggregated value does not count, so avg is not diluted by it.
  const value = numericText(raw);
  return value === null ? null : { groupKey, value, distinct: null };
}
