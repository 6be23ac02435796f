"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { parseList, rowKey, withConflictField, type SchemaField } from "../metrics/catalog-form";
import { useNotice } from "@/components/ui/notice";

const FIELD_TYPES = ["string", "number", "integer", "boolean", "timestamp"] as const;
type FieldType = (typeof FIELD_TYPES)[number];

interface FieldRow {
  key: string;
  name: string;
  type: FieldType;
  required: boolean;
  enumText: string;
  /** Set through the API only; kept as is so a save from here does not drop it. */
  description?: string | null;
}

export interface EventSchemaFormValues {
  code: string;
  name: string;
  description: string | null;
  fields: SchemaField[];
}

const toRow = (f: SchemaField): FieldRow => ({
  key: rowKey(),
  name: f.name,
  type: f.type,
  required: f.required ?? false,
  enumText: (f.enum ?? []).join(", "),
  description: f.description,
});
const emptyRow = (): FieldRow => ({ key: rowKey(), name: "", type: "string", required: false, enumText: "" });

export function EventSchemaForm({ mode, initial }: { mode: "create" | "edit"; initial?: EventSchemaFormValues }) {
  const router = useRouter();
  const notify = useNotice();
  const [code, setCode] = useState(initial?.code ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [rows, setRows] = useState<FieldRow[]>(() => (initial ? initial.fields.map(toRow) : [emptyRow()]));
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  const fieldError = (path: string) => errors?.fields[path];
  const update = (key: string, patch: Partial<FieldRow>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    setSaved(false);
    const fields = rows.map((r) => {
      const values = r.type === "string" ? parseList(r.enumText) : [];
      return {
        name: r.name.trim(),
        type: r.type,
        required: r.required,
        ...(r.description ? { description: r.description } : {}),
        ...(values.length > 0 ? { enum: values } : {}),
      };
    });
    try {
      if (mode === "create") {
        const created = await trpc.eventSchemas.create.mutate({ code: code.trim(), name, description: description.trim() || undefined, fields });
        notify(`Event schema ${created.name} created.`);
        router.push(`/event-schemas/${encodeURIComponent(created.code)}`);
        router.refresh();
      } else {
        await trpc.eventSchemas.update.mutate({ code, name, description: description.trim() || null, fields });
        setSaved(true);
        router.refresh();
      }
    } catch (error) {
      setErrors(withConflictField(formErrors(error)));
    } finally {
      setPending(false);
    }
  }

  const placed = new Set(["code", "name", "description", "fields"]);
  rows.forEach((_, i) => ["", ".name", ".type", ".required", ".enum"].forEach((s) => placed.add(`fields.${i}${s}`)));
  const unplaced = errors && Object.keys(errors.fields).filter((p) => !placed.has(p) && !/^fields\.\d+\.enum\.\d+$/.test(p));
  const enumError = (i: number) => fieldError(`fields.${i}.enum`) ?? Object.entries(errors?.fields ?? {}).find(([p]) => p.startsWith(`fields.${i}.enum.`))?.[1];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {errors && (Object.keys(errors.fields).length === 0 || (unplaced && unplaced.length > 0)) && (
        <Alert tone="error" title={Object.keys(errors.fields).length ? "Check the highlighted fields" : undefined}>
          {errors.message}
        </Alert>
      )}
      {saved && <Alert tone="success">Event schema saved.</Alert>}
      <Card>
        <CardHeader title="Details" description="The code is what your services send as the event type." />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Code" htmlFor="schema-code" error={fieldError("code")} hint={mode === "create" ? "Letters, digits, _ . : - (e.g. llm.completion)" : "Codes cannot change."}>
            <Input id="schema-code" value={code} onChange={(e) => setCode(e.target.value)} disabled={mode === "edit"} className="font-mono" autoComplete="off" />
          </Field>
          <Field label="Name" htmlFor="schema-name" error={fieldError("name")}>
            <Input id="schema-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Description" htmlFor="schema-description" error={fieldError("description")} className="sm:col-span-2">
            <Textarea id="schema-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Fields"
          description={
            mode === "create"
              ? "The properties each event carries. Events missing a required field or with a wrong type are refused."
              : "Adding optional fields is always allowed; removing or retyping a field a metric uses is refused."
          }
        />
        <CardBody className="space-y-3">
          {fieldError("fields") && <Alert tone="error">{fieldError("fields")}</Alert>}
          {rows.length === 0 ? (
            <p className="py-2 text-[13px] text-zinc-500">No fields yet. Events will carry no typed properties.</p>
          ) : (
            <div className="space-y-3">
              <div className="hidden grid-cols-[minmax(0,1.1fr)_130px_92px_minmax(0,1.3fr)_36px] gap-3 text-xs font-medium tracking-wide text-zinc-500 uppercase md:grid">
                <span>Name</span>
                <span>Type</span>
                <span>Required</span>
                <span>Allowed values</span>
                <span />
              </div>
              {rows.map((row, i) => {
                const nameError = fieldError(`fields.${i}.name`) ?? fieldError(`fields.${i}`);
                const typeError = fieldError(`fields.${i}.type`);
                const valuesError = enumError(i);
                return (
                  <div key={row.key} className="grid items-start gap-3 md:grid-cols-[minmax(0,1.1fr)_130px_92px_minmax(0,1.3fr)_36px]">
                    <div>
                      <Input
                        aria-label={`Field ${i + 1} name`}
                        value={row.name}
                        onChange={(e) => update(row.key, { name: e.target.value })}
                        placeholder="tokens"
                        className="font-mono"
                        autoComplete="off"
                        aria-invalid={nameError ? true : undefined}
                        aria-describedby={nameError ? `field-${i}-name-error` : undefined}
                      />
                      <FieldError id={`field-${i}-name-error`} error={nameError} />
                    </div>
                    <div>
                      <Select
                        aria-label={`Field ${i + 1} type`}
                        value={row.type}
                        onChange={(e) => update(row.key, { type: e.target.value as FieldType })}
                        aria-invalid={typeError ? true : undefined}
                      >
                        {FIELD_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {t}
                          </option>
                        ))}
                      </Select>
                      <FieldError id={`field-${i}-type-error`} error={typeError} />
                    </div>
                    <div className="flex h-9 items-center">
                      <Checkbox id={`field-${i}-required`} label="Required" checked={row.required} onChange={(e) => update(row.key, { required: e.target.checked })} aria-label={`Field ${i + 1} required`} />
                    </div>
                    <div>
                      <Input
                        aria-label={`Field ${i + 1} allowed values`}
                        value={row.type === "string" ? row.enumText : ""}
                        onChange={(e) => update(row.key, { enumText: e.target.value })}
                        disabled={row.type !== "string"}
                        placeholder={row.type === "string" ? "Any value (or: a, b, c)" : "Only for strings"}
                        aria-invalid={valuesError ? true : undefined}
                        aria-describedby={valuesError ? `field-${i}-enum-error` : undefined}
                      />
                      <FieldError id={`field-${i}-enum-error`} error={valuesError} />
                    </div>
                    <Button variant="ghost" size="sm" className="mt-0.5 px-2" aria-label={`Remove field ${i + 1}`} onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}>
                      <Trash2 className="size-4" />
                    </Button>
                  </div>
                );
              })}
            </div>
          )}
          <Button variant="secondary" size="sm" onClick={() => setRows((current) => [...current, emptyRow()])}>
            <Plus className="size-3.5" /> Add field
          </Button>
        </CardBody>
        <CardFooter>
          {mode === "create" && (
            <ButtonLink href="/event-schemas" variant="secondary">
              Cancel
            </ButtonLink>
          )}
          <Button type="submit" loading={pending}>
            {mode === "create" ? "Create event schema" : "Save changes"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
