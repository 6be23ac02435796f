"use client";

import { Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";

export interface RunNowFormProps {
  /** "2026-01-15T00:00", in UTC: yesterday's start and today's, what the daily job would compare. */
  defaultFrom: string;
  defaultTo: string;
}

/** `datetime-local` values carry no zone; the labels say UTC, and UTC is what is sent. */
const asUtc = (value: string) => (value ? `${value.length === 16 ? `${value}:00` : value}Z` : "");

/**
 * Starts a reconciliation of a range now. The gateways are read during the request, so it answers
 * with the finished run, and the page opens it. The API names the field it refuses.
 */
export function RunNowForm({ defaultFrom, defaultTo }: RunNowFormProps) {
  const router = useRouter();
  const notify = useNotice();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setErrors(null);
    try {
      const run = await trpc.reconciliation.run.mutate({ from: asUtc(String(form.get("from") ?? "")), to: asUtc(String(form.get("to") ?? "")) });
      notify(run.status === "failed" ? `The run failed: ${run.error ?? "no reason given"}` : run.itemCount === 0 ? "Reconciled: no mismatches." : `Reconciled: ${run.itemCount} mismatch${run.itemCount === 1 ? "" : "es"}, ${run.newItemCount} new.`);
      router.push(`/reconciliation/${encodeURIComponent(run.id)}`);
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const shownInFields = errors && (errors.fields.from || errors.fields.to);
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Run a reconciliation">
      {errors && !shownInFields && <Alert tone="error">{errors.message}</Alert>}
      <div className="flex flex-wrap items-start gap-3">
        <Field label="From (UTC)" htmlFor="reconcile-from" error={errors?.fields.from} className="w-full sm:w-56">
          <Input id="reconcile-from" name="from" type="datetime-local" defaultValue={defaultFrom} required />
        </Field>
        <Field label="To (UTC, not included)" htmlFor="reconcile-to" error={errors?.fields.to} className="w-full sm:w-56">
          <Input id="reconcile-to" name="to" type="datetime-local" defaultValue={defaultTo} required />
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          <Play aria-hidden="true" />
          {pending ? "Reconciling…" : "Run now"}
        </Button>
      </div>
      <p className="text-xs text-zinc-500">At most 93 days, and not past now. The gateway&apos;s records are read while you wait.</p>
    </form>
  );
}
