"use client";

import { Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { Textarea } from "@/components/ui/textarea";

export interface RefundDialogProps {
  paymentId: string;
  currency: string;
  /** What is left to refund, as the API formats it ("70.00"). */
  refundable: string;
  /** Formatted for people ("$70.00"). */
  refundableLabel: string;
  hasInvoice: boolean;
}

/**
 * Refunds all that is left or a part of it through the payment's gateway. The API decides what is
 * left, reserves it against concurrent refunds, and names the field it refuses.
 */
export function RefundButton({ paymentId, currency, refundable, refundableLabel, hasInvoice }: RefundDialogProps) {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setErrors(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = String(form.get("amount") ?? "").trim();
    const reason = String(form.get("reason") ?? "").trim();
    setPending(true);
    setErrors(null);
    try {
      const result = await trpc.payments.refund.mutate({ id: paymentId, ...(amount ? { amount } : {}), ...(reason ? { reason } : {}) });
      close();
      const { refund } = result;
      notify(
        refund.status === "succeeded"
          ? `Refunded ${refund.amount} ${refund.currency}${refund.creditNoteNumber ? `; credit note ${refund.creditNoteNumber} issued` : ""}.`
          : refund.status === "pending"
            ? `Refund of ${refund.amount} ${refund.currency} is pending at the gateway.`
            : `The gateway refused the refund: ${refund.failureMessage ?? "no reason given"}.`,
      );
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const shownInFields = errors && (errors.fields.amount || errors.fields.reason);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Undo2 aria-hidden="true" />
        Refund
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Refund payment"
        description={
          hasInvoice
            ? `The money goes back to the customer's payment method. A credit note (reason: refund) records it on the invoice. Up to ${refundableLabel} can be refunded.`
            : `The money goes back to the customer's payment method, and the credits it bought come out of their balance. Up to ${refundableLabel} can be refunded.`
        }
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors && !shownInFields && <Alert tone="error">{errors.message}</Alert>}
          <Field label={`Amount (${currency})`} htmlFor="refund-amount" error={errors?.fields.amount} hint={`Leave as is to refund everything left (${refundableLabel}).`}>
            <Input id="refund-amount" name="amount" inputMode="decimal" autoComplete="off" defaultValue={refundable} />
          </Field>
          <Field label="Reason" htmlFor="refund-reason" error={errors?.fields.reason} hint="Optional; shown on the credit note.">
            <Textarea id="refund-reason" name="reason" rows={2} maxLength={500} />
          </Field>
          <div className="flex justify-end gap-2 pt-1">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Refunding…" : "Refund"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
