"use client";

import { Gauge, Plus, Receipt } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { withConflictField, type SchemaField } from "../metrics/catalog-form";
import { INTERVAL_LABELS } from "../metrics/catalog-format";
import { ChargeEditor, type MetricOption } from "./charge-editor";
import { chargeFromDraft, draftFromTerms, emptyDraft, INTERVALS, newFlatCharge, newUsageCharge, termsFromDraft, type ChargeDraft, type PlanDraft, type PlanTerms } from "./plan-draft";
import { PriceSimulator, type SimulatedCharge } from "./price-simulator";
import { useNotice } from "@/components/ui/notice";

const TOP_LEVEL = new Set(["code", "name", "description", "currency", "interval", "trialDays", "commitment", "commitment.type", "commitment.amount", "charges"]);

export function PlanEditor({
  mode,
  code,
  initial,
  nextVersion,
  metrics,
  schemaFields,
}: {
  mode: "create" | "version";
  /** The plan's code when publishing a new version. */
  code?: string;
  initial?: PlanTerms;
  nextVersion?: number;
  metrics: MetricOption[];
  /** Event schema code → its fields. */
  schemaFields: Record<string, SchemaField[]>;
}) {
  const router = useRouter();
  const notify = useNotice();
  const [draft, setDraft] = useState<PlanDraft>(() => (initial ? draftFromTerms(code ?? "", initial) : emptyDraft()));
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  const activeMetrics = metrics.filter((m) => !m.archived || draft.charges.some((c) => c.type === "usage" && c.metric === m.code));
  const fieldsOf = (metric: string) => {
    const m = metrics.find((x) => x.code === metric);
    return (m && schemaFields[m.eventType]) ?? [];
  };
  const set = (patch: Partial<PlanDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setCharge = (key: string, charge: ChargeDraft) => setDraft((current) => ({ ...current, charges: current.charges.map((c) => (c.key === key ? charge : c)) }));
  const fieldError = (path: string) => errors?.fields[path];

  /** The server's errors of charge i, keyed by the rest of the path. */
  const chargeErrors = (i: number): Record<string, string> => {
    const prefix = `charges.${i}`;
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors?.fields ?? {})) {
      if (path === prefix) out[""] = message;
      else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
    }
    return out;
  };
  const unplaced = Object.entries(errors?.fields ?? {}).filter(([path]) => {
    if (TOP_LEVEL.has(path)) return false;
    const match = /^charges\.(\d+)(\.|$)/.exec(path);
    return !(match && Number(match[1]) < draft.charges.length);
  });

  const simulated: SimulatedCharge[] = draft.charges.map((c, i) => ({
    key: c.key,
    label: c.type === "flat" ? c.name.trim() || `Flat fee ${i + 1}` : c.name.trim() || metrics.find((m) => m.code === c.metric)?.name || c.metric || `Charge ${i + 1}`,
    charge: chargeFromDraft(c),
  }));
  const terms = termsFromDraft(draft);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    try {
      const description = draft.description.trim();
      if (mode === "create") {
        const plan = await trpc.plans.create.mutate({ code: draft.code.trim(), ...terms, description: description || undefined });
        notify(`Plan ${plan.name} created.`);
        router.push(`/plans/${encodeURIComponent(plan.code)}`);
      } else {
        const plan = await trpc.plans.createVersion.mutate({ code: code ?? "", ...terms, description: description || null });
        router.push(`/plans/${encodeURIComponent(plan.code)}?published=${plan.version}`);
      }
      router.refresh();
    } catch (error) {
      setErrors(withConflictField(formErrors(error)));
      setPending(false);
    }
  }

  const hasFieldErrors = Object.keys(errors?.fields ?? {}).length > 0;
  const firstMetric = activeMetrics.find((m) => !m.archived)?.code;

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px]">
      <form onSubmit={onSubmit} noValidate className="min-w-0 space-y-6" aria-label="Plan editor">
        {errors && (!hasFieldErrors || unplaced.length > 0) && (
          <Alert tone="error" title={hasFieldErrors ? "Some fields need attention" : undefined}>
            {unplaced.length > 0 ? (
              <ul className="list-disc pl-4">
                {unplaced.map(([path, message]) => (
                  <li key={path}>
                    <span className="font-mono text-[12px]">{path}</span>: {message}
                  </li>
                ))}
              </ul>
            ) : (
              errors.message
            )}
          </Alert>
        )}
        {errors && hasFieldErrors && unplaced.length === 0 && (
          <Alert tone="error">
            {Object.keys(errors.fields).length === 1 ? "One field needs attention" : `${Object.keys(errors.fields).length} fields need attention`}: see the messages below.
          </Alert>
        )}

        <Card>
          <CardHeader title="Plan" description={mode === "create" ? "Customers subscribe to a plan through a contract." : `Version ${nextVersion ?? ""}: contracts on earlier versions keep theirs.`} />
          <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label="Code" htmlFor="plan-code" error={fieldError("code")} hint={mode === "create" ? "Contracts and the API refer to the plan by it (e.g. pro_monthly)." : "Codes cannot change."}>
              <Input id="plan-code" value={draft.code} onChange={(e) => set({ code: e.target.value })} disabled={mode !== "create"} className="font-mono" autoComplete="off" />
            </Field>
            <Field label="Name" htmlFor="plan-name" error={fieldError("name")}>
              <Input id="plan-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="Pro" autoComplete="off" />
            </Field>
            <Field label="Description" htmlFor="plan-description" error={fieldError("description")} className="sm:col-span-2">
              <Textarea id="plan-description" value={draft.description} onChange={(e) => set({ description: e.target.value })} rows={2} />
            </Field>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Billing" description="Each contract is billed per period; usage is charged when the period closes." />
          <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Field label="Currency" htmlFor="plan-currency" error={fieldError("currency")} hint="Three letters, e.g. USD">
              <Input id="plan-currency" value={draft.currency} onChange={(e) => set({ currency: e.target.value.toUpperCase() })} maxLength={3} className="font-mono uppercase" autoComplete="off" />
            </Field>
            <Field label="Billing interval" htmlFor="plan-interval" error={fieldError("interval")}>
              <Select id="plan-interval" value={draft.interval} onChange={(e) => set({ interval: e.target.value as PlanDraft["interval"] })}>
                {INTERVALS.map((i) => (
                  <option key={i} value={i}>
                    {INTERVAL_LABELS[i]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Trial days" htmlFor="plan-trial" error={fieldError("trialDays")} hint="Waives flat fees, not usage.">
              <Input id="plan-trial" value={draft.trialDays} onChange={(e) => set({ trialDays: e.target.value })} inputMode="numeric" className="tabular font-mono" autoComplete="off" />
            </Field>
            <Field label="Commitment" htmlFor="plan-commitment" error={fieldError("commitment.type") ?? fieldError("commitment")}>
              <Select id="plan-commitment" value={draft.commitmentType} onChange={(e) => set({ commitmentType: e.target.value as PlanDraft["commitmentType"] })}>
                <option value="none">None</option>
                <option value="minimum">Minimum spend</option>
                <option value="prepaid">Prepaid</option>
              </Select>
            </Field>
            {draft.commitmentType !== "none" && (
              <Field
                label="Commitment amount"
                htmlFor="plan-commitment-amount"
                error={fieldError("commitment.amount")}
                hint={
                  draft.commitmentType === "minimum"
                    ? "Per period; a true-up line covers any shortfall below it."
                    : "Billed in advance each period and drawn down by usage; unused amounts expire."
                }
                className="sm:col-span-2"
              >
                <Input
                  id="plan-commitment-amount"
                  value={draft.commitmentAmount}
                  onChange={(e) => set({ commitmentAmount: e.target.value })}
                  inputMode="decimal"
                  placeholder="500.00"
                  className="tabular font-mono sm:max-w-[calc(50%-0.5rem)]"
                  autoComplete="off"
                />
              </Field>
            )}
          </CardBody>
        </Card>

        <section aria-labelledby="charges-heading" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="charges-heading" className="text-[15px] font-semibold text-zinc-900">
                Charges
              </h2>
              <p className="mt-0.5 text-[13px] text-zinc-500">Flat fees and usage priced per unit, in tiers, in packages or as a percentage.</p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" onClick={() => set({ charges: [...draft.charges, newFlatCharge()] })}>
                <Receipt className="size-3.5" /> Add flat fee
              </Button>
              <Button variant="secondary" size="sm" disabled={!firstMetric} onClick={() => firstMetric && set({ charges: [...draft.charges, newUsageCharge(firstMetric)] })}>
                <Gauge className="size-3.5" /> Add usage charge
              </Button>
            </div>
          </div>
          {fieldError("charges") && <Alert tone="error">{`Charges ${fieldError("charges")}`}</Alert>}
          {!firstMetric && (
            <p className="text-[13px] text-zinc-500">
              To price usage, <Link href="/metrics/new" className="font-medium text-indigo-600 hover:underline">create a metric</Link> first.
            </p>
          )}
          {draft.charges.length === 0 ? (
            <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-10 text-center">
              <p className="text-sm font-medium text-zinc-900">No charges yet</p>
              <p className="mt-1 text-[13px] text-zinc-500">Add a flat fee (a platform fee, a seat) or a usage charge on a metric.</p>
            </div>
          ) : (
            draft.charges.map((charge, i) => (
              <ChargeEditor
                key={charge.key}
                index={i}
                draft={charge}
                onChange={(next) => setCharge(charge.key, next)}
                onRemove={() => setDraft((current) => ({ ...current, charges: current.charges.filter((c) => c.key !== charge.key) }))}
                metrics={activeMetrics}
                fieldsOf={fieldsOf}
                errors={chargeErrors(i)}
              />
            ))
          )}
        </section>

        <div className="flex items-center justify-end gap-2 border-t border-zinc-200 pt-5">
          <ButtonLink href={mode === "create" ? "/plans" : `/plans/${encodeURIComponent(code ?? "")}`} variant="secondary">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={pending}>
            {mode === "create" ? (
              <>
                <Plus className="size-4" /> Create plan
              </>
            ) : (
              `Publish version ${nextVersion ?? ""}`.trim()
            )}
          </Button>
        </div>
      </form>
      <PriceSimulator
        className="lg:sticky lg:top-6"
        currency={draft.currency}
        interval={draft.interval}
        charges={simulated}
        commitment={terms.commitment}
      />
    </div>
  );
}
