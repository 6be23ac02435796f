"use client";

import { Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors, trpc, type FormErrors } from "@/app/_trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { StatusBadge } from "@/components/ui/status-badge";
import { displayDateTime, displayMoney, displayPeriod, INVOICE_KIND_LABELS } from "./invoice-format";

/** How many created invoices the result lists by name; the list below shows them all. */
const SHOWN = 10;

interface CreatedInvoice {
  id: string;
  number: string | null;
  customer: string;
  status: string;
  currency: string;
  total: string;
  subtotal: string;
  periodStart: string;
  periodEnd: string;
  /** "Opening" or "Closing". */
  kind?: string;
}

type RunState =
  | { state: "idle" }
  | { state: "running"; asOf: string | null }
  | { state: "done"; created: number; invoices: CreatedInvoice[]; failed: number; asOf: string | null }
  | { state: "failed"; errors: FormErrors };

/** "Run billing now": invoices every contract period that ended by now (or by "as of"), then lists what it created. */
export function RunBillingPanel() {
  const router = useRouter();
  const [run, setRun] = useState<RunState>({ state: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local = String(new FormData(event.currentTarget).get("asOf") ?? "").trim();
    // datetime-local has no zone: it is the operator's local time, sent as an instant.
    const asOfDate = local ? new Date(local) : null;
    if (asOfDate && Number.isNaN(asOfDate.getTime())) {
      setRun({ state: "failed", errors: { message: "Check the highlighted field.", fields: { asOf: "must be a date and time" } } });
      return;
    }
    const asOf = asOfDate ? asOfDate.toISOString() : null;
    setRun({ state: "running", asOf });
    try {
      const result = await trpc.invoices.runBilling.mutate(asOf ? { asOf } : {});
      // One batched request for the first few, so the result can name them.
      const ids = result.invoiceIds.slice(0, SHOWN);
      const [fetched, labels] = await Promise.all([Promise.all(ids.map((id) => trpc.invoices.get.query({ id }))), trpc.invoices.labels.query({ ids })]);
      const kindOf = new Map(labels.data.map((l) => [l.id, INVOICE_KIND_LABELS[l.kind]]));
      const invoices = fetched.map((invoice) => ({ ...invoice, kind: kindOf.get(invoice.id) }));
      setRun({ state: "done", created: result.invoicesCreated, invoices, failed: result.failures?.length ?? 0, asOf });
      router.refresh();
    } catch (error) {
      setRun({ state: "failed", errors: formErrors(error) });
    }
  }

  const errors = run.state === "failed" ? run.errors : null;
  const running = run.state === "running";
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3 px-5 py-4">
        <div className="min-w-0 max-w-xl">
          <h2 className="text-base leading-6 font-semibold text-zinc-900">Billing run</h2>
          <p className="mt-0.5 text-sm text-zinc-500">
            Invoices every contract period that ended by now (or by the time given) and has no invoice yet. Running it again creates nothing new.
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <Field label="As of" htmlFor="billing-as-of" optional error={errors?.fields.asOf} hint="Your local time; empty means now." className="w-60">
            <Input id="billing-as-of" name="asOf" type="datetime-local" step={1} disabled={running} />
          </Field>
          <Button type="submit" loading={running} className="mt-6.5">
            <Play aria-hidden="true" />
            Run billing now
          </Button>
        </div>
      </form>
      {run.state !== "idle" && !errors?.fields.asOf && (
        <div className="border-t border-zinc-200/80 px-5 py-4" aria-live="polite">
          {run.state === "running" && <Spinner label={run.asOf ? `Billing every contract up to ${displayDateTime(run.asOf)}…` : "Billing every contract up to now…"} />}
          {errors && <Alert tone="error">{errors.message}</Alert>}
          {run.state === "done" && <RunResult created={run.created} invoices={run.invoices} />}
          {run.state === "done" && run.failed > 0 && (
            <Alert tone="warning" className="mt-3" title={run.failed === 1 ? "1 contract could not be billed" : `${run.failed} contracts could not be billed`}>
              The others were billed. The list above says why for each.
            </Alert>
          )}
        </div>
      )}
    </Card>
  );
}

function RunResult({ created, invoices }: { created: number; invoices: CreatedInvoice[] }) {
  if (created === 0) {
    return <Alert tone="info" title="No invoices created">Every contract period that has ended is already invoiced.</Alert>;
  }
  return (
    <Alert tone="success" title={`${created} invoice${created === 1 ? "" : "s"} created`}>
      <ul className="mt-1.5 space-y-1" aria-label="Invoices created">
        {invoices.map((invoice) => (
          <li key={invoice.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
            <Link href={`/invoices/${invoice.id}`} className="font-mono text-[12.5px] font-medium underline underline-offset-2 hover:text-emerald-950">
              {invoice.number ?? "View draft"}
            </Link>
            <StatusBadge status={invoice.status} />
            <span>
              {invoice.customer} · {displayPeriod(invoice.periodStart, invoice.periodEnd)}
              {invoice.kind && ` · ${invoice.kind}`} · <span className="tabular">
                {/* A draft's tax and total are set when it is finalized. */}
                {invoice.status === "draft" ? `${displayMoney(invoice.subtotal, invoice.currency)} before tax` : displayMoney(invoice.total, invoice.currency)}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {created > invoices.length && <p className="mt-1.5">…and {created - invoices.length} more in the list below.</p>}
    </Alert>
  );
}
