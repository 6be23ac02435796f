"use client";

import Decimal from "decimal.js";
import { Filter, Plus, Trash2, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { FiltersEditor, GroupByPicker, type SchemaField } from "../metrics/catalog-form";
import { MODEL_LABELS } from "../metrics/catalog-format";
import { CHARGE_MODELS, newTier, type ChargeDraft, type ChargeModel, type FlatDraft, type TierDraft, type UsageDraft } from "./plan-draft";
import { displayPercent } from "@/components/format";

export interface MetricOption {
  code: string;
  name: string;
  aggregation: string;
  eventType: string;
  archived: boolean;
}

const MODEL_HINTS: Record<ChargeModel, string> = {
  per_unit: "Every unit at the same price.",
  graduated: "Each tier prices only the units inside it (upTo is inclusive).",
  volume: "All units at the price of the tier the total falls in.",
  package: "Whole packages of units, rounded up, after free units.",
  percentage: "A share of a summed amount (e.g. transaction value), plus a fee per event.",
};

/** "0.025" → "2.5 %", for the rate hint; exact, never through a float. */
function percentHint(rate: string): string | undefined {
  try {
    const value = new Decimal(rate.trim());
    return value.isFinite() ? `= ${displayPercent(value.toFixed())} of the summed amount` : undefined;
  } catch {
    return undefined;
  }
}

export function ChargeEditor({
  index,
  draft,
  onChange,
  onRemove,
  metrics,
  fieldsOf,
  errors,
}: {
  index: number;
  draft: ChargeDraft;
  onChange: (draft: ChargeDraft) => void;
  onRemove: () => void;
  metrics: readonly MetricOption[];
  /** The event fields a metric's events carry (for filters and group-by). */
  fieldsOf: (metric: string) => readonly SchemaField[];
  /** The server's errors for this charge, keyed by the path after `charges.<index>.`. */
  errors: Record<string, string>;
}) {
  const used = new Set<string>();
  const err = (path: string) => {
    used.add(path);
    return errors[path];
  };
  const id = (name: string) => `charge-${draft.key}-${name}`;
  const [showDimensions, setShowDimensions] = useState(draft.type === "usage" && (draft.filters.length > 0 || draft.groupBy.length > 0));
  // Rendered in place (not as child components) so that `used` knows every error shown before leftovers are listed.
  const body =
    draft.type === "flat"
      ? flatFields({ draft, onChange, err, id })
      : usageFields({ draft, onChange, err, id, metrics, fieldsOf, errors, used, showDimensions, setShowDimensions });
  const leftovers = Object.entries(errors).filter(([path]) => !used.has(path));
  const title = draft.type === "flat" ? "Flat fee" : "Usage charge";

  return (
    <Card role="group" aria-label={`Charge ${index + 1}`} className="overflow-visible">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-5 py-3">
        <div className="flex items-center gap-2">
          <span className="flex size-6 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600">{index + 1}</span>
          <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
          <Badge tone={draft.type === "flat" ? "blue" : "violet"}>{draft.type === "flat" ? (draft.timing === "advance" ? "In advance" : "In arrears") : MODEL_LABELS[draft.model]}</Badge>
        </div>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove charge ${index + 1}`}>
          <Trash2 className="size-4" /> Remove
        </Button>
      </div>
      <div className="space-y-4 px-5 py-4">
        {body}
        {leftovers.map(([path, message]) => (
          <p key={path} role="alert" className="text-[13px] text-red-600">
            {path ? <span className="font-mono text-[12px]">{path}: </span> : null}
            {message}
          </p>
        ))}
      </div>
    </Card>
  );
}

type Err = (path: string) => string | undefined;
type Id = (name: string) => string;

function flatFields({ draft, onChange, err, id }: { draft: FlatDraft; onChange: (d: ChargeDraft) => void; err: Err; id: Id }) {
  const set = (patch: Partial<FlatDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <Field label="Name" htmlFor={id("name")} error={err("name")}>
        <Input id={id("name")} value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="Platform fee" autoComplete="off" />
      </Field>
      <Field label="Amount" htmlFor={id("amount")} error={err("amount")}>
        <Input id={id("amount")} value={draft.amount} onChange={(e) => set({ amount: e.target.value })} inputMode="decimal" placeholder="49.00" className="tabular font-mono" autoComplete="off" />
      </Field>
      <Field label="Billed" htmlFor={id("timing")} error={err("timing")}>
        <Select id={id("timing")} value={draft.timing} onChange={(e) => set({ timing: e.target.value as FlatDraft["timing"] })}>
          <option value="advance">In advance</option>
          <option value="arrears">In arrears</option>
        </Select>
      </Field>
      <div className="sm:col-span-3">
        <Checkbox id={id("prorate")} label="Prorate partial periods" checked={draft.prorate} onChange={(e) => set({ prorate: e.target.checked })} />
        <FieldError id={id("prorate-error")} error={err("prorate")} />
      </div>
    </div>
  );
}

function DecimalField({ label, name, value, onChange, error, id, placeholder, hint }: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string; id: Id; placeholder?: string; hint?: ReactNode }) {
  return (
    <Field label={label} htmlFor={id(name)} error={error} hint={hint}>
      <Input id={id(name)} value={value} onChange={(e) => onChange(e.target.value)} inputMode="decimal" placeholder={placeholder} className="tabular font-mono" autoComplete="off" />
    </Field>
  );
}

function usageFields({
  draft,
  onChange,
  err,
  id,
  metrics,
  fieldsOf,
  errors,
  used,
  showDimensions,
  setShowDimensions,
}: {
  draft: UsageDraft;
  onChange: (d: ChargeDraft) => void;
  err: Err;
  id: Id;
  metrics: readonly MetricOption[];
  fieldsOf: (metric: string) => readonly SchemaField[];
  errors: Record<string, string>;
  used: Set<string>;
  showDimensions: boolean;
  setShowDimensions: (open: boolean) => void;
}) {
  const set = (patch: Partial<UsageDraft>) => onChange({ ...draft, ...patch });
  const metric = metrics.find((m) => m.code === draft.metric);
  const fields = fieldsOf(draft.metric);
  const dimensionErrors = Object.keys(errors).filter((p) => p.startsWith("filters.") || p === "filters" || p === "groupBy" || p.startsWith("groupBy."));
  const dimensionsOpen = showDimensions || dimensionErrors.length > 0;
  dimensionErrors.forEach((p) => used.add(p));
  const groupByError = errors.groupBy ?? Object.entries(errors).find(([p]) => p.startsWith("groupBy."))?.[1];
  const setTier = (key: string, patch: Partial<TierDraft>) => set({ tiers: draft.tiers.map((t) => (t.key === key ? { ...t, ...patch } : t)) });
  const d = (name: keyof UsageDraft & string, label: string, extra?: { placeholder?: string; hint?: ReactNode }) => (
    <DecimalField label={label} name={name} value={draft[name] as string} onChange={(v) => set({ [name]: v })} error={err(name)} id={id} {...extra} />
  );

  let model: ReactNode;
  switch (draft.model) {
    case "per_unit":
      model = <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">{d("unitPrice", "Unit price", { placeholder: "0.000002" })}</div>;
      break;
    case "graduated":
    case "volume":
      model = (
        <div>
          <div className="overflow-hidden rounded-md border border-zinc-200">
            <table className="w-full text-left text-[13px]">
              <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                <tr>
                  <th scope="col" className="w-24 px-3 py-2 font-medium">
                    From
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Up to (incl.)
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Unit price
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Flat fee
                  </th>
                  <th scope="col" className="w-10 px-2 py-2">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {draft.tiers.map((tier, j) => {
                  const last = j === draft.tiers.length - 1;
                  const previous = j === 0 ? null : draft.tiers[j - 1]?.upTo.trim() || "…";
                  const cell = (name: "upTo" | "unitPrice" | "flatFee", label: string, placeholder: string) => {
                    const error = err(`tiers.${j}.${name}`);
                    const controlId = id(`tier-${tier.key}-${name}`);
                    return (
                      <td className="px-3 py-2 align-top">
                        <Input
                          id={controlId}
                          aria-label={`Tier ${j + 1} ${label}`}
                          value={tier[name]}
                          onChange={(e) => setTier(tier.key, { [name]: e.target.value })}
                          placeholder={placeholder}
                          inputMode="decimal"
                          className="tabular h-8 font-mono text-[13px]"
                          autoComplete="off"
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${controlId}-error` : undefined}
                        />
                        <FieldError id={`${controlId}-error`} error={error} />
                      </td>
                    );
                  };
                  const rowError = err(`tiers.${j}`);
                  return (
                    <tr key={tier.key}>
                      <td className="tabular px-3 py-2 pt-3.5 align-top font-mono text-[12.5px] text-zinc-500">
                        {previous === null ? "0" : `> ${previous}`}
                        <FieldError id={id(`tier-${tier.key}-error`)} error={rowError} />
                      </td>
                      {cell("upTo", "up to", last ? "∞" : "1000")}
                      {cell("unitPrice", "unit price", "0.01")}
                      {cell("flatFee", "flat fee", "optional")}
                      <td className="px-2 py-2 align-top">
                        <Button
                          variant="ghost"
                          size="sm"
                          className="px-2"
                          aria-label={`Remove tier ${j + 1}`}
                          disabled={draft.tiers.length === 1}
                          onClick={() => set({ tiers: draft.tiers.filter((t) => t.key !== tier.key) })}
                        >
                          <X className="size-4" />
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <FieldError id={id("tiers-error")} error={err("tiers")} />
          <div className="mt-2 flex items-center justify-between gap-3">
            <Button variant="ghost" size="sm" onClick={() => set({ tiers: [...draft.tiers.slice(0, -1), newTier(), ...draft.tiers.slice(-1)] })}>
              <Plus className="size-3.5" /> Add tier
            </Button>
            <p className="text-[12px] text-zinc-500">Leave the last tier&apos;s upper bound empty: it has no limit (∞).</p>
          </div>
        </div>
      );
      break;
    case "package":
      model = (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          {d("packageSize", "Package size", { placeholder: "1000" })}
          {d("packagePrice", "Package price", { placeholder: "5.00" })}
          {d("freeUnits", "Free units", { placeholder: "0" })}
        </div>
      );
      break;
    case "percentage":
      model = (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          {d("rate", "Rate", { placeholder: "0.02", hint: percentHint(draft.rate) ?? "A fraction: 0.02 is 2 %." })}
          {d("fixedFeePerEvent", "Fixed fee per event", { placeholder: "0.30" })}
          {d("freeUnits", "Free units", { placeholder: "0" })}
          {d("minPerEvent", "Minimum per event", { placeholder: "optional" })}
          {d("maxPerEvent", "Maximum per event", { placeholder: "optional" })}
        </div>
      );
      break;
  }

  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field label="Metric" htmlFor={id("metric")} error={err("metric")}>
          <Select
            id={id("metric")}
            value={draft.metric}
            onChange={(e) => set({ metric: e.target.value, filters: [], groupBy: [] })}
          >
            {!metric && <option value={draft.metric}>{draft.metric || "Choose a metric"}</option>}
            {metrics.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
                {m.archived ? " (archived)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Invoice line name" htmlFor={id("name")} error={err("name")} hint="Optional; defaults to the metric.">
          <Input id={id("name")} value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder={metric?.name ?? ""} autoComplete="off" />
        </Field>
        <Field label="Pricing model" htmlFor={id("model")} error={err("model")} hint={MODEL_HINTS[draft.model]}>
          <Select id={id("model")} value={draft.model} onChange={(e) => set({ model: e.target.value as ChargeModel })}>
            {CHARGE_MODELS.map((m) => (
              <option key={m} value={m} disabled={m === "percentage" && metric !== undefined && metric.aggregation !== "sum"}>
                {MODEL_LABELS[m]}
                {m === "percentage" && metric !== undefined && metric.aggregation !== "sum" ? " (sum metrics only)" : ""}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {model}
      <div className="rounded-md border border-dashed border-zinc-200">
        <button
          type="button"
          onClick={() => setShowDimensions(!dimensionsOpen)}
          aria-expanded={dimensionsOpen}
          className="flex w-full items-center gap-2 px-3 py-2 text-left text-[13px] font-medium text-zinc-600 hover:text-zinc-900"
        >
          <Filter className="size-3.5" aria-hidden="true" />
          Filters and group-by
          <span className="font-normal text-zinc-400">
            {draft.filters.length || draft.groupBy.length ? `· ${draft.filters.length} filter(s), ${draft.groupBy.length} dimension(s)` : "· optional"}
          </span>
        </button>
        {dimensionsOpen && (
          <div className="space-y-4 border-t border-dashed border-zinc-200 px-3 py-3">
            <div>
              <p className="mb-2 text-[12.5px] font-medium text-zinc-700">Only price events where</p>
              <FiltersEditor idPrefix={id("dims")} fields={fields} rows={draft.filters} onChange={(filters) => set({ filters })} errorFor={(property) => errors[`filters.${property}`]} />
              <FieldError id={id("filters-error")} error={errors.filters} />
            </div>
            <div>
              <p className="mb-2 text-[12.5px] font-medium text-zinc-700">One invoice line per</p>
              <GroupByPicker idPrefix={id("dims")} fields={fields} value={draft.groupBy} onChange={(groupBy) => set({ groupBy })} error={groupByError} />
            </div>
          </div>
        )}
      </div>
    </>
  );
}
