"use client";

import { Plus, X } from "lucide-react";
import type { FormErrors } from "@/app/_trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// Client pieces shared by the catalog forms (metrics and plan charges): property filters,
// group-by dimensions, list parsing and conflict messages that name a field.

export interface SchemaField {
  name: string;
  type: "string" | "number" | "integer" | "boolean" | "timestamp";
  required?: boolean;
  description?: string | null;
  enum?: string[];
}

export const NUMERIC_TYPES: ReadonlySet<string> = new Set(["number", "integer"]);

let counter = 0;
/** A stable React key for a row added in the browser. */
export const rowKey = () => `row-${++counter}`;

/** "a, b ,c" → ["a", "b", "c"]. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * A 409 carries no issues but names its field first ("code: a plan with code … already exists");
 * show it under that field like a 400 issue.
 */
export function withConflictField(errors: FormErrors): FormErrors {
  if (Object.keys(errors.fields).length > 0) return errors;
  const match = /^([A-Za-z]+(?:\.[A-Za-z0-9_]+)*): (.+)$/s.exec(errors.message);
  if (!match) return errors;
  const [, path = "", message = ""] = match;
  return { message, fields: { [path]: message } };
}

export interface FilterRow {
  key: string;
  property: string;
  values: string;
}

export const filterRowsFrom = (filters: Record<string, string[]> | undefined): FilterRow[] =>
  Object.entries(filters ?? {}).map(([property, values]) => ({ key: rowKey(), property, values: values.join(", ") }));

/** Rows without a property are left out; a property without values is sent so the server names it. */
export function filtersFrom(rows: readonly FilterRow[]): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const row of rows) if (row.property) filters[row.property] = parseList(row.values);
  return filters;
}

export function FiltersEditor({
  idPrefix,
  fields,
  rows,
  onChange,
  errorFor,
}: {
  idPrefix: string;
  fields: readonly SchemaField[];
  rows: readonly FilterRow[];
  onChange: (rows: FilterRow[]) => void;
  /** The server's error for a filter, by property. */
  errorFor: (property: string) => string | undefined;
}) {
  const update = (key: string, patch: Partial<FilterRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-2">
      {rows.map((row, i) => {
        const field = fields.find((f) => f.name === row.property);
        const error = row.property ? errorFor(row.property) : undefined;
        const errorId = `${idPrefix}-filter-${i}-error`;
        return (
          <div key={row.key}>
            <div className="flex items-start gap-2">
              <div className="w-44 shrink-0">
                <Select
                  aria-label={`Filter ${i + 1} property`}
                  value={row.property}
                  onChange={(e) => update(row.key, { property: e.target.value })}
                  aria-invalid={error ? true : undefined}
                >
                  <option value="">Property…</option>
                  {fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.name}
                    </option>
                  ))}
                </Select>
              </div>
              <span className="shrink-0 pt-2 text-[13px] whitespace-nowrap text-zinc-400">is one of</span>
              <Input
                aria-label={`Filter ${i + 1} values`}
                title={field?.enum ? `Allowed: ${field.enum.join(", ")}` : undefined}
                value={row.values}
                onChange={(e) => update(row.key, { values: e.target.value })}
                placeholder={field?.enum ? field.enum.join(", ") : "value, another value"}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className="min-w-0 flex-1"
              />
              <Button variant="ghost" size="sm" className="mt-0.5 px-2" aria-label={`Remove filter ${i + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                <X className="size-4" />
              </Button>
            </div>
            <FieldError id={errorId} error={error} />
          </div>
        );
      })}
      <Button variant="ghost" size="sm" onClick={() => onChange([...rows, { key: rowKey(), property: "", values: "" }])} disabled={fields.length === 0}>
        <Plus className="size-3.5" /> Add filter
      </Button>
    </div>
  );
}

export function GroupByPicker({
  idPrefix,
  fields,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  fields: readonly SchemaField[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  if (fields.length === 0) return <p className="text-[13px] text-zinc-500">The event schema has no fields.</p>;
  return (
    <div>
      <div className="flex flex-wrap gap-x-5 gap-y-2" role="group" aria-label="Group by">
        {fields.map((f) => (
          <Checkbox
            key={f.name}
            id={`${idPrefix}-group-${f.name}`}
            label={<span className="font-mono text-[12.5px]">{f.name}</span>}
            checked={value.includes(f.name)}
            onChange={(e) => onChange(e.target.checked ? [...value, f.name] : value.filter((v) => v !== f.name))}
          />
        ))}
      </div>
      <FieldError id={`${idPrefix}-group-error`} error={error} />
    </div>
  );
}
