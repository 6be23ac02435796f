"use client";

import { DateTime } from "luxon";
import { Coins } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { displayMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useNotice } from "@/components/ui/notice";

const PLACED = ["amount", "paid", "reason", "expiresAt"];

export function GrantCreditsButton({ externalId, currency, timezone }: { externalId: string; currency: string; timezone: string }) {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const [kind, setKind] = useState<"free" | "paid">("free");
  const [reason, setReason] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setErrors(null);
    setAmount("");
    setReason("");
    setExpiresOn("");
    setKind("free");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors(null);
    // The grant expires at the start of the chosen day in the customer's time zone.
    const expiresAt = expiresOn ? DateTime.fromISO(expiresOn, { zone: timezone }).startOf("day").toUTC().toISO() : null;
    try {
      const grant = await trpc.credits.grant.mutate({ externalId, amount: amount.trim(), paid: kind === "paid", reason: reason.trim() || null, expiresAt });
      close();
      notify(`Credits granted: ${displayMoney(grant.amount, currency)}.`);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const fieldError = (path: string) => errors?.fields[path];
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Coins className="size-4" /> Grant credits
      </Button>
      <Dialog open={open} onClose={close} title="Grant credits" description="Credits are drawn by invoices and, for prepaid customers, by usage as it arrives; the grant expiring first is used first.">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {errors && (Object.keys(errors.fields).length === 0 || Object.keys(errors.fields).some((p) => !PLACED.includes(p))) && <Alert tone="error">{errors.message}</Alert>}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={`Amount (${currency})`} htmlFor="grant-amount" error={fieldError("amount")}>
              <Input id="grant-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="100.00" autoFocus autoComplete="off" />
            </Field>
            <Field label="Type" htmlFor="grant-kind" error={fieldError("paid")} hint={kind === "paid" ? "The customer paid for these credits." : "A promotion or a goodwill gesture."}>
              <Select id="grant-kind" value={kind} onChange={(e) => setKind(e.target.value as "free" | "paid")}>
                <option value="free">Free grant</option>
                <option value="paid">Paid top-up</option>
              </Select>
            </Field>
          </div>
          <Field label="Reason" htmlFor="grant-reason" optional error={fieldError("reason")} hint="Shown in the balance history.">
            <Input id="grant-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Welcome credits" autoComplete="off" />
          </Field>
          <Field label="Expires on" htmlFor="grant-expires" optional error={fieldError("expiresAt")} hint={`At 00:00 in the customer's time zone (${timezone}); what is left then expires.`}>
            <Input id="grant-expires" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
          </Field>
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Grant credits
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
