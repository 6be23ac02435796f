"use client";

import { DateTime } from "luxon";
import { Banknote, Link2, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { displayMoney } from "@/components/format";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { CheckoutLink, type CheckoutSessionView } from "../../payments/checkout-link";

export interface InvoicePaymentActionsProps {
  invoiceId: string;
  number: string | null;
  customer: string;
  currency: string;
  /** The exact decimal still due ("120.00"). */
  amountDue: string;
  /** The invoice's time zone: a paid-on date starts at 00:00 there. */
  timezone: string;
  /** Open or uncollectible with something due: the buttons show. */
  collectable: boolean;
  /** Open: Retry now charges the default card (a written-off invoice is only paid, never charged). */
  retryable?: boolean;
  /** A line above the buttons (the dunning schedule). */
  note: string | null;
}

interface Outcome {
  tone: AlertTone;
  title: string;
  body?: ReactNode;
}

const paymentLink = (id: string) => (
  <Link href={`/payments/${encodeURIComponent(id)}`} className="font-medium underline">
    View payment
  </Link>
);

/** Collect an open invoice now: retry on the default card, record a transfer, or send a payment link. */
export function InvoicePaymentActions({ invoiceId, number, customer, currency, amountDue, timezone, collectable, retryable = true, note }: InvoicePaymentActionsProps) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [linking, setLinking] = useState(false);
  const [session, setSession] = useState<CheckoutSessionView | null>(null);

  async function retry() {
    setRetrying(true);
    setOutcome(null);
    try {
      const result = await trpc.payments.payInvoice.mutate({ id: invoiceId });
      const p = result.payment;
      const amount = displayMoney(p.amount, p.currency);
      if (p.status === "succeeded") setOutcome({ tone: "success", title: `Payment succeeded: ${amount} collected.`, body: paymentLink(p.id) });
      else if (p.status === "failed")
        setOutcome({
          tone: "error",
          title: `Payment failed${p.failureCode ? ` (${p.failureCode})` : ""}.`,
          body: (
            <>
              {p.failureMessage ?? "The gateway refused the charge."} {paymentLink(p.id)}
            </>
          ),
        });
      else if (p.status === "canceled") setOutcome({ tone: "warning", title: "Payment canceled.", body: paymentLink(p.id) });
      else setOutcome({ tone: "info", title: `Payment of ${amount} submitted; the gateway has not answered yet.`, body: <>Its outcome updates this invoice when it arrives. {paymentLink(p.id)}</> });
      router.refresh();
    } catch (error) {
      setOutcome({ tone: "error", title: formErrors(error).message });
    } finally {
      setRetrying(false);
    }
  }

  async function createLink() {
    setLinking(true);
    setOutcome(null);
    try {
      const created = await trpc.payments.createCheckoutSession.mutate({ externalId: customer, purpose: "invoice", invoiceId });
      setSession({ url: created.url, expiresAt: created.expiresAt });
    } catch (error) {
      setSession(null);
      setOutcome({ tone: "error", title: formErrors(error).message });
    } finally {
      setLinking(false);
    }
  }

  if (!collectable && !note && !outcome && !session) return null;
  return (
    <div className="space-y-3 border-b border-zinc-200/80 px-5 py-4">
      {note && <p className="text-[13px] text-zinc-600">{note}</p>}
      {collectable && (
        <div className="flex flex-wrap items-center gap-2">
          {retryable && (
            <Button size="sm" onClick={retry} loading={retrying}>
              <RefreshCw aria-hidden="true" />
              Retry now
            </Button>
          )}
          <MarkPaidButton invoiceId={invoiceId} number={number} currency={currency} amountDue={amountDue} timezone={timezone} onDone={setOutcome} />
          <Button size="sm" variant="secondary" onClick={createLink} loading={linking}>
            <Link2 aria-hidden="true" />
            Payment link
          </Button>
        </div>
      )}
      {outcome && (
        <Alert tone={outcome.tone} title={outcome.title}>
          {outcome.body}
        </Alert>
      )}
      {session && <CheckoutLink session={session} label="Link for the customer" hint="Send it to the customer: the page charges what the invoice owes when they pay." />}
    </div>
  );
}

function MarkPaidButton({ invoiceId, number, currency, amountDue, timezone, onDone }: Pick<InvoicePaymentActionsProps, "invoiceId" | "number" | "currency" | "amountDue" | "timezone"> & { onDone: (outcome: Outcome) => void }) {
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
    const reference = String(form.get("reference") ?? "").trim();
    const amount = String(form.get("amount") ?? "").trim();
    const paidOn = String(form.get("paidOn") ?? "");
    if (!reference) {
      setErrors({ message: "Check the highlighted fields.", fields: { reference: "is required (the bank transfer's reference)" } });
      return;
    }
    // Paid on a day: at 00:00 of that day in the invoice's time zone.
    const paidAt = paidOn ? (DateTime.fromISO(paidOn, { zone: timezone }).startOf("day").toUTC().toISO() ?? undefined) : undefined;
    setPending(true);
    setErrors(null);
    try {
      const payment = await trpc.payments.markPaid.mutate({ id: invoiceId, reference, ...(amount ? { amount } : {}), ...(paidAt ? { paidAt } : {}) });
      close();
      const money = displayMoney(payment.amount, payment.currency);
      notify(`${number ?? "Invoice"} marked paid: ${money}.`);
      onDone({ tone: "success", title: `Recorded ${money} received by bank transfer (${reference}).`, body: paymentLink(payment.id) });
      router.refresh();
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setPending(false);
    }
  }

  const placed = errors && (errors.fields.reference || errors.fields.amount || errors.fields.paidAt);
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        <Banknote aria-hidden="true" />
        Mark paid
      </Button>
      <Dialog open={open} onClose={close} title={`Mark ${number ?? "invoice"} paid`} description="Record money received outside the gateway, such as a bank transfer. More than is due goes to the customer's credit balance.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors && !placed && <Alert tone="error">{errors.message}</Alert>}
          <Field label="Reference" htmlFor="mark-paid-reference" error={errors?.fields.reference} hint="The transfer's reference; one payment per reference.">
            <Input id="mark-paid-reference" name="reference" maxLength={200} autoComplete="off" required placeholder="e.g. TRX-2026-0042" />
          </Field>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label={`Amount (${currency})`} htmlFor="mark-paid-amount" error={errors?.fields.amount} hint={`Due now: ${displayMoney(amountDue, currency)}.`}>
              <Input id="mark-paid-amount" name="amount" inputMode="decimal" autoComplete="off" defaultValue={amountDue} />
            </Field>
            <Field label="Paid on" htmlFor="mark-paid-date" optional error={errors?.fields.paidAt} hint="Default: now.">
              <Input id="mark-paid-date" name="paidOn" type="date" max={DateTime.now().setZone(timezone).toISODate() ?? undefined} />
            </Field>
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Record payment
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
