"use client";

import { ArrowRightLeft } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useNotice } from "@/components/ui/notice";
import { explainNoFlatFeeEffect, previewCancellation, previewPlanChange, type CancellationMode, type CancellationPreview } from "@/server/billing/contract-preview";
import { formatInstant, formatPeriod } from "../customer-format";
import { PreviewLines } from "../preview-lines";
import type { ContractDto, PlanDto } from "../types";

function safely<T>(compute: () => T): { value: T | null; error: string | null } {
  try {
    return { value: compute(), error: null };
  } catch (error) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}

function CancellationEffects({ contract, preview, mode }: { contract: ContractDto; preview: CancellationPreview; mode: CancellationMode }) {
  const tz = contract.timezone;
  if (!preview.finalPeriod) {
    return (
      <Alert tone="info" title="Nothing is billed">
        The contract has not started yet: it is canceled before its first period.
      </Alert>
    );
  }
  return (
    <div className="space-y-3" data-testid="proration-preview">
      <p className="text-[13px] text-zinc-700">
        The contract ends <strong className="font-medium text-zinc-950">{formatInstant(preview.endsAt, tz, { time: "always" })}</strong>. Its final period is{" "}
        {formatPeriod(preview.finalPeriod, tz)}
        {mode === "immediate" ? ", cut short: flat fees are prorated to the days used." : "; it runs to the end of that period and nothing is credited."}
      </p>
      <div>
        <p className="mb-1.5 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">Flat fees on the final invoice</p>
        <PreviewLines
          label="Proration effect"
          lines={preview.lines}
          currency={contract.currency}
          timezone={tz}
          total={preview.lines.length ? preview.total : undefined}
          totalLabel="Net flat-fee effect"
          empty={explainNoFlatFeeEffect(contract, mode)}
        />
      </div>
      <p className="text-[12px] text-zinc-500">Usage up to the end is billed on the final invoice on top of these lines.</p>
    </div>
  );
}

function ModeOption({ name, value, checked, onChange, title, description }: { name: string; value: CancellationMode; checked: boolean; onChange: (v: CancellationMode) => void; title: string; description: string }) {
  return (
    <label className={cn("flex cursor-pointer gap-3 rounded-lg border px-3.5 py-3 text-sm transition-colors", checked ? "border-brand-500 bg-brand-50/40 ring-1 ring-brand-500" : "border-zinc-200 hover:bg-zinc-50")}>
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} className="mt-0.5 size-4 accent-brand-600" />
      <span>
        <span className="block font-medium text-zinc-900">{title}</span>
        <span className="block text-[12.5px] text-zinc-500">{description}</span>
      </span>
    </label>
  );
}

export function CancelContractButton({ contract }: { contract: ContractDto }) {
  const router = useRouter();
  const notify = useNotice();
  const [at, setAt] = useState<Date | null>(null);
  const [mode, setMode] = useState<CancellationMode>("end_of_period");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const preview = at ? safely(() => previewCancellation(contract, mode, at)) : null;
  const started = at !== null && at.getTime() >= new Date(contract.startsAt).getTime();

  function close() {
    setAt(null);
    setError(null);
    setMode("end_of_period");
  }

  async function confirm() {
    if (!at) return;
    setPending(true);
    setError(null);
    try {
      await trpc.contracts.cancel.mutate({ id: contract.id, mode, at: at.toISOString() });
      close();
      notify(mode === "immediate" ? `${contract.planName} canceled.` : `${contract.planName} ends with its current period.`);
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setAt(new Date())} aria-label={`Cancel contract ${contract.planName}`}>
        Cancel…
      </Button>
      <Dialog
        open={at !== null}
        onClose={close}
        title={`Cancel ${contract.planName}`}
        description="Review what the final invoice will hold before confirming."
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Keep contract
            </Button>
            <Button variant="danger" loading={pending} onClick={confirm} disabled={!preview?.value}>
              Cancel contract
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          {error && <Alert tone="error">{error}</Alert>}
          {started && (
            <fieldset className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              <legend className="sr-only">When</legend>
              <ModeOption
                name="cancel-mode"
                value="end_of_period"
                checked={mode === "end_of_period"}
                onChange={setMode}
                title="At the end of the period"
                description="It keeps running until the current period ends."
              />
              <ModeOption name="cancel-mode" value="immediate" checked={mode === "immediate"} onChange={setMode} title="Immediately" description="It ends now; flat fees are prorated." />
            </fieldset>
          )}
          {preview?.error && <Alert tone="error">{preview.error}</Alert>}
          {preview?.value && <CancellationEffects contract={contract} preview={preview.value} mode={started ? mode : "immediate"} />}
        </div>
      </Dialog>
    </>
  );
}

export function ChangePlanButton({ contract, plans }: { contract: ContractDto; plans: PlanDto[] }) {
  const router = useRouter();
  const notify = useNotice();
  const [at, setAt] = useState<Date | null>(null);
  const candidates = plans.filter((p) => p.currency === contract.currency && !p.archivedAt && !(p.code === contract.planCode && p.version === contract.planVersion));
  const [planCode, setPlanCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const plan = candidates.find((p) => p.code === planCode) ?? candidates[0];
  const preview = at && plan ? safely(() => previewPlanChange(contract, plan, at)) : null;

  function close() {
    setAt(null);
    setError(null);
    setPlanCode("");
  }

  async function confirm() {
    if (!at || !plan) return;
    setPending(true);
    setError(null);
    try {
      await trpc.contracts.changePlan.mutate({ id: contract.id, planCode: plan.code, planVersion: plan.version, at: at.toISOString() });
      close();
      notify(`Plan changed from ${contract.planName} to ${plan.name}.`);
      router.refresh();
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  const tz = contract.timezone;
  const next = preview?.value?.next;
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setAt(new Date())} aria-label={`Change plan of ${contract.planName}`}>
        <ArrowRightLeft className="size-3.5" /> Change plan…
      </Button>
      <Dialog
        open={at !== null}
        onClose={close}
        size="lg"
        title={`Change plan from ${contract.planName}`}
        description="The current contract ends now with prorated flat fees, and a new contract on the chosen plan starts at the same instant, on the same billing anchor."
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Keep current plan
            </Button>
            <Button loading={pending} onClick={confirm} disabled={!preview?.value}>
              Change plan
            </Button>
          </>
        }
      >
        <div className="space-y-5">
          {error && <Alert tone="error">{error}</Alert>}
          {candidates.length === 0 ? (
            <Alert tone="info">No other plan is priced in {contract.currency}. Create one in Plans first.</Alert>
          ) : (
            <Field label="New plan" htmlFor={`change-plan-${contract.id}`}>
              <Select id={`change-plan-${contract.id}`} value={plan?.code ?? ""} onChange={(e) => setPlanCode(e.target.value)}>
                {candidates.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name} ({p.code}, v{p.version})
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {preview?.error && <Alert tone="error">{preview.error}</Alert>}
          {preview?.value && (
            <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
              <section aria-label="Current contract">
                <h3 className="mb-2 text-sm font-semibold text-zinc-900">{contract.planName} ends now</h3>
                <CancellationEffects contract={contract} preview={preview.value.cancellation} mode="immediate" />
              </section>
              <section aria-label="New contract">
                <h3 className="mb-2 text-sm font-semibold text-zinc-900">{plan?.name} starts now</h3>
                <div className="space-y-3">
                  {next && next.periods[0] && <p className="text-[13px] text-zinc-700">First period: {formatPeriod(next.periods[0], tz)}.</p>}
                  <div>
                    <p className="mb-1.5 text-2xs font-medium tracking-[0.04em] text-zinc-500 uppercase">Billed in advance at the start</p>
                    <PreviewLines
                      label="New plan's advance items"
                      lines={next?.opening?.lines ?? []}
                      currency={contract.currency}
                      timezone={tz}
                      total={next?.opening?.total}
                      empty="Nothing billed in advance: the new plan's charges come in arrears."
                    />
                  </div>
                </div>
              </section>
            </div>
          )}
        </div>
      </Dialog>
    </>
  );
}
