"use client";

import { ReceiptText } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { useNotice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

const REASONS = [
  ["billing_error", "Billing error (wrong price or quantity)"],
  ["duplicate", "Duplicate charge"],
  ["order_change", "Order change"],
  ["product_unsatisfactory", "Product unsatisfactory"],
  ["fraudulent", "Fraudulent"],
  ["other", "Other"],
] as const;

export interface CreditNoteDialogProps {
  invoiceId: string;
  number: string | null;
  currency: string;
  /** The invoice's lines as listed, for crediting one of them. */
  lines: { description: string; amount: string }[];
  /** Already formatted, e.g. "20 %". */
  taxRateLabel: string | null;
}

/**
 * Issues a credit note: everything left on the invoice, or an amount (before tax) on one line or
 * on the invoice as a whole. The API decides what is left and names the field it refuses.
 */
export function CreditNoteButton({
  invoiceId,
  number,
  currency,
  lines,
  taxRateLabel,
}: CreditNoteDialogProps) {
  const router = useRouter();
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<"all" | "amount">("all");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);

  function close() {
    setOpen(false);
    setErrors(null);
    setScope("all");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const line = String(form.get("invoiceLine") ?? "");
    const memo = String(form.get("memo") ?? "").trim();
    setPending(true);
    setErrors(null);
    try {
      const note = await trpc.creditNotes.create.mutate({
        id: invoiceId,
        reason: String(form.get("reason")) as (typeof REASONS)[number][0],
        memo: memo || null,
        ...(scope === "amount"
          ? {
              lines: [
                {
                  amount: String(form.get("amount") ?? "").trim(),
                  ...(line === "" ? {} : { invoiceLine: Number(line) }),
                },
              ],
            }
          : {}),
      });
      close();
      notify(`Credit note ${note.number} issued.`);
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const amountError =
    errors?.fields["lines.0.amount"] ?? errors?.fields["lines"];
  const shownInFields =
    errors &&
    (amountError ||
      errors.fields["lines.0.invoiceLine"] ||
      errors.fields.reason ||
      errors.fields.memo);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <ReceiptText aria-hidden="true" />
        Issue credit note
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Credit note for ${number ?? "invoice"}`}
        description="The invoice stays as it was issued. The credit note first lowers what is still due on it; what was already settled by credits goes back to the customer's balance."
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors && !shownInFields && (
            <Alert tone="error">{errors.message}</Alert>
          )}
          <Field
            label="Reason"
            htmlFor="credit-note-reason"
            error={errors?.fields.reason}
          >
            <Select
              id="credit-note-reason"
              name="reason"
              defaultValue="billing_error"
            >
              {REASONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-900">
              What to credit
            </legend>
            <label className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="radio"
                name="scope"
                value="all"
                checked={scope === "all"}
                onChange={() => setScope("all")}
              />
              Everything left on the invoice, tax included
            </label>
            <label className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="radio"
                name="scope"
                value="amount"
                checked={scope === "amount"}
                onChange={() => setScope("amount")}
              />
              An amount
            </label>
          </fieldset>
          {scope === "amount" && (
            <>
              <Field
                label="Invoice line"
                htmlFor="credit-note-line"
                error={errors?.fields["lines.0.invoiceLine"]}
                hint="Crediting a line never goes beyond its amount."
              >
                <Select
                  id="credit-note-line"
                  name="invoiceLine"
                  defaultValue=""
                >
                  <option value="">The invoice as a whole</option>
                  {lines.map((line, index) => (
                    <option key={index} value={index}>
                      {line.description} ({line.amount})
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label={`Amount before tax (${currency})`}
                htmlFor="credit-note-amount"
                error={amountError}
                hint={
                  taxRateLabel
                    ? `The invoice's tax rate (${taxRateLabel}) is added.`
                    : "e.g. 25.00"
                }
              >
                <Input
                  id="credit-note-amount"
                  name="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  required
                />
              </Field>
            </>
          )}
          <Field
            label="Memo"
            htmlFor="credit-note-memo"
            error={errors?.fields.memo}
            hint="Optional; kept with the credit note."
          >
            <Textarea
              id="credit-note-memo"
              name="memo"
              rows={2}
              maxLength={1000}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Issue credit note
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
