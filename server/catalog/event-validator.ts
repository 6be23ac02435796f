import type { FieldIssue } from "../errors";
import { MAX_DECIMAL_PLACES, MAX_EVENT_NUMBER } from "../validation/limits";
import type { EventField } from "./event-schema-schemas";

export type PropertyValue = string | number | boolean;
export type ValidationResult = { ok: true; properties: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

const DECIMAL = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;
// ISO 8601 date-time with an offset or Z; a bare date is accepted as midnight UTC.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

// Usage folds into rollups and invoice lines of fixed precision: |value| < 10^15, and a decimal
// string keeps at most 12 places (validation/limits.ts).
const OUT_OF_RANGE = `must be greater than -10^15 and less than 10^15, with at most ${MAX_DECIMAL_PLACES} decimal places`;
const INTEGER_DIGITS = String(MAX_EVENT_NUMBER).length - 1;

function decimalInRange(text: string): boolean {
  const [integer = "", fraction = ""] = text.replace(/^-/, "").split(".");
  return integer.replace(/^0+(?=\d)/, "").length <= INTEGER_DIGITS && fraction.length <= MAX_DECIMAL_PLACES;
}

function checkValue(field: EventField, value: unknown): string | null {
  switch (field.type) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      if (field.enum && !field.enum.includes(value)) return `must be one of ${field.enum.join(", ")}`;
      return null;
    case "number":
      if (typeof value === "number") return Number.isFinite(value) && Math.abs(value) < MAX_EVENT_NUMBER ? null : OUT_OF_RANGE;
      if (typeof value !== "string" || !DECIMAL.test(value)) return "must be a number";
      return decimalInRange(value) ? null : OUT_OF_RANGE;
    case "integer":
      if (typeof value === "number") return !Number.isInteger(value) ? "must be an integer" : Math.abs(value) < MAX_EVENT_NUMBER ? null : OUT_OF_RANGE;
      if (typeof value !== "string" || !INTEGER.test(value)) return "must be an integer";
      return decimalInRange(value) ? null : OUT_OF_RANGE;
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "timestamp":
      return typeof value === "string" && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "must be an ISO 8601 timestamp";
  }
}

/**
 * The one validator of an event schema, built once per schema and reused for every event
 * (dashboard test sends, ingestion). Properties the schema does not declare pass through, so
 * senders can add context before the schema knows it; declared ones must match their type.
 */
export function buildEventValidator(fields: readonly EventField[]) {
  return (properties: unknown, pathPrefix = "properties"): ValidationResult => {
    if (typeof properties !== "object" || properties === null || Array.isArray(properties)) {
      return { ok: false, issues: [{ path: pathPrefix, message: "must be an object" }] };
    }
    const record = properties as Record<string, unknown>;
    const issues: FieldIssue[] = [];
    for (const field of fields) {
      const value = record[field.name];
      if (value === undefined || value === null) {
        if (field.required) issues.push({ path: `${pathPrefix}.${field.name}`, message: `is required (${field.type})` });
        continue;
      }
      const problem = checkValue(field, value);
      if (problem) issues.push({ path: `${pathPrefix}.${field.name}`, message: problem });
    }
    return issues.length ? { ok: false, issues } : { ok: true, properties: record };
  };
}

export const NUMERIC_FIELD_TYPES: ReadonlySet<string> = new Set(["number", "integer"]);
