"use client";

import { useActionState, useState } from "react";
import { displayMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FormAction } from "./action-result";

export interface BuyCreditsFormProps {
  action: FormAction;
  currency: string;
  /** The organization's bounds on one purchase; null: none. */
  minimum: string | null;
  maximum: string | null;
  disabledReason: string | null;
}

/** What the bounds allow, in words, so nobody types an amount only to be told it is refused. */
function boundsHint(currency: string, minimum: string | null, maximum: string | null): string {
  const money = (amount: string) => displayMoney(amount, currency);
  if (minimum && maximum) return `Between ${money(minimum)} and ${money(maximum)} per purchase.`;
  if (minimum) return `At least ${money(minimum)} per purchase.`;
  if (maximum) return `Up to ${money(maximum)} per purchase.`;
  return `Any amount, in ${currency}.`;
}

/** "Buy credits": the amount, then the card payment page. */
export function BuyCreditsForm({ action, currency, minimum, maximum, disabledReason }: BuyCreditsFormProps) {
  const [state, run, pending] = useActionState(action, null);
  const [amount, setAmount] = useState("");
  const fieldError = state && !state.ok && state.field === "amount" ? `Amount ${state.error.replace(/^amount: /, "")}` : undefined;
  return (
    <Card>
      <CardHeader title="Buy credits" description="Credits pay for usage and are taken off your invoices first." />
      <CardBody>
        <form action={run} noValidate className="space-y-4">
          <Field label={`Amount (${currency})`} htmlFor="top-up-amount" hint={boundsHint(currency, minimum, maximum)} error={fieldError}>
            <Input id="top-up-amount" name="amount" inputMode="decimal" autoComplete="off" placeholder={minimum ?? "50.00"} value={amount} onChange={(e) => setAmount(e.target.value)} className="max-w-60 text-[16px]! sm:text-sm!" />
          </Field>
          {state && !state.ok && !fieldError && <Alert tone="error">{state.error}</Alert>}
          {disabledReason && <p className="text-sm text-zinc-600">{disabledReason}</p>}
          <Button type="submit" loading={pending} disabled={Boolean(disabledReason)} className="max-sm:w-full">
            Continue to payment
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
