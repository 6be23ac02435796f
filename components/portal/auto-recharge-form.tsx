"use client";

import { useActionState } from "react";
import { displayMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionButton } from "./action-button";
import type { FormAction } from "./action-result";

export interface AutoRechargeFormProps {
  currency: string;
  setting: { threshold: string; amount: string; paymentMethodId: string | null; status: "active" | "disabled" } | null;
  /** "Visa ···· 4242" per saved card; the default is marked. */
  cards: { id: string; label: string; isDefault: boolean }[];
  cooldownMinutes: number;
  save: FormAction;
  turnOff: FormAction;
  disabledReason: string | null;
}

const FIELDS = ["threshold", "amount", "paymentMethodId"];

/** Recharge the balance by itself: when it falls to the threshold, the card is charged the amount. */
export function AutoRechargeForm({ currency, setting, cards, cooldownMinutes, save, turnOff, disabledReason }: AutoRechargeFormProps) {
  const [state, run, pending] = useActionState(save, null);
  const fieldError = (name: string) => (state && !state.ok && state.field === name ? state.error.replace(new RegExp(`^${name}: `), "") : undefined);
  const defaultCard = cards.find((c) => c.isDefault);
  const status = !setting ? <Badge tone="neutral">Off</Badge> : setting.status === "disabled" ? <Badge tone="red" dot>Stopped after failed payments: save to turn it back on</Badge> : <Badge tone="green" dot>On</Badge>;
  return (
    <Card>
      <CardHeader title="Auto-recharge" description={`When your balance falls to the threshold, your card is charged the amount and the credits are added (at most once every ${cooldownMinutes} minutes).`} actions={status} />
      <CardBody>
        {setting?.status === "active" && (
          <p className="mb-4 text-sm text-zinc-700">
            At {displayMoney(setting.threshold, currency)} or below, {displayMoney(setting.amount, currency)} is added.
          </p>
        )}
        {cards.length === 0 ? (
          <Alert tone="info">Add a card in Payment methods first: each recharge is charged to one of your saved cards.</Alert>
        ) : (
          <form action={run} noValidate className="space-y-4">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              <Field label={`Threshold (${currency})`} htmlFor="auto-recharge-threshold" hint="Recharge when the balance falls to this." error={fieldError("threshold")}>
                <Input id="auto-recharge-threshold" name="threshold" inputMode="decimal" autoComplete="off" placeholder="10.00" defaultValue={setting?.threshold ?? ""} className="text-[16px]! sm:text-sm!" />
              </Field>
              <Field label={`Recharge amount (${currency})`} htmlFor="auto-recharge-amount" hint="Credits each recharge buys." error={fieldError("amount")}>
                <Input id="auto-recharge-amount" name="amount" inputMode="decimal" autoComplete="off" placeholder="50.00" defaultValue={setting?.amount ?? ""} className="text-[16px]! sm:text-sm!" />
              </Field>
            </div>
            <Field label="Card" htmlFor="auto-recharge-card" error={fieldError("paymentMethodId")}>
              <Select id="auto-recharge-card" name="paymentMethodId" defaultValue={setting?.paymentMethodId ?? ""}>
                <option value="">Default card{defaultCard ? ` (${defaultCard.label})` : ""}</option>
                {cards.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </Select>
            </Field>
            {state && !state.ok && !FIELDS.includes(state.field ?? "") && <Alert tone="error">{state.error}</Alert>}
            {state?.ok && <Alert tone="success">Auto-recharge saved.</Alert>}
            {disabledReason && <p className="text-sm text-zinc-600">{disabledReason}</p>}
            <div className="flex flex-wrap items-start gap-2">
              <Button type="submit" loading={pending} disabled={Boolean(disabledReason)} className="max-sm:flex-1">
                {setting ? "Save" : "Turn on"}
              </Button>
            </div>
          </form>
        )}
        {setting && (
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <ActionButton action={turnOff} label="Turn off auto-recharge" variant="ghost" size="sm" disabledReason={disabledReason} />
          </div>
        )}
      </CardBody>
    </Card>
  );
}
