import { FileDown } from "lucide-react";
import type { Metadata } from "next";
import { displayPeriod } from "@/components/format";
import { ActionButton } from "@/components/portal/action-button";
import { AmountDueCard } from "@/components/portal/amount-due-card";
import { CreditNoteList } from "@/components/portal/credit-note-list";
import { InvoicePayments } from "@/components/portal/invoice-payments";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { getPortalInvoice, portalInvoicePath } from "@/server/portal/invoices";
import { orNotFound, requirePortal } from "@/server/portal/page-session";
import { InvoiceLinesTable } from "@/app/(dashboard)/invoices/invoice-lines-table";
import { displayBrand } from "@/app/(dashboard)/payments/payment-format";
import { payInvoice } from "./actions";

export const metadata: Metadata = { title: "Invoice" };

const iso = (d: Date) => d.toISOString();

export default async function PortalInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePortal();
  const { id } = await params;
  const { invoice, timezone, payments, creditNotes, payRefusal } = await orNotFound(getPortalInvoice(ctx, id));
  const path = portalInvoicePath(invoice.id);
  const pay =
    payRefusal === null ? (
      <ActionButton action={payInvoice} fields={{ invoiceId: invoice.id }} label="Pay now" disabledReason={ctx.readOnly ? "Paying is off in this read-only preview." : null} />
    ) : undefined;

  return (
    <>
      <PageHeader
        title={<span className="font-mono">{invoice.number ?? "Invoice"}</span>}
        meta={<StatusBadge status={invoice.status} />}
        breadcrumb={[{ href: "/portal/invoices", label: "Invoices" }]}
        description={displayPeriod(invoice.periodStart, invoice.periodEnd, timezone)}
        actions={
          <a href={`${path}/pdf`} download className={buttonClasses({ variant: "secondary" })}>
            <FileDown aria-hidden="true" />
            Download PDF
          </a>
        }
      />
      <div className="space-y-6">
        {payRefusal === "in_progress" && <Alert tone="info">A payment of this invoice is in progress. Its result comes in a few minutes; this page shows it then.</Alert>}
        {invoice.status === "void" && <Alert tone="info">This invoice was cancelled: nothing on it is due.</Alert>}
        {invoice.status === "uncollectible" && <Alert tone="warning">This invoice is overdue. Pay it to settle your account.</Alert>}
        <AmountDueCard currency={invoice.currency} total={invoice.total} amountPaid={invoice.amountPaid} amountDue={invoice.amountDue} dueAt={invoice.dueAt} timezone={timezone} action={pay} />
        <Card>
          <CardHeader title="Lines" description={`Amounts in ${invoice.currency}.`} />
          <InvoiceLinesTable
            invoice={{ ...invoice, periodStart: iso(invoice.periodStart), periodEnd: iso(invoice.periodEnd), lines: invoice.lines.map((l) => ({ ...l, periodStart: iso(l.periodStart), periodEnd: iso(l.periodEnd) })) }}
            timezone={timezone}
          />
        </Card>
        {(payments.length > 0 || invoice.status !== "void") && (
          <InvoicePayments payments={payments.map((p) => ({ ...p, card: p.card && `${displayBrand(p.card.brand)} ···· ${p.card.last4}` }))} currency={invoice.currency} timezone={timezone} />
        )}
        {creditNotes.length > 0 && <CreditNoteList notes={creditNotes.map((n) => ({ ...n, pdfHref: `${path}/credit-notes/${n.id}/pdf` }))} currency={invoice.currency} timezone={timezone} />}
      </div>
    </>
  );
}
