import { FileText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { describeReminderOffset } from "@/server/billing/payment-reminders";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { displayDate, displayDateTime, displayMoney, displayPercent, displayPeriod, INVOICE_KIND_LABELS } from "../invoice-format";
import { InvoiceLinesTable } from "../invoice-lines-table";
import { InvoiceActions } from "./invoice-actions";
import { InvoicePaymentsCard } from "./invoice-payments-card";

export const metadata: Metadata = { title: "Invoice" };

const REASON_LABELS = {
  duplicate: "Duplicate",
  fraudulent: "Fraudulent",
  order_change: "Order change",
  product_unsatisfactory: "Product unsatisfactory",
  billing_error: "Billing error",
  refund: "Refund",
  other: "Other",
} as const;

const EVENT_LABELS = {
  created: "Created as a draft",
  finalized: "Finalized",
  paid: "Paid",
  voided: "Voided",
  uncollectible: "Marked uncollectible",
} as const;

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await serverCaller();
  const may = await operatorMay();
  const notFoundOr = (error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  };
  const [stored, timeline, creditNotes, labels, payments] = await Promise.all([
    trpc.invoices.get({ id }).catch(notFoundOr),
    trpc.invoices.details({ id }).catch(notFoundOr),
    trpc.creditNotes.listForInvoice({ id, limit: 200 }).catch(notFoundOr),
    trpc.invoices.labels({ ids: [id] }),
    trpc.payments.recent({ invoice: id, limit: 100 }).catch(notFoundOr),
  ]);
  const kind = labels.data[0]?.kind;
  // A draft's tax and total are only stored when it is finalized: show what they will be.
  const invoice = { ...stored, ...(timeline.draftTotals ?? {}) };
  const zone = timeline.timezone;
  const money = (amount: string) => displayMoney(amount, invoice.currency);
  const customerHref = `/customers/${encodeURIComponent(invoice.customer)}`;
  const title = invoice.number ?? "Draft invoice";

  return (
    <>
      <PageHeader
        title={<span className="font-mono">{title}</span>}
        meta={
          <>
            <StatusBadge status={invoice.status} />
            {invoice.disputedAt && <StatusBadge status="disputed" />}
          </>
        }
        breadcrumb={[{ href: "/invoices", label: "Invoices" }]}
        description={
          <>
            <Link href={customerHref} className="font-medium text-indigo-600 hover:underline">
              {timeline.customerName || invoice.customer}
            </Link>{" "}
            · {kind && `${INVOICE_KIND_LABELS[kind]} invoice, `}
            {displayPeriod(invoice.periodStart, invoice.periodEnd, zone)}
          </>
        }
        actions={
          <>
            <a href={`/api/v1/invoices/${invoice.id}/pdf`} target="_blank" rel="noopener" className={buttonClasses({ variant: "secondary" })}>
              <FileText aria-hidden="true" />
              Download PDF
            </a>
            {may("invoices.void") && (
              <InvoiceActions
                id={invoice.id}
                number={invoice.number}
                status={invoice.status}
                currency={invoice.currency}
                amountDue={money(invoice.amountDue)}
                hasCreditNotes={creditNotes.data.length > 0}
                creditNote={{
                  invoiceId: invoice.id,
                  number: invoice.number,
                  currency: invoice.currency,
                  lines: invoice.lines.map((l) => ({ description: l.description, amount: money(l.amount) })),
                  taxRateLabel: /[1-9]/.test(timeline.taxRate) ? displayPercent(timeline.taxRate) : null,
                }}
              />
            )}
          </>
        }
      />
      {invoice.status === "draft" && (
        <Alert tone="info" className="mb-6" title="Draft">
          Editable until it is finalized, by you or by the first billing run after the grace period. It has no number yet; tax and total are shown as they will be, and the customer&apos;s credits are applied when it is finalized.
        </Alert>
      )}
      {invoice.status === "void" && (
        <Alert tone="warning" className="mb-6">
          This invoice is void: nothing on it is due.
        </Alert>
      )}
      {invoice.status === "uncollectible" && (
        <Alert tone="warning" className="mb-6">
          This invoice was written off as uncollectible. It can still be paid: record a transfer, or send the customer a payment link.
        </Alert>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Lines" description={`${invoice.lines.length} line${invoice.lines.length === 1 ? "" : "s"}, grouped by the period they bill. Amounts in ${invoice.currency}.`} />
            <InvoiceLinesTable invoice={invoice} timezone={zone} />
          </Card>
          {(invoice.status !== "draft" || payments.data.length > 0) && <InvoicePaymentsCard invoice={invoice} timezone={zone} payments={payments.data} />}
          {creditNotes.data.length > 0 && (
            <Card id="credit-notes">
              <CardHeader title="Credit notes" description="Corrections of this invoice. Each lowers what is due first; the rest went back to the customer's balance, or to their card for a refund." />
              <Table aria-label="Credit notes">
                <THead>
                  <TR>
                    <TH>Number</TH>
                    <TH>Reason</TH>
                    <TH>Issued</TH>
                    <TH numeric>Total</TH>
                    <TH numeric>Off amount due</TH>
                    <TH numeric>To balance</TH>
                    <TH numeric>Refunded</TH>
                    <TH>
                      <span className="sr-only">Download</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {creditNotes.data.map((note) => (
                    <TR key={note.id}>
                      <TD>
                        <span className="font-mono text-sm whitespace-nowrap">{note.number}</span>
                        {note.memo && <span className="block text-xs text-zinc-500">{note.memo}</span>}
                      </TD>
                      <TD>{REASON_LABELS[note.reason]}</TD>
                      <TD>{displayDateTime(note.issuedAt)}</TD>
                      <TD numeric>{money(note.total)}</TD>
                      <TD numeric>{money(note.appliedToInvoice)}</TD>
                      <TD numeric>{money(note.creditedToBalance)}</TD>
                      <TD numeric>{money(note.refunded)}</TD>
                      <TD>
                        <a href={`/api/v1/credit-notes/${note.id}/pdf`} target="_blank" rel="noopener" className="text-sm font-medium text-indigo-600 hover:underline">
                          PDF
                        </a>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </Card>
          )}
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Details" actions={<StatusBadge status={invoice.status} />} />
            <CardBody className="py-1">
              <DescriptionList
                layout="stacked"
                items={[
                  {
                    label: "Customer",
                    value: (
                      <>
                        <Link href={customerHref} className="font-medium text-indigo-600 hover:underline">
                          {timeline.customerName || invoice.customer}
                        </Link>
                        <span className="block text-xs text-zinc-500">{timeline.customerEmail}</span>
                      </>
                    ),
                  },
                  { label: "Customer ID", value: <Code>{invoice.customer}</Code> },
                  { label: "Period", value: `${displayPeriod(invoice.periodStart, invoice.periodEnd, zone)}${zone === "UTC" ? "" : ` (${zone})`}` },
                  { label: "Kind", value: kind === "opening" ? "Opening: the period's advance fees" : kind === "closing" ? "Closing: the period that ended" : null },
                  { label: "Issued", value: invoice.issuedAt ? displayDateTime(invoice.issuedAt) : "When finalized" },
                  { label: "Due", value: invoice.dueAt ? displayDate(invoice.dueAt, zone) : "When finalized" },
                  { label: "Currency", value: <span className="font-mono">{invoice.currency}</span> },
                  { label: "Invoice ID", value: <Code>{invoice.id}</Code> },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Status history" />
            <CardBody>
              <ol className="relative space-y-4 border-l border-zinc-200 pl-5" aria-label="Status history">
                {timeline.events.map((event) => (
                  <li key={event.event} className="relative">
                    <span className="absolute top-1.5 -left-[23.5px] size-2 rounded-full bg-zinc-300 ring-4 ring-white" aria-hidden="true" />
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm font-medium text-zinc-900">{EVENT_LABELS[event.event]}</span>
                      <StatusBadge status={event.status} />
                    </div>
                    <p className="mt-0.5 text-xs text-zinc-500">{displayDateTime(event.at)}</p>
                    {event.event === "finalized" && invoice.number && <p className="mt-0.5 text-xs text-zinc-500">Numbered {invoice.number}</p>}
                  </li>
                ))}
              </ol>
            </CardBody>
          </Card>
          {timeline.reminders.length > 0 && (
            <Card>
              <CardHeader title="Payment reminders" description="E-mailed with a payment link, because nobody charges this invoice automatically." />
              <CardBody>
                <ul className="space-y-3" aria-label="Payment reminders">
                  {timeline.reminders.map((reminder) => (
                    <li key={reminder.offset}>
                      <p className="text-sm font-medium text-zinc-900">{reminder.subject}</p>
                      <p className="mt-0.5 text-xs text-zinc-500">
                        {displayDateTime(reminder.createdAt)} · {describeReminderOffset(reminder.offset)} · to {reminder.to}
                      </p>
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
