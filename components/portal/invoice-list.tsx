import Link from "next/link";
import { displayDate, displayMoney, displayPeriod } from "@/components/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface InvoiceListItem {
  id: string;
  href: string;
  number: string | null;
  status: string;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date | null;
  dueAt: Date | null;
  total: string;
  amountDue: string;
}

const owes = (invoice: InvoiceListItem) => (invoice.status === "open" || invoice.status === "uncollectible") && /[1-9]/.test(invoice.amountDue);

/** The customer's invoices; on a phone the period and dates fold under the number. */
export function InvoiceList({ invoices, timezone }: { invoices: InvoiceListItem[]; timezone: string }) {
  return (
    <Table collapse aria-label="Invoices">
      <THead>
        <TR>
          <TH>Invoice</TH>
          <TH className="max-sm:hidden">Period</TH>
          <TH className="max-md:hidden">Issued</TH>
          <TH className="max-md:hidden">Due</TH>
          <TH>Status</TH>
          <TH numeric>Total</TH>
          <TH numeric className="max-sm:hidden">
            Amount due
          </TH>
        </TR>
      </THead>
      <TBody>
        {invoices.length === 0 && (
          <EmptyRow colSpan={7} description="Invoices appear here once they are issued.">
            No invoices yet
          </EmptyRow>
        )}
        {invoices.map((invoice) => (
          <TR key={invoice.id}>
            <TD>
              <Link href={invoice.href} className="font-mono text-sm font-medium text-zinc-950 underline-offset-2 hover:underline">
                {invoice.number ?? "Invoice"}
              </Link>
              <p className="mt-0.5 text-xs text-zinc-500 sm:hidden">{displayPeriod(invoice.periodStart, invoice.periodEnd, timezone)}</p>
            </TD>
            <TD className="max-sm:hidden">{displayPeriod(invoice.periodStart, invoice.periodEnd, timezone)}</TD>
            <TD className="whitespace-nowrap max-md:hidden">{invoice.issuedAt ? displayDate(invoice.issuedAt, timezone) : "—"}</TD>
            <TD className="whitespace-nowrap max-md:hidden">{invoice.dueAt ? displayDate(invoice.dueAt, timezone) : "—"}</TD>
            <TD>
              <StatusBadge status={invoice.status} />
            </TD>
            <TD numeric>
              {displayMoney(invoice.total, invoice.currency)}
              {owes(invoice) && <p className="mt-0.5 text-xs text-amber-700 sm:hidden">{displayMoney(invoice.amountDue, invoice.currency)} due</p>}
            </TD>
            <TD numeric className={owes(invoice) ? "font-semibold max-sm:hidden" : "text-zinc-500 max-sm:hidden"}>
              {displayMoney(invoice.amountDue, invoice.currency)}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
