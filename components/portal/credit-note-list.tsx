import { FileDown } from "lucide-react";
import { displayDate, displayMoney } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface CreditNoteItem {
  id: string;
  number: string;
  reason: string;
  total: string;
  appliedToInvoice: string;
  creditedToBalance: string;
  refunded: string;
  issuedAt: Date;
  pdfHref: string;
}

const REASONS: Record<string, string> = {
  duplicate: "Duplicate charge",
  fraudulent: "Fraudulent charge",
  order_change: "Order change",
  product_unsatisfactory: "Product unsatisfactory",
  billing_error: "Billing correction",
  refund: "Refund",
  other: "Correction",
};

/** Where a credit note's money went, in words: off this invoice, to the balance, back to the card. */
function destination(note: CreditNoteItem, currency: string): string {
  const parts = [
    /[1-9]/.test(note.appliedToInvoice) && `${displayMoney(note.appliedToInvoice, currency)} off this invoice`,
    /[1-9]/.test(note.creditedToBalance) && `${displayMoney(note.creditedToBalance, currency)} to your balance`,
    /[1-9]/.test(note.refunded) && `${displayMoney(note.refunded, currency)} refunded to your card`,
  ].filter(Boolean);
  return parts.join(" · ");
}

export function CreditNoteList({ notes, currency, timezone }: { notes: CreditNoteItem[]; currency: string; timezone: string }) {
  return (
    <Card>
      <CardHeader title="Credit notes" description="Corrections of this invoice." />
      <Table collapse aria-label="Credit notes">
        <THead>
          <TR>
            <TH>Credit note</TH>
            <TH className="max-sm:hidden">Issued</TH>
            <TH numeric>Total</TH>
            <TH>
              <span className="sr-only">PDF</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {notes.map((note) => (
            <TR key={note.id}>
              <TD>
                <span className="font-mono text-sm font-medium text-zinc-950">{note.number}</span>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {REASONS[note.reason] ?? note.reason}
                  <span className="sm:hidden"> · {displayDate(note.issuedAt, timezone)}</span>
                </p>
                <p className="mt-0.5 text-xs text-zinc-500">{destination(note, currency)}</p>
              </TD>
              <TD className="whitespace-nowrap max-sm:hidden">{displayDate(note.issuedAt, timezone)}</TD>
              <TD numeric>{displayMoney(note.total, currency)}</TD>
              <TD className="text-right">
                <a href={note.pdfHref} className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline" download>
                  <FileDown className="size-4" aria-hidden="true" />
                  PDF
                </a>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
