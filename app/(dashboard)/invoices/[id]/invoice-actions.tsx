"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { CreditNoteButton, type CreditNoteDialogProps } from "./credit-note-dialog";

export interface InvoiceActionsProps {
  id: string;
  /** "INV-000012", or null for a draft. */
  number: string | null;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  currency: string;
  /** Already formatted ("$1,240.50"), for the confirmations. */
  amountDue: string;
  /** An invoice corrected by credit notes is credited further, never voided. */
  hasCreditNotes?: boolean;
  creditNote?: CreditNoteDialogProps;
}

/** What an operator may do to an invoice in its status: drafts are edited and finalized, open invoices written off or voided, written-off ones voided. */
export function InvoiceActions({ id, number, status, currency, amountDue, hasCreditNotes = false, creditNote }: InvoiceActionsProps) {
  const router = useRouter();
  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
      router.refresh();
      return null;
    } catch (error) {
      return formErrors(error).message;
    }
  };

  if (status === "draft") {
    return (
      <>
        <AddAdjustmentButton id={id} currency={currency} />
        <ConfirmButton
          label="Refresh usage"
          title="Refresh usage"
          description="Recomputes the usage and fee lines from the usage recorded now (late events included). Adjustment lines are kept."
          confirmLabel="Refresh usage"
          done="Usage refreshed."
          onConfirm={run(() => trpc.invoices.refreshUsage.mutate({ id }))}
        />
        <ConfirmButton
          label="Finalize"
          variant="primary"
          title="Finalize invoice"
          description="Gives the invoice the next number, applies the customer's credits and e-mails it; it is paid at once if nothing is left to pay. A finalized invoice never changes: corrections go through credit notes."
          confirmLabel="Finalize invoice"
          done="Invoice finalized."
          onConfirm={run(() => trpc.invoices.finalize.mutate({ id }))}
        />
      </>
    );
  }
  if (status === "open") {
    return (
      <>
        {creditNote && <CreditNoteButton {...creditNote} />}
        <ConfirmButton
          label="Mark uncollectible"
          title={`Mark ${number ?? "invoice"} uncollectible`}
          description={`${amountDue} is written off: collection stops and the invoice stays in your records as uncollectible. This cannot be undone.`}
          confirmLabel="Mark uncollectible"
          done="Invoice marked uncollectible."
          confirmVariant="danger"
          onConfirm={run(() => trpc.invoices.markUncollectible.mutate({ id }))}
        />
        {!hasCreditNotes && (
          <ConfirmButton
            label="Void"
            variant="danger"
            title={`Void ${number ?? "invoice"}`}
            description={`The invoice stays in your records with status void and ${amountDue} is no longer due; credits it applied go back to the customer's balance. Its number is not reused. This cannot be undone.`}
            confirmLabel="Void invoice"
            done="Invoice voided."
            confirmVariant="danger"
            onConfirm={run(() => trpc.invoices.void.mutate({ id }))}
          />
        )}
      </>
    );
  }
  if (status === "paid" && creditNote) return <CreditNoteButton {...creditNote} />;
  if (status === "uncollectible" && !hasCreditNotes) {
    return (
      <ConfirmButton
        label="Void"
        variant="danger"
        title={`Void ${number ?? "invoice"}`}
        description={`The written-off invoice stays in your records with status void and ${amountDue} is no longer owed; credits it applied go back to the customer's balance, and a usage block it caused is lifted. This cannot be undone.`}
        confirmLabel="Void invoice"
        done="Invoice voided."
        confirmVariant="danger"
        onConfirm={run(() => trpc.invoices.void.mutate({ id }))}
      />
    );
  }
  return null;
}

function AddAdjustmentButton({ id, currency }: { id: string; currency: string }) {
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
    setPending(true);
    setErrors(null);
    try {
      await trpc.invoices.addAdjustment.mutate({ id, description: String(form.get("description") ?? ""), amount: String(form.get("amount") ?? "").trim() });
      close();
      notify("Adjustment added.");
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const fieldError = errors && (errors.fields.description || errors.fields.amount);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        Add adjustment
      </Button>
      <Dialog open={open} onClose={close} title="Add adjustment" description="A one-off line on this draft: a charge, or a discount with a negative amount.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors && !fieldError && <Alert tone="error">{errors.message}</Alert>}
          <Field label="Description" htmlFor="adjustment-description" error={errors?.fields.description} hint="Shown on the invoice, e.g. Onboarding discount">
            <Input id="adjustment-description" name="description" maxLength={300} required />
          </Field>
          <Field label={`Amount (${currency})`} htmlFor="adjustment-amount" error={errors?.fields.amount} hint="Negative for a discount, e.g. -25.00">
            <Input id="adjustment-amount" name="amount" inputMode="decimal" autoComplete="off" required />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Add line
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
