import Link from "next/link";
import { displayDate, displayMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { PortalOpenInvoice } from "@/server/portal/overview";

/** Invoices waiting for payment, each with its pay button (paying happens on the invoice's page). */
export function OpenInvoicesCard({ invoices, timezone, invoiceHref }: { invoices: readonly PortalOpenInvoice[]; timezone: string; invoiceHref: (id: string) => string }) {
  return (
    <Card>
      <CardHeader title="Open invoices" description="Pay in full by card; the receipt is e-mailed to you." />
      <ul className="divide-y divide-zinc-100" aria-label="Open invoices">
        {invoices.map((invoice) => (
          <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3" data-testid="open-invoice">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900">
                <Link href={invoiceHref(invoice.id)} className="hover:underline">
                  Invoice {invoice.number ?? ""}
                </Link>
                {invoice.overdue ? (
                  <Badge tone="red">Overdue</Badge>
                ) : invoice.status === "uncollectible" ? (
                  <Badge tone="amber">Payment failed</Badge>
                ) : null}
              </p>
              <p className="text-[13px] text-zinc-500">
                {invoice.issuedAt && `Issued ${displayDate(invoice.issuedAt, timezone)}`}
                {invoice.issuedAt && invoice.dueAt && " · "}
                {invoice.dueAt && `due ${displayDate(invoice.dueAt, timezone)}`}
              </p>
            </div>
            <div className="ml-auto flex items-center gap-3">
              <span className="tabular text-sm font-semibold text-zinc-950">{displayMoney(invoice.amountDue, invoice.currency)}</span>
              <ButtonLink href={invoiceHref(invoice.id)} size="sm" aria-label={`Pay invoice ${invoice.number ?? ""} (${displayMoney(invoice.amountDue, invoice.currency)})`}>
                Pay
              </ButtonLink>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
