"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface BillingSettings {
  invoicePrefix: string;
  nextInvoiceNumber: number;
  invoiceGracePeriodHours: number;
  invoiceNetTermsDays: number;
}

const FIELDS = ["invoicePrefix", "invoiceGracePeriodHours", "invoiceNetTermsDays"] as const;

/** The number the next finalized invoice gets, as the server formats it (prefix-000042). */
export function invoiceNumber(prefix: string, n: number) {
  return `${prefix}-${String(n).padStart(6, "0")}`;
}

/** A whole number as typed, or the text itself so the server names what is wrong with it. */
function wholeNumber(text: string): number | string {
  return /^-?\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : text;
}

export function BillingSettingsForm({ settings }: { settings: BillingSettings }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [prefix, setPrefix] = useState(settings.invoicePrefix);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const local: Record<string, string> = {};
    const grace = wholeNumber(text("invoiceGracePeriodHours"));
    const terms = wholeNumber(text("invoiceNetTermsDays"));
    if (typeof grace === "string") local.invoiceGracePeriodHours = "must be a whole number of hours";
    if (typeof terms === "string") local.invoiceNetTermsDays = "must be a whole number of days";
    setSaved(false);
    if (typeof grace === "string" || typeof terms === "string") {
      setErrors({ message: "Check the highlighted fields.", fields: local });
      return;
    }
    setPending(true);
    setErrors(null);
    try {
      await trpc.organization.updateBillingSettings.mutate({ invoicePrefix: text("invoicePrefix").trim().toUpperCase(), invoiceGracePeriodHours: grace, invoiceNetTermsDays: terms });
      setSaved(true);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const fieldErrors = errors ? FIELDS.some((f) => errors.fields[f]) : false;
  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-5" noValidate>
      {errors && !fieldErrors && <Alert tone="error">{errors.message}</Alert>}
      {saved && <Alert tone="success">Billing settings saved.</Alert>}
      <Field
        label="Invoice number prefix"
        htmlFor="invoice-prefix"
        error={errors?.fields.invoicePrefix}
        hint="1–12 capital letters, digits or dashes."
        aside={
          <span>
            Next number: <Code>{invoiceNumber(/^[A-Z0-9][A-Z0-9-]{0,11}$/.test(prefix.trim().toUpperCase()) ? prefix.trim().toUpperCase() : settings.invoicePrefix, settings.nextInvoiceNumber)}</Code>
          </span>
        }
      >
        <Input
          id="invoice-prefix"
          name="invoicePrefix"
          value={prefix}
          onChange={(e) => setPrefix(e.currentTarget.value)}
          maxLength={12}
          autoComplete="off"
          spellCheck={false}
          className="w-48 font-mono uppercase"
        />
      </Field>
      <Field
        label="Grace period (hours)"
        htmlFor="invoice-grace"
        error={errors?.fields.invoiceGracePeriodHours}
        hint="New invoices stay editable drafts this long (add adjustments, refresh late usage); the next billing run then finalizes them. 0 finalizes at once."
      >
        <Input id="invoice-grace" name="invoiceGracePeriodHours" type="number" min={0} max={720} step={1} defaultValue={settings.invoiceGracePeriodHours} className="w-32" />
      </Field>
      <Field label="Net terms (days)" htmlFor="invoice-terms" error={errors?.fields.invoiceNetTermsDays} hint="An invoice is due this many days after it is finalized. 0 means due on receipt.">
        <Input id="invoice-terms" name="invoiceNetTermsDays" type="number" min={0} max={365} step={1} defaultValue={settings.invoiceNetTermsDays} className="w-32" />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
