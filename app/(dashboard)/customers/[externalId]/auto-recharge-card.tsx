"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { displayMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DescriptionList } from "@/components/ui/description-list";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { formatInstant } from "../customer-format";
import type { CustomerDto } from "../types";
import { displayBrand, type PaymentMethodDto } from "../../payments/payment-format";

const PLACED = ["autoRecharge.threshold", "autoRecharge.amount", "autoRecharge.paymentMethodId"];

export interface AutoRechargeCardProps {
  externalId: string;
  currency: string;
  timezone: string;
  autoRecharge: CustomerDto["autoRecharge"];
  /** The customer's saved cards (removed ones are not listed). */
  methods: PaymentMethodDto[];
  /** Settings → Payments: the organization allows auto-recharge. */
  allowed: boolean;
  cooldownMinutes: number;
}

const cardName = (m: PaymentMethodDto) => `${displayBrand(m.brand)} ···· ${m.last4}`;

/** When the balance falls to the threshold, the customer's card is charged the amount, once per crossing. */
export function AutoRechargeCard({ externalId, currency, timezone, autoRecharge, methods, allowed, cooldownMinutes }: AutoRechargeCardProps) {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [threshold, setThreshold] = useState("");
  const [amount, setAmount] = useState("");
  const [methodId, setMethodId] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const money = (value: string) => displayMoney(value, currency);
  const defaultMethod = methods.find((m) => m.isDefault);
  const chosen = autoRecharge?.paymentMethodId ? methods.find((m) => m.id === autoRecharge.paymentMethodId) : undefined;

  function edit() {
    setThreshold(autoRecharge?.threshold ?? "");
    setAmount(autoRecharge?.amount ?? "");
    setMethodId(chosen?.id ?? "");
    setErrors(null);
    setOpen(true);
  }

  async function save(settings: { threshold: string; amount: string; paymentMethodId: string | null } | null) {
    await trpc.customers.update.mutate({ externalId, autoRecharge: settings });
    router.refresh();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    try {
      await save({ threshold: threshold.trim(), amount: amount.trim(), paymentMethodId: methodId || null });
      setOpen(false);
      notify("Auto-recharge saved.");
    } catch (e) {
      setErrors(formErrors(e));
    } finally {
      setPending(false);
    }
  }

  async function turnBackOn() {
    if (!autoRecharge) return;
    setPending(true);
    setError(null);
    try {
      await save({ threshold: autoRecharge.threshold, amount: autoRecharge.amount, paymentMethodId: chosen?.id ?? null });
      notify("Auto-recharge is back on.");
    } catch (e) {
      setError(formErrors(e).message);
    } finally {
      setPending(false);
    }
  }

  const status = !autoRecharge ? (
    <Badge tone="neutral">Not set up</Badge>
  ) : autoRecharge.status === "disabled" ? (
    <Badge tone="red" dot>
      Turned off after 3 failures on {formatInstant(autoRecharge.disabledAt!, timezone)}
    </Badge>
  ) : !allowed ? (
    <Badge tone="amber">Not allowed in Settings → Payments</Badge>
  ) : (
    <Badge tone="green" dot>
      Active
    </Badge>
  );
  const method = chosen
    ? cardName(chosen)
    : autoRecharge?.paymentMethodId
      ? `The chosen card was removed: the default${defaultMethod ? ` (${cardName(defaultMethod)})` : ""} is charged`
      : defaultMethod
        ? `Default card (${cardName(defaultMethod)})`
        : null;
  const fieldError = (path: string) => errors?.fields[path];

  return (
    <Card>
      <CardHeader
        title="Auto-recharge"
        description={`Charges the card when the balance falls to the threshold: once per fall, never while a recharge is pending, at most once every ${cooldownMinutes} min.`}
        actions={
          <Button variant="secondary" size="sm" onClick={edit}>
            {autoRecharge ? "Edit" : "Set up"}
          </Button>
        }
      />
      <CardBody className="space-y-3 py-3">
        {error && <Alert tone="error">{error}</Alert>}
        <div>{status}</div>
        {autoRecharge && (
          <DescriptionList
            layout="stacked"
            items={[
              { label: "Threshold", value: `At or below ${money(autoRecharge.threshold)}` },
              { label: "Amount", value: money(autoRecharge.amount) },
              { label: "Payment method", value: method ?? <span className="text-amber-700">No card: nothing can be charged</span> },
              { label: "Last recharge", value: autoRecharge.lastRechargeAt ? formatInstant(autoRecharge.lastRechargeAt, timezone, { time: "always" }) : "Never" },
              ...(autoRecharge.failures > 0 && autoRecharge.status === "active" ? [{ label: "Failed in a row", value: `${autoRecharge.failures} of 3` }] : []),
            ]}
          />
        )}
        {autoRecharge && (
          <div className="flex flex-wrap gap-2 pt-1">
            {autoRecharge.status === "disabled" && (
              <Button size="sm" onClick={turnBackOn} loading={pending && !open}>
                Turn back on
              </Button>
            )}
            <ConfirmButton
              label="Turn off"
              size="sm"
              variant="ghost"
              title="Turn off auto-recharge"
              description="The customer's card is no longer charged when their balance runs low. Their threshold and amount are forgotten."
              confirmLabel="Turn off"
              confirmVariant="danger"
              done="Auto-recharge turned off."
              onConfirm={async () => {
                try {
                  await save(null);
                  return null;
                } catch (e) {
                  return formErrors(e).message;
                }
              }}
            />
          </div>
        )}
      </CardBody>
      <Dialog open={open} onClose={() => setOpen(false)} title="Auto-recharge" description="When a charge takes the balance to the threshold or below, the card is charged the amount and the credits are added.">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {errors && (Object.keys(errors.fields).length === 0 || Object.keys(errors.fields).some((p) => !PLACED.includes(p))) && <Alert tone="error">{errors.message}</Alert>}
          {autoRecharge?.status === "disabled" && <Alert tone="warning">Saving turns auto-recharge back on and clears its failures.</Alert>}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={`Threshold (${currency})`} htmlFor="auto-recharge-threshold" error={fieldError("autoRecharge.threshold")} hint="Recharge when the balance falls to this.">
              <Input id="auto-recharge-threshold" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="10.00" autoFocus autoComplete="off" />
            </Field>
            <Field label={`Amount (${currency})`} htmlFor="auto-recharge-amount" error={fieldError("autoRecharge.amount")} hint="Credits each recharge buys.">
              <Input id="auto-recharge-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="50.00" autoComplete="off" />
            </Field>
          </div>
          <Field label="Payment method" htmlFor="auto-recharge-method" error={fieldError("autoRecharge.paymentMethodId")} hint={methods.length === 0 ? "The customer has no card yet: add one in Payment methods." : undefined}>
            <Select id="auto-recharge-method" value={methodId} onChange={(e) => setMethodId(e.target.value)}>
              <option value="">Default card{defaultMethod ? ` (${cardName(defaultMethod)})` : ""}</option>
              {methods.map((m) => (
                <option key={m.id} value={m.id}>
                  {cardName(m)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending && open}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
