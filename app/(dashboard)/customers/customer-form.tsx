"use client";

import { Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { rowKey, withConflictField } from "../metrics/catalog-form";

export interface CustomerValues {
  externalId: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  billingMode: "postpaid" | "prepaid";
  taxRate: string;
  address: { line1?: string; line2?: string; city?: string; state?: string; postalCode?: string; country?: string } | null;
  metadata: Record<string, string>;
  lowBalanceThreshold: string | null;
  autoRecharge: { threshold: string; amount: string; paymentMethodId?: string | null } | null;
}

const ADDRESS_FIELDS = [
  { key: "line1", label: "Address line 1", span: true },
  { key: "line2", label: "Address line 2", span: true },
  { key: "city", label: "City" },
  { key: "state", label: "State or region" },
  { key: "postalCode", label: "Postal code" },
  { key: "country", label: "Country" },
] as const;
type AddressKey = (typeof ADDRESS_FIELDS)[number]["key"];

interface MetadataRow {
  key: string;
  name: string;
  value: string;
}

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
};

export function CustomerForm({ mode, initial }: { mode: "create" | "edit"; initial?: CustomerValues }) {
  const router = useRouter();
  const [externalId, setExternalId] = useState(initial?.externalId ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [email, setEmail] = useState(initial?.email ?? "");
  const [currency, setCurrency] = useState(initial?.currency ?? "USD");
  const [timezone, setTimezone] = useState(initial?.timezone ?? "UTC");
  const [billingMode, setBillingMode] = useState<"postpaid" | "prepaid">(initial?.billingMode ?? "postpaid");
  const [taxRate, setTaxRate] = useState(initial?.taxRate ?? "0");
  const [address, setAddress] = useState<Record<AddressKey, string>>(() => {
    const a = initial?.address ?? {};
    return { line1: a.line1 ?? "", line2: a.line2 ?? "", city: a.city ?? "", state: a.state ?? "", postalCode: a.postalCode ?? "", country: a.country ?? "" };
  });
  const [metadata, setMetadata] = useState<MetadataRow[]>(() => Object.entries(initial?.metadata ?? {}).map(([k, v]) => ({ key: rowKey(), name: k, value: v })));
  const [lowBalanceThreshold, setLowBalanceThreshold] = useState(initial?.lowBalanceThreshold ?? "");
  const [rechargeThreshold, setRechargeThreshold] = useState(initial?.autoRecharge?.threshold ?? "");
  const [rechargeAmount, setRechargeAmount] = useState(initial?.autoRecharge?.amount ?? "");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  }, []);

  const fieldError = (path: string) => errors?.fields[path];
  const placed = (p: string) =>
    ["externalId", "name", "email", "currency", "timezone", "billingMode", "taxRate", "address", "metadata", "lowBalanceThreshold", "autoRecharge"].includes(p) ||
    p.startsWith("address.") ||
    p.startsWith("metadata") ||
    p.startsWith("autoRecharge.");
  const unplaced = errors ? Object.keys(errors.fields).filter((p) => !placed(p)) : [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    const addressValue = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
    const terms = {
      name,
      email: email.trim(),
      currency,
      timezone,
      billingMode,
      taxRate: taxRate.trim(),
      address: Object.keys(addressValue).length ? addressValue : null,
      metadata: Object.fromEntries(metadata.filter((r) => r.name.trim() !== "").map((r) => [r.name.trim(), r.value])),
      lowBalanceThreshold: lowBalanceThreshold.trim() || null,
      // Sent only when changed: saving it re-enables recharges turned off by failures. The card chosen for them is kept.
      ...(mode === "create" || rechargeThreshold !== (initial?.autoRecharge?.threshold ?? "") || rechargeAmount !== (initial?.autoRecharge?.amount ?? "")
        ? {
            autoRecharge:
              rechargeThreshold.trim() || rechargeAmount.trim()
                ? { threshold: rechargeThreshold.trim(), amount: rechargeAmount.trim(), paymentMethodId: initial?.autoRecharge?.paymentMethodId ?? null }
                : null,
          }
        : {}),
    };
    try {
      const customer =
        mode === "create"
          ? await trpc.customers.create.mutate({ externalId: externalId.trim(), ...terms })
          : await trpc.customers.update.mutate({ externalId: initial!.externalId, ...terms });
      router.push(`/customers/${encodeURIComponent(customer.externalId)}${mode === "create" ? "?created=1" : "?saved=1"}`);
      router.refresh();
    } catch (error) {
      setErrors(withConflictField(formErrors(error)));
    } finally {
      setPending(false);
    }
  }

  const cancelHref = mode === "create" ? "/customers" : `/customers/${encodeURIComponent(initial!.externalId)}`;
  const metadataError = fieldError("metadata") ?? Object.entries(errors?.fields ?? {}).find(([p]) => p.startsWith("metadata."))?.[1];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {errors && (Object.keys(errors.fields).length === 0 || unplaced.length > 0) && <Alert tone="error">{errors.message}</Alert>}
      <Card>
        <CardHeader title="Identity" description="How your systems and your invoices refer to the customer." />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field
            label="External ID"
            htmlFor="customer-external-id"
            error={fieldError("externalId")}
            hint={mode === "create" ? "Your identifier for the customer; usage events name it. It cannot change later." : "Fixed: usage events name the customer by it."}
          >
            <Input id="customer-external-id" value={externalId} onChange={(e) => setExternalId(e.target.value)} className="font-mono" autoComplete="off" readOnly={mode === "edit"} />
          </Field>
          <Field label="Name" htmlFor="customer-name" error={fieldError("name")} hint="Shown on invoices.">
            <Input id="customer-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Billing e-mail" htmlFor="customer-email" error={fieldError("email")} hint="Invoices and balance alerts go here.">
            <Input id="customer-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Billing" description="Currency and time zone decide how amounts are rounded and where periods are cut." />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Currency" htmlFor="customer-currency" error={fieldError("currency")} hint="Three letters, e.g. USD; the customer's plans must use the same currency.">
            <Input id="customer-currency" value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} maxLength={3} className="font-mono uppercase" autoComplete="off" />
          </Field>
          <Field
            label="Time zone"
            htmlFor="customer-timezone"
            error={fieldError("timezone")}
            hint="IANA name; billing periods are cut in it."
            aside={
              <button type="button" className="font-medium text-indigo-600 hover:underline" onClick={() => setTimezone(browserZone())}>
                Use mine
              </button>
            }
          >
            <Input id="customer-timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} list="customer-timezones" autoComplete="off" />
          </Field>
          <datalist id="customer-timezones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <Field
            label="Billing mode"
            htmlFor="customer-billing-mode"
            error={fieldError("billingMode")}
            hint={billingMode === "prepaid" ? "Usage is priced as it arrives and paid from the customer's credits." : "Usage is invoiced when each period ends."}
          >
            <Select id="customer-billing-mode" value={billingMode} onChange={(e) => setBillingMode(e.target.value as "postpaid" | "prepaid")}>
              <option value="postpaid">Postpaid</option>
              <option value="prepaid">Prepaid</option>
            </Select>
          </Field>
          <Field label="Tax rate" htmlFor="customer-tax-rate" error={fieldError("taxRate")} hint="A fraction: 0.2 is 20 %.">
            <Input id="customer-tax-rate" inputMode="decimal" value={taxRate} onChange={(e) => setTaxRate(e.target.value)} autoComplete="off" />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Balance alerts and auto-recharge" description="Optional. Used for prepaid balances; auto-recharge needs a payment method." />
        <CardBody className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Field label="Low-balance threshold" htmlFor="customer-low-balance" optional error={fieldError("lowBalanceThreshold")} hint={`We alert you when the balance falls to this amount (${currency || "in the customer's currency"}).`}>
            <Input id="customer-low-balance" inputMode="decimal" value={lowBalanceThreshold} onChange={(e) => setLowBalanceThreshold(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Recharge below" htmlFor="customer-recharge-threshold" optional error={fieldError("autoRecharge.threshold") ?? fieldError("autoRecharge")} hint="Top up when the balance falls below this.">
            <Input id="customer-recharge-threshold" inputMode="decimal" value={rechargeThreshold} onChange={(e) => setRechargeThreshold(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Recharge amount" htmlFor="customer-recharge-amount" optional error={fieldError("autoRecharge.amount")} hint="How much each top-up adds.">
            <Input id="customer-recharge-amount" inputMode="decimal" value={rechargeAmount} onChange={(e) => setRechargeAmount(e.target.value)} autoComplete="off" />
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Address and metadata" description="Optional. The address prints on invoices; metadata is yours (CRM ids, segments…)." />
        <CardBody className="space-y-6">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {ADDRESS_FIELDS.map((f) => (
              <Field key={f.key} label={f.label} htmlFor={`customer-address-${f.key}`} optional error={fieldError(`address.${f.key}`)} className={"span" in f ? "sm:col-span-2" : undefined}>
                <Input id={`customer-address-${f.key}`} value={address[f.key]} onChange={(e) => setAddress({ ...address, [f.key]: e.target.value })} autoComplete="off" />
              </Field>
            ))}
          </div>
          <div>
            <p className="mb-2 text-[13px] font-medium text-zinc-700">Metadata</p>
            <div className="space-y-2">
              {metadata.map((row, i) => (
                <div key={row.key} className="flex items-center gap-2">
                  <Input
                    aria-label={`Metadata ${i + 1} key`}
                    placeholder="key"
                    value={row.name}
                    onChange={(e) => setMetadata(metadata.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
                    className="w-48 font-mono"
                  />
                  <Input
                    aria-label={`Metadata ${i + 1} value`}
                    placeholder="value"
                    value={row.value}
                    onChange={(e) => setMetadata(metadata.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)))}
                    className="min-w-0 flex-1"
                  />
                  <Button variant="ghost" size="sm" className="px-2" aria-label={`Remove metadata ${i + 1}`} onClick={() => setMetadata(metadata.filter((r) => r.key !== row.key))}>
                    <X className="size-4" />
                  </Button>
                </div>
              ))}
              <Button variant="ghost" size="sm" onClick={() => setMetadata([...metadata, { key: rowKey(), name: "", value: "" }])}>
                <Plus className="size-3.5" /> Add metadata
              </Button>
              <FieldError id="customer-metadata-error" error={metadataError} />
            </div>
          </div>
        </CardBody>
        <CardFooter>
          <ButtonLink href={cancelHref} variant="secondary">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={pending}>
            {mode === "create" ? "Create customer" : "Save changes"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
