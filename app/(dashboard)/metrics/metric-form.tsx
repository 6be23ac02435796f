"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { FiltersEditor, filtersFrom, GroupByPicker, NUMERIC_TYPES, withConflictField, type FilterRow, type SchemaField } from "./catalog-form";
import { AGGREGATION_LABELS } from "./catalog-format";
import { useNotice } from "@/components/ui/notice";

const AGGREGATIONS = ["count", "sum", "max", "min", "avg", "latest", "unique_count"] as const;
type Aggregation = (typeof AGGREGATIONS)[number];
const NEEDS_NUMERIC: ReadonlySet<Aggregation> = new Set(["sum", "max", "min", "avg", "latest"]);

export interface SchemaOption {
  code: string;
  name: string;
  fields: SchemaField[];
}

/** Fields a metric can aggregate with this aggregation. */
const eligibleFields = (fields: readonly SchemaField[], aggregation: Aggregation) =>
  aggregation === "count" ? [] : NEEDS_NUMERIC.has(aggregation) ? fields.filter((f) => NUMERIC_TYPES.has(f.type)) : fields;

export function MetricForm({ schemas, initialEventType }: { schemas: SchemaOption[]; initialEventType?: string }) {
  const router = useRouter();
  const notify = useNotice();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [eventType, setEventType] = useState(initialEventType && schemas.some((s) => s.code === initialEventType) ? initialEventType : (schemas[0]?.code ?? ""));
  const [aggregation, setAggregation] = useState<Aggregation>("sum");
  const [field, setField] = useState("");
  const [filters, setFilters] = useState<FilterRow[]>([]);
  const [groupBy, setGroupBy] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  const schema = schemas.find((s) => s.code === eventType);
  const fields = schema?.fields ?? [];
  const options = eligibleFields(fields, aggregation);
  const selectedField = options.some((f) => f.name === field) ? field : (options[0]?.name ?? "");
  const fieldError = (path: string) => errors?.fields[path];
  const groupByError = fieldError("groupBy") ?? Object.entries(errors?.fields ?? {}).find(([p]) => p.startsWith("groupBy."))?.[1];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    try {
      const metric = await trpc.metrics.create.mutate({
        code: code.trim(),
        name,
        description: description.trim() || undefined,
        eventType,
        aggregation,
        field: aggregation === "count" ? null : selectedField || null,
        filters: filtersFrom(filters),
        groupBy,
      });
      notify(`Metric ${metric.name} created.`);
      router.push(`/metrics/${encodeURIComponent(metric.code)}`);
      router.refresh();
    } catch (error) {
      setErrors(withConflictField(formErrors(error)));
    } finally {
      setPending(false);
    }
  }

  const placed = (p: string) => ["code", "name", "description", "eventType", "aggregation", "field", "groupBy"].includes(p) || p.startsWith("filters.") || p.startsWith("groupBy.");
  const unplaced = errors ? Object.keys(errors.fields).filter((p) => !placed(p)) : [];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {errors && (Object.keys(errors.fields).length === 0 || unplaced.length > 0) && <Alert tone="error">{errors.message}</Alert>}
      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Code" htmlFor="metric-code" error={fieldError("code")} hint="Plans refer to the metric by this code (e.g. total_tokens).">
            <Input id="metric-code" value={code} onChange={(e) => setCode(e.target.value)} className="font-mono" autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor="metric-name" error={fieldError("name")} hint="Shown on invoices.">
            <Input id="metric-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Description" htmlFor="metric-description" error={fieldError("description")} className="sm:col-span-2">
            <Textarea id="metric-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Aggregation" description="How the events of a billing period turn into one quantity." />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Field label="Event schema" htmlFor="metric-event-type" error={fieldError("eventType")}>
            <Select
              id="metric-event-type"
              value={eventType}
              onChange={(e) => {
                setEventType(e.target.value);
                setField("");
                setFilters([]);
                setGroupBy([]);
              }}
            >
              {schemas.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name} ({s.code})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Aggregation" htmlFor="metric-aggregation" error={fieldError("aggregation")}>
            <Select id="metric-aggregation" value={aggregation} onChange={(e) => setAggregation(e.target.value as Aggregation)}>
              {AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {AGGREGATION_LABELS[a]}
                </option>
              ))}
            </Select>
          </Field>
          {aggregation !== "count" && (
            <Field
              label="Field"
              htmlFor="metric-field"
              error={fieldError("field")}
              hint={NEEDS_NUMERIC.has(aggregation) ? "Number and integer fields only." : undefined}
            >
              <Select id="metric-field" value={selectedField} onChange={(e) => setField(e.target.value)} disabled={options.length === 0}>
                {options.length === 0 && <option value="">No numeric field in this schema</option>}
                {options.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name} ({f.type})
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Filters and dimensions" description="Optional. Count only some events, or split the quantity into groups priced separately." />
        <CardBody className="space-y-5">
          <div>
            <p className="mb-2 text-[13px] font-medium text-zinc-700">Filters</p>
            <FiltersEditor idPrefix="metric" fields={fields} rows={filters} onChange={setFilters} errorFor={(property) => fieldError(`filters.${property}`)} />
          </div>
          <div>
            <p className="mb-2 text-[13px] font-medium text-zinc-700">Group by</p>
            <GroupByPicker idPrefix="metric" fields={fields} value={groupBy} onChange={setGroupBy} error={groupByError} />
          </div>
        </CardBody>
        <CardFooter>
          <ButtonLink href="/metrics" variant="secondary">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={pending}>
            Create metric
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
